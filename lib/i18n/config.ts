// Languages of the interface. Kazakh first: it is the default for the groups we serve.
export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "kk";
export const LOCALE_COOKIE = "qamqor_locale";

/** Message files, one per area of the app, in lib/i18n/messages/<locale>/<area>.json. */
export const MESSAGE_AREAS = [
  "common",
  "nav",
  "auth",
  "admin",
  "people",
  "cases",
  "protests",
  "police",
  "advocacy",
  "unSubmissions",
  "dashboard",
  "reports",
  "imports",
  "errors",
  "validation",
  "language",
] as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export const LOCALE_NAMES: Record<Locale, string> = { kk: "Қазақша", ru: "Русский", en: "English" };
