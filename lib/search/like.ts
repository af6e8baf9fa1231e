// LIKE / ILIKE patterns from what a user typed: % and _ are wildcards to PostgreSQL, so a search for "%"
// must look for a percent sign, not match every row. Prisma's `contains` / `startsWith` and case-insensitive
// `equals` pass the text into a LIKE pattern unescaped; everything that searches by substring goes through here.

/** The text with LIKE's wildcards and its escape character escaped (PostgreSQL's default escape is \). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A Prisma filter: the field contains `value` literally, in any letter case. */
export function containsText(value: string) {
  return { contains: escapeLike(value), mode: "insensitive" as const };
}

/** A Prisma filter: the field equals `value` in any letter case (Prisma compiles this to ILIKE, too). */
export function equalsText(value: string) {
  return { equals: escapeLike(value), mode: "insensitive" as const };
}

/** A Prisma filter: the field starts with `value` literally. */
export function startsWithText(value: string) {
  return { startsWith: escapeLike(value) };
}
