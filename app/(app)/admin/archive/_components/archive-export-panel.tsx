"use client";
// Start an archive export, watch its progress, and download the finished archive once with a passphrase
// (sent with the download, never stored). Polls while an export is waiting or running.
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useJobList } from "@/components/use-job-list";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

interface Job {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  percent: number;
  recordCount: number | null;
  fileAvailable: boolean;
  createdAt: string;
}

async function errorMessage(response: Response, fallback: string): Promise<{ message: string; field?: string }> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
  const field = body?.error?.fieldErrors?.passphrase?.[0];
  return { message: body?.error?.message ?? fallback, field };
}

export function ArchiveExportPanel({ initial }: { initial: Job[] }) {
  const t = useTranslations("admin.archive");
  const format = useFormatter();
  const { jobs, active, reload } = useJobList<Job>("/api/v1/archive/exports", initial);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const response = await fetch("/api/v1/archive/exports", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      if (!response.ok) setError((await errorMessage(response, t("downloadFailed"))).message);
      await reload();
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="mt-4 space-y-4" aria-label={t("listTitle")}>
      <Button onClick={start} disabled={starting || active}>
        {starting ? t("starting") : t("start")}
      </Button>
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {jobs.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="archive-jobs">
          {jobs.map((job) => (
            <li key={job.id} className="flex flex-wrap items-end gap-4 p-3 text-sm">
              <div className="min-w-48 flex-1">
                <p className="font-medium">
                  {t("created")}: {format.dateTime(new Date(job.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                </p>
                {job.recordCount !== null ? (
                  <p className="text-xs text-slate-600">
                    {t("records")}: {format.number(job.recordCount)}
                  </p>
                ) : null}
              </div>
              <div className="w-40">
                <p className="text-xs" data-testid="archive-state">
                  {t(`states.${job.status}`)}
                </p>
                <div className="h-2 rounded bg-slate-100" role="progressbar" aria-valuenow={job.percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("progress")}>
                  <div className="h-2 rounded bg-sky-600" style={{ width: `${job.percent}%` }} />
                </div>
              </div>
              {job.status === "FAILED" ? <p className="text-sm text-red-700">{t("failed")}</p> : null}
              {job.status === "SUCCEEDED" ? job.fileAvailable ? <ArchiveDownload job={job} onDone={reload} /> : <p className="text-xs text-slate-600">{t("gone")}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ArchiveDownload({ job, onDone }: { job: Job; onDone: () => Promise<void> }) {
  const t = useTranslations("admin.archive");
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `archive-passphrase-${job.id}`;
  const download = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/archive/exports/${job.id}/file`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ passphrase }),
      });
      if (!response.ok) {
        const problem = await errorMessage(response, t("downloadFailed"));
        setError(problem.field ?? problem.message);
        return;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "archive.zip";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
      setPassphrase("");
      await onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={download} className="flex flex-wrap items-end gap-2">
      <div className="w-72">
        <Field id={id} label={t("passphrase")} hint={t("passphraseHint")} error={error}>
          <Input
            id={id}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
          />
        </Field>
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? t("downloading") : t("download")}
      </Button>
    </form>
  );
}
