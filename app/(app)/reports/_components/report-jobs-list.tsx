"use client";
// The reader's background reports: a progress bar while they run, cancel, retry, and the download
// (optionally as a password ZIP) until the file expires. Polls while anything is waiting or running.
import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { formatNumber } from "@/lib/format/number";
import { isLocale } from "@/lib/i18n/config";
import { Button } from "@/components/ui/button";
import { useJobList } from "@/components/use-job-list";

interface Job {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  percent: number;
  filter: { kind?: string; format?: string; from?: string | null; to?: string | null };
  recordCount: number | null;
  fileAvailable: boolean;
  expiresAt: string | null;
  createdAt: string;
}

export function ReportJobsList({ initial }: { initial: Job[] }) {
  const t = useTranslations("reports");
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  const { jobs, reload } = useJobList<Job>("/api/v1/reports/jobs", initial);
  const act = async (id: string, action: "cancel" | "retry") => {
    await fetch(`/api/v1/reports/jobs/${id}/${action}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    await reload();
  };
  if (jobs.length === 0) return <p className="text-sm text-slate-600">{t("jobs.empty")}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="report-jobs">
      {jobs.map((job) => (
        <li key={job.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
          <div className="min-w-48 flex-1">
            <p className="font-medium">
              {t(`kinds.${job.filter.kind ?? "register"}` as never)} · {(job.filter.format ?? "").toUpperCase()}
            </p>
            <p className="text-xs text-slate-600">
              {t("jobs.created")}: {formatDateTime(job.createdAt, locale)}
              {job.recordCount !== null ? ` · ${t("jobs.records")}: ${formatNumber(job.recordCount, locale)}` : ""}
              {job.expiresAt && job.fileAvailable ? ` · ${t("jobs.expires")}: ${formatDate(job.expiresAt, locale, "Asia/Almaty")}` : ""}
            </p>
          </div>
          <div className="w-40">
            <p className="text-xs">{t(`jobs.states.${job.status}`)}</p>
            <div className="h-2 rounded bg-slate-100" role="progressbar" aria-valuenow={job.percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("jobs.progress")}>
              <div className="h-2 rounded bg-sky-600" style={{ width: `${job.percent}%` }} />
            </div>
          </div>
          <div className="flex gap-2">
            {job.status === "QUEUED" || job.status === "RUNNING" ? (
              <Button variant="secondary" onClick={() => act(job.id, "cancel")}>
                {t("jobs.cancel")}
              </Button>
            ) : null}
            {job.status === "FAILED" || job.status === "CANCELLED" ? (
              <Button variant="secondary" onClick={() => act(job.id, "retry")}>
                {t("jobs.retry")}
              </Button>
            ) : null}
            {job.status === "SUCCEEDED" && job.fileAvailable ? (
              <a className="rounded-md bg-sky-700 px-3 py-1.5 text-white" href={`/api/v1/reports/jobs/${job.id}/file`}>
                {t("jobs.download")}
              </a>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
