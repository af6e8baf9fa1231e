// The one way service input is parsed: a schema from lib/validations, errors per field as message keys
// of the "validation" area. Text with a NUL character is refused here, for every service at once:
// PostgreSQL cannot store it, and no person types it.
import "@/lib/security/zod-no-eval";
import type { z } from "zod";
import { invalid, type FieldErrors } from "@/lib/errors";

const NUL = "\u0000";

/** The paths ("names.0.value", "q") of every string in `input` (keys included) that holds a NUL character. */
export function nulCharacterPaths(input: unknown, path: string[] = [], found: string[] = [], depth = 0): string[] {
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

/** Parses `input` with `schema` or throws INVALID with one list of message keys per field path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const withNul = nulCharacterPaths(input);
  if (withNul.length > 0) throw invalid("Some fields need attention.", Object.fromEntries(withNul.map((path) => [path, ["invalidCharacters"]])));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    // our schemas give message keys; zod's own type messages become the nearest key
    const key = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : /received undefined/.test(issue.message) ? "required" : "invalidChoice";
    const keys = (fieldErrors[path] ??= []);
    if (!keys.includes(key)) keys.push(key);
  }
  throw invalid("Some fields need attention.", fieldErrors);
}
