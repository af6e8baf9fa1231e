import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickAreas, ROOT_CLIENT_AREAS, SECTION_CLIENT_AREAS, type ClientSection } from "@/lib/i18n/client-areas";

/** Gives the client components of a section the messages they use, and no others (lib/i18n/client-areas.ts). */
export async function ClientMessages({ section, children }: { section?: ClientSection; children: ReactNode }) {
  const areas = [...ROOT_CLIENT_AREAS, ...(section ? SECTION_CLIENT_AREAS[section] : [])];
  return <NextIntlClientProvider messages={pickAreas(await getMessages(), areas)}>{children}</NextIntlClientProvider>;
}
