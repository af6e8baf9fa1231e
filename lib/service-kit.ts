// The service kit: the one home of what every service does with input from outside and with a save that
// lost a race. Parse with a schema from lib/validations into per-field message keys (of the "validation"
// area), check an id, read the version an editor started from, refuse a stale save, and the plain
// shapes a view hands out (days, instants, decimals). Pure: no database, no request.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { AppError, invalid, type FieldErrors } from "@/lib/errors";

const NUL = "\u0000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` is a record id. A server action's arguments are whatever the browser sent: an array
 * holding an id would pass a bare regex test (it is turned into the id's text), so the type is checked
 * too. Ids that are not UUIDs can never name a row; answering NOT_FOUND early also keeps PostgreSQL
 * from erroring.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The paths ("names.0.value", "q") of every string in `input` (keys included) that holds a NUL character. */
function nulCharacterPaths(input: unknown, path: string[] = [], found: string[] = [], depth = 0): string[] {
  if (typeof input === "string") {
    if (input.includes(NUL)) found.push(path.join(".") || "_form");
  } else if (input && typeof input === "object" && depth < 32) {
    for (const [key, value] of Object.entries(input)) {
      if (key.includes(NUL)) found.push([...path, key.replaceAll(NUL, "")].join("."));
      else nulCharacterPaths(value, [...path, key], found, depth + 1);
    }
  }
  return found;
}

/**
 * Zod's issues as one list of message keys per field path ("_form" for the whole input). Our schemas
 * give message keys; zod's own type messages become the nearest key.
 */
export function fieldErrorsFrom(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".") || "_form";
    const key = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : /received undefined/.test(issue.message) ? "required" : "invalidChoice";
    const keys = (fieldErrors[path] ??= []);
    if (!keys.includes(key)) keys.push(key);
  }
  return fieldErrors;
}

/**
 * Parses `input` with `schema` or throws INVALID with the message keys per field. Text with a NUL
 * character is refused here, for every service at once: PostgreSQL cannot store it, and no person types it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const withNul = nulCharacterPaths(input);
  if (withNul.length > 0) throw invalid("Some fields need attention.", Object.fromEntries(withNul.map((path) => [path, ["invalidCharacters"]])));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid("Some fields need attention.", fieldErrorsFrom(result.error.issues));
}

const versionSchema = z.object({ version: z.coerce.number({ message: "invalidNumber" }).int("invalidNumber").min(1, "invalidNumber") });

/** The version an editor started from, given as a number, a string or `{version}` (API bodies, forms). */
export function parseVersion(input: unknown): number {
  const raw = input !== null && typeof input === "object" && "version" in input ? (input as { version: unknown }).version : input;
  return parseInput(versionSchema, { version: raw }).version;
}

/**
 * Refuses a save made against an older version (CONFLICT), handing back what is stored now so the
 * editor can show it; `what` names the record in the message ("case", "protest").
 */
export function staleVersion(what: string, current: Record<string, unknown> | null): AppError {
  return new AppError("CONFLICT", `Someone else changed this ${what} after you opened it. Review their change and apply yours again.`, {
    details: { current },
  });
}

/** Throws INVALID when a rule check across fields found anything. */
export function assertNoFieldErrors(fieldErrors: FieldErrors): void {
  if (Object.keys(fieldErrors).length > 0) throw invalid("Some fields need attention.", fieldErrors);
}

/** A stored day as the API and forms carry it: "YYYY-MM-DD". */
export const isoDay = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);
/** A stored instant as the API carries it. */
export const isoTime = (date: Date | null): string | null => (date ? date.toISOString() : null);
/** A stored decimal (a fine) as a plain number. */
export const decimalToNumber = (value: { toString(): string } | null): number | null => (value === null ? null : Number(value.toString()));
