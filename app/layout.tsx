import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { pickAreas, ROOT_CLIENT_AREAS } from "@/lib/i18n/client-areas";
// Bundled fonts (see globals.css): Latin + Cyrillic (Kazakh letters), Arabic script, Chinese characters.
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/600.css";
import "@fontsource/noto-sans/700.css";
import "@fontsource/noto-sans-arabic/arabic-400.css";
import "@fontsource/noto-sans-arabic/arabic-700.css";
// The sliced CSS: 100 small files by unicode-range instead of one 1.1 MB font for every page.
import "@fontsource/noto-sans-sc/400.css";
import "./globals.css";

export const metadata = { title: "Qamqor" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale} dir="ltr">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {/* only the areas every page's client components use; sections add theirs (ClientMessages) */}
        <NextIntlClientProvider locale={locale} messages={pickAreas(messages, ROOT_CLIENT_AREAS)}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
