"use server";
// Changing the interface language: remembered in this browser (cookie) and, when signed in, on the
// member's user record so it follows them.
import { cookies } from "next/headers";
import { getCtx } from "@/lib/auth/context";
import { sessionCookieOptions } from "@/lib/auth/cookies";
import { setUserLocale } from "@/lib/users/set-locale";
import { LOCALE_COOKIE, type Locale } from "./config";
import { setLocaleSchema } from "./schema";
import { translateValidation } from "./errors";
import { resolveLocale } from "./request";

export type SetLocaleResult = { ok: true; locale: Locale } | { ok: false; error: string };

export async function setLocale(locale: string): Promise<SetLocaleResult> {
  const parsed = setLocaleSchema.safeParse({ locale });
  if (!parsed.success) {
    return { ok: false, error: translateValidation("invalidLocale", await resolveLocale()) };
  }
  // Same attributes as the session cookie (Secure behind https), kept for a year.
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, sessionCookieOptions(60 * 60 * 24 * 365));
  const ctx = await getCtx();
  if (ctx) await setUserLocale(ctx, parsed.data);
  return { ok: true, locale: parsed.data.locale };
}
