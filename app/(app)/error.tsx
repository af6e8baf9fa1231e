"use client";
// An unexpected failure while rendering a signed-in page: a translated message inside the app's shell,
// never the error's text or stack (the server logged it; `digest` lets an admin find it in the log).
import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div className="py-6" role="alert">
      <h1 className="sr-only">{t("title")}</h1>
      <EmptyState
        title={t("title")}
        action={
          <div className="flex justify-center gap-2">
            <Button type="button" onClick={reset}>
              {t("tryAgain")}
            </Button>
            <Link href="/" className={buttonClasses("secondary")}>
              {t("backHome")}
            </Link>
          </div>
        }
      >
        <p>{t("internal")}</p>
        {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">{error.digest}</p> : null}
      </EmptyState>
    </div>
  );
}
