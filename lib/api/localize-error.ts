// Turns any thrown error into the error body people see, in their language: AppError and ZodError
// keep their code and per-field messages; anything else becomes INTERNAL without details.
import "server-only";
import { createTranslator } from "next-intl";
import { ZodError } from "zod";
import { AppError, toErrorBody, type ErrorBody, type FieldErrors } from "../errors";
import type { Locale } from "../i18n/config";
import { loadMessages } from "../i18n/messages";
import { resolveLocale } from "../i18n/request";

/** Field errors from a ZodError, keyed by path; the messages are keys of the "validation" area. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    (fieldErrors[path] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** The same error as an AppError, so there is one mapping to statuses and messages. */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("INVALID", "Some fields need attention.", { fieldErrors: zodFieldErrors(error), key: "invalid" });
  }
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

/** Status and body for an error, with the message and field messages translated. Never a stack trace. */
export async function localizedErrorBody(error: unknown, locale?: Locale): Promise<{ status: number; body: ErrorBody }> {
  const appError = asAppError(error);
  if (!appError) {
    console.error(error);
  }
  const { status, body } = toErrorBody(appError ?? error);
  const lang = locale ?? (await currentLocale());
  const messages = await loadMessages(lang);
  const t = createTranslator({ locale: lang, messages, onError: () => {}, getMessageFallback: () => "" });
  // Shared keys live in the "errors"/"validation" areas; sign-in and admin keep their own under auth/admin.
  const lookup = (areas: string[], key: string, values?: Record<string, string | number>): string | null => {
    for (const area of areas) {
      const path = `${area}.${key}` as never;
      if (t.has(path)) return t(path, (values ?? {}) as never);
    }
    return null;
  };
  const key = body.error.key;
  const translated = key ? lookup(["errors", "auth.errors", "admin.errors"], key, appError?.values) : null;
  if (translated) body.error.message = translated;
  if (body.error.fieldErrors) {
    body.error.fieldErrors = Object.fromEntries(
      Object.entries(body.error.fieldErrors).map(([field, keys]) => [
        field,
        keys.map((k) => lookup(["validation", "auth.validation", "admin.validation"], k) ?? k),
      ]),
    );
  }
  return { status, body };
}
