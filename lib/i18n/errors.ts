// Turning error and validation KEYS into sentences in the reader's language. Zod schemas carry keys of
// the shared "validation" area ("required", "tooLong") or of an area's own "<area>.validation" group
// ("outcomeBeforeAction" in police); AppError carries a key of "errors" or of "<area>.errors".
// Pure (no server-only): the server's error bodies (lib/api/localize-error.ts) and client forms use it.
import { DEFAULT_LOCALE, MESSAGE_AREAS, type Locale } from "./config";
import enValidation from "./messages/en/validation.json";
import kkValidation from "./messages/kk/validation.json";
import ruValidation from "./messages/ru/validation.json";

type Catalog = Record<string, string>;

const OWN_AREAS = MESSAGE_AREAS.filter((area) => area !== "errors" && area !== "validation");

/** Where a validation key is looked up, in order: the shared area first, then each area's own group. */
export const VALIDATION_KEY_PATHS: readonly string[] = ["validation", ...OWN_AREAS.map((area) => `${area}.validation`)];

/** Where an error key is looked up, in order: the shared area first, then each area's own group. */
export const ERROR_KEY_PATHS: readonly string[] = ["errors", ...OWN_AREAS.map((area) => `${area}.errors`)];

/** The first of `paths` under which the translator has `key`, as a full message path. */
export function findKeyPath(key: string, paths: readonly string[], has: (path: string) => boolean): string | undefined {
  return paths.map((path) => `${path}.${key}`).find(has);
}

const VALIDATION: Record<Locale, Catalog> = { kk: kkValidation, ru: ruValidation, en: enValidation };

/** One validation key in `locale`; text that is not a key (a message already written out) passes through. */
export function translateValidation(key: string, locale: Locale): string {
  return VALIDATION[locale][key] ?? VALIDATION[DEFAULT_LOCALE][key] ?? key;
}
