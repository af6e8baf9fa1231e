import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { requireCtx } from "@/lib/auth/context";

// Placeholder until this area is built: says so plainly.
export default async function DashboardPage() {
  await requireCtx("stats.read");
  const t = await getTranslations("nav");
  const tCommon = await getTranslations("common");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("dashboard")}</h1>
      <EmptyState title={tCommon("notBuiltYet")} />
    </>
  );
}
