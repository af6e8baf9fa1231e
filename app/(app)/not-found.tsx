import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// What a detail page shows for an unknown id, another organisation's record or one the reader may not
// see (orNotFound): the same translated answer, inside the app's shell.
export default async function AppNotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="py-6">
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
    </div>
  );
}
