"use client";
// Any page that fails (the database restarting, a bug): a translated sentence and a retry, never a stack.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-4" role="alert">
        {t("pageError")}
      </p>
      <Button onClick={reset}>{t("tryAgain")}</Button>
    </main>
  );
}
