// next-intl's per-request configuration: the language comes from the choice made in this browser
// (cookie), then the signed-in member's saved choice or their organisation's default, then the
// browser's preference, then Kazakh.
import { cookies, headers } from "next/headers";
import { getSession } from "@/lib/auth/context";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from "./config";
import { loadMessages } from "./messages";

function fromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return null;
}

async function signedInPreference(): Promise<Locale | null> {
  try {
    // the session check (once per request) answers it: no statement of its own
    return (await getSession())?.preferredLocale ?? null;
  } catch {
    // A language is never a reason for a page to fail: fall through to the browser's preference.
    return null;
  }
}

export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return (
    (await signedInPreference()) ?? fromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE
  );
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: "Asia/Almaty",
    // A missing translation must never break a page for a user; the test suite catches it instead.
    onError: () => {},
    getMessageFallback: ({ namespace, key }) => [namespace, key].filter(Boolean).join("."),
  };
});

export { LOCALES };
