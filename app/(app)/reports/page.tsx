import { getLocale, getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { findMyJobs } from "@/lib/jobs/queue";
import { FORMATS_OF } from "@/lib/validations/report";
import { ReportJobsList } from "./_components/report-jobs-list";
import { ReportRequestForm } from "./_components/report-request-form";

// /reports — every report the reader may make, with its period and format, and their background reports
export default async function ReportsPage() {
  const ctx = await requireCtx("reports.anonymised");
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const jobs = await findMyJobs(ctx);
  const kinds = [
    { kind: "summary", period: true },
    { kind: "register", period: true },
    { kind: "statistics", period: false },
  ] as const;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      {kinds.map(({ kind, period }) => (
        <section key={kind} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`report-${kind}`}>
          <div>
            <h2 id={`report-${kind}`} className="text-lg font-semibold">
              {t(`kinds.${kind}`)}
            </h2>
            <p className="text-sm text-slate-600">{t(`kindHints.${kind}`)}</p>
          </div>
          <ReportRequestForm kind={kind} formats={FORMATS_OF[kind]} period={period} locale={locale} />
        </section>
      ))}
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("kinds.dossier")}</h2>
        <p className="text-sm text-slate-600">{t("kindHints.dossier")}</p>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("jobs.title")}</h2>
        <ReportJobsList initial={jobs} />
      </section>
    </div>
  );
}
