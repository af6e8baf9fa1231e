import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// An address that matches no page at all, signed in or not: translated, without the app's menu (the
// visitor may not be signed in).
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="sr-only">{t("notFoundTitle")}</h1>
      <EmptyState
        title={t("notFoundTitle")}
        action={
          <Link href="/" className={buttonClasses("secondary")}>
            {t("backHome")}
          </Link>
        }
      >
        {t("notFound")}
      </EmptyState>
    </main>
  );
}
