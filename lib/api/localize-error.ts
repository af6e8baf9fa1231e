// Turns any thrown error into the error body people see, in their language: AppError and ZodError
// keep their code and per-field messages; anything else becomes INTERNAL without details.
import "server-only";
import { createTranslator } from "next-intl";
import { ZodError } from "zod";
import { AppError, databaseUnavailableReason, isDatabaseUnavailable, RETRY_AFTER_SECONDS, toErrorBody, unavailable, type ErrorBody } from "../errors";
import type { Locale } from "../i18n/config";
import { ERROR_KEY_PATHS, findKeyPath, VALIDATION_KEY_PATHS } from "../i18n/errors";
import { loadMessages } from "../i18n/messages";
import { resolveLocale } from "../i18n/request";
import { errorFacts, log } from "../log";
import { fieldErrorsFrom } from "../service-kit";

/** The same error as an AppError, so there is one mapping to statuses and messages (a ZodError: as parseInput maps it). */
function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("INVALID", "Some fields need attention.", { fieldErrors: fieldErrorsFrom(error.issues), key: "invalid" });
  }
  if (isDatabaseUnavailable(error)) return unavailable();
  return null;
}

async function currentLocale(): Promise<Locale> {
  try {
    return await resolveLocale();
  } catch {
    // outside a request (scripts, tests): the default language
    return "kk";
  }
}

/**
 * Status, body and headers for an error, with the message and field messages translated. Never a
 * stack trace. A database outage is one warning line and a 503 with Retry-After.
 */
export async function localizedErrorBody(error: unknown, locale?: Locale): Promise<{ status: number; body: ErrorBody; headers: Record<string, string> }> {
  const appError = asAppError(error);
  if (!appError) {
    log().error(errorFacts(error), "unexpected error");
  } else if (appError.code === "UNAVAILABLE" && !(error instanceof AppError)) {
    // an outage is expected from time to time: one line, no stack
    log().warn({ reason: databaseUnavailableReason(error) }, "database unavailable");
  }
  const headers: Record<string, string> = appError?.code === "UNAVAILABLE" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {};
  const { status, body } = toErrorBody(appError ?? error);
  const lang = locale ?? (await currentLocale());
  const messages = await loadMessages(lang);
  const t = createTranslator({ locale: lang, messages, onError: () => {}, getMessageFallback: () => "" });
  // Shared keys live in the "errors"/"validation" areas; an area's own keys under "<area>.errors" and
  // "<area>.validation" (police, protests, advocacy, auth, admin…).
  const has = (path: string) => t.has(path as never);
  const translate = (key: string, paths: readonly string[], values?: Record<string, string | number>): string | null => {
    const path = findKeyPath(key, paths, has);
    return path ? t(path as never, (values ?? {}) as never) : null;
  };
  const key = body.error.key;
  const translated = key ? translate(key, ERROR_KEY_PATHS, appError?.values) : null;
  if (translated) body.error.message = translated;
  if (body.error.fieldErrors) {
    body.error.fieldErrors = Object.fromEntries(
      Object.entries(body.error.fieldErrors).map(([field, keys]) => [field, keys.map((k) => translate(k, VALIDATION_KEY_PATHS) ?? translate(k, ERROR_KEY_PATHS) ?? k)]),
    );
  }
  return { status, body, headers };
}
