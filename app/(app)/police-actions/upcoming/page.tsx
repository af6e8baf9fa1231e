import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { requireCtx } from "@/lib/auth/context";
import { findUpcomingHearings } from "@/lib/police-actions/find-police-actions";
import { PoliceActionTable } from "../_components/police-action-table";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /police-actions/upcoming?days=14 — pending actions with a hearing in the next N days, and overdue ones
export default async function UpcomingHearingsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireCtx("protests.read");
  const t = await getTranslations("police");
  const { days: rawDays } = await searchParams;
  const result = await findUpcomingHearings(ctx, { days: typeof rawDays === "string" ? rawDays : undefined });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("upcomingTitle")}</h1>
        <Link href="/police-actions" className={buttonClasses("secondary")}>
          {t("title")}
        </Link>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium text-slate-800">{t("days")}</span>
          <Input name="days" type="number" min={1} max={366} defaultValue={result.days} className="w-28" />
        </label>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("show")}
        </button>
      </form>
      <section aria-labelledby="upcoming-heading" className="space-y-2">
        <h2 id="upcoming-heading" className="text-lg font-semibold text-slate-900">
          {t("upcomingWithin", { days: result.days })}
        </h2>
        {result.upcoming.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noUpcoming")}</p>
        ) : (
          <PoliceActionTable items={result.upcoming} caption={t("upcomingWithin", { days: result.days })} />
        )}
      </section>
      <section aria-labelledby="overdue-heading" className="space-y-2">
        <h2 id="overdue-heading" className="text-lg font-semibold text-slate-900">
          {t("overdue")}
        </h2>
        {result.overdue.length === 0 ? <p className="text-sm text-slate-600">{t("noOverdue")}</p> : <PoliceActionTable items={result.overdue} caption={t("overdue")} />}
      </section>
    </div>
  );
}
