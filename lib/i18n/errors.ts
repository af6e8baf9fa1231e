// Turning error and validation KEYS into sentences in the reader's language. Zod schemas carry keys of
// the shared "validation" area ("required", "tooLong") or of an area's own "<area>.validation" group
// ("outcomeBeforeAction" in police); AppError carries a key of "errors" or of "<area>.errors".
// Pure (no server-only): usable by runAction, apiHandler and client forms alike.
import type { ErrorCode, FieldErrors } from "@/lib/errors";
import { DEFAULT_LOCALE, MESSAGE_AREAS, type Locale } from "./config";
import enErrors from "./messages/en/errors.json";
import enValidation from "./messages/en/validation.json";
import kkErrors from "./messages/kk/errors.json";
import kkValidation from "./messages/kk/validation.json";
import ruErrors from "./messages/ru/errors.json";
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
const ERRORS: Record<Locale, Catalog> = { kk: kkErrors, ru: ruErrors, en: enErrors };

function interpolate(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** One validation key in `locale`; text that is not a key (a message already written out) passes through. */
export function translateValidation(key: string, locale: Locale): string {
  return VALIDATION[locale][key] ?? VALIDATION[DEFAULT_LOCALE][key] ?? key;
}

/** Field errors whose messages are validation keys → the same fields with sentences in `locale`. */
export function translateFieldErrors(fieldErrors: FieldErrors, locale: Locale): FieldErrors {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, keys]) => [field, keys.map((key) => translateValidation(key, locale))]),
  );
}

/** A key of the "errors" area in `locale`, or undefined when there is no such key. */
export function translateErrorKey(key: string, locale: Locale, values?: Record<string, string | number>): string | undefined {
  const template = ERRORS[locale][key];
  return template === undefined ? undefined : interpolate(template, values);
}

/** The parts of an error a translator needs; AppError and the ErrorBody's `error` both fit. */
export interface LocalizableError {
  code: ErrorCode;
  message: string;
  key?: string;
  values?: Record<string, string | number>;
  fieldErrors?: FieldErrors;
  details?: Record<string, unknown>;
}

/** A translator as next-intl gives one (`getTranslations()` / `useTranslations()` without namespace). */
export interface RootTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/**
 * The error as people should read it: message and field messages in the translator's language. An
 * unknown key keeps the original English message rather than showing a raw key.
 */
export function localizeError(error: LocalizableError, t: RootTranslator): {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  details?: Record<string, unknown>;
} {
  const has = (path: string) => t.has(path);
  const messageKey = error.key ? findKeyPath(error.key, ERROR_KEY_PATHS, has) : undefined;
  const message = messageKey ? t(messageKey, error.values) : error.message;
  const fieldErrors = error.fieldErrors
    ? Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, keys]) => [
          field,
          keys.map((key) => {
            const path = findKeyPath(key, VALIDATION_KEY_PATHS, has);
            return path ? t(path) : key;
          }),
        ]),
      )
    : undefined;
  return {
    code: error.code,
    message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}
