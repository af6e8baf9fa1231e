"use client";
// When even the root layout fails (its language and messages come from the database), there is no
// translation provider: the sentence is shown in the three languages, Kazakh first, from the catalogues.
import en from "@/lib/i18n/messages/en/errors.json";
import kk from "@/lib/i18n/messages/kk/errors.json";
import ru from "@/lib/i18n/messages/ru/errors.json";

const catalogues = [
  ["kk", kk],
  ["ru", ru],
  ["en", en],
] as const;

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="kk">
      <body style={{ fontFamily: "sans-serif", maxWidth: "40rem", margin: "2rem auto", padding: "0 1rem" }}>
        {catalogues.map(([lang, messages]) => (
          <p key={lang} lang={lang}>
            {messages.pageError}
          </p>
        ))}
        <button type="button" onClick={reset}>
          {catalogues.map(([, messages]) => messages.tryAgain).join(" / ")}
        </button>
      </body>
    </html>
  );
}
