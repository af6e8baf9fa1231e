import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { requireCtx } from "@/lib/auth/context";

// Placeholder until this area is built: says so plainly.
export default async function ReportsPage() {
  await requireCtx("reports.anonymised");
  const t = await getTranslations("nav");
  const tCommon = await getTranslations("common");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("reports")}</h1>
      <EmptyState title={tCommon("notBuiltYet")} />
    </>
  );
}
