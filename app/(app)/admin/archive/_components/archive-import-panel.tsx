"use client";
// Upload an organisation archive with its passphrase into this (empty) organisation, then follow the
// import job to its final report. The file is sent as the request body (streamed, never held by the
// server); the passphrase travels in a header of the same request and is not kept in this page.
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useJobList } from "@/components/use-job-list";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

interface Report {
  records: number;
  files: number;
  auditEvents: number;
  members: { created: number; matched: number };
  unmatchedPlaces: string[];
  renewedIds: boolean;
}

interface ImportJob {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  percent: number;
  error: string | null;
  result: Report | null;
  filter: { fileName?: string | null };
  createdAt: string;
}

const KNOWN_ERRORS = new Set(["archivePassphrase", "archiveDamaged", "archiveFormat", "archiveVersion", "archiveNotEmpty", "archiveExists"]);

export function ArchiveImportPanel({ initial, empty }: { initial: ImportJob[]; empty: boolean }) {
  const t = useTranslations("admin.archive");
  const format = useFormatter();
  const { jobs, active, reload } = useJobList<ImportJob>("/api/v1/archive/imports", initial);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/v1/archive/imports", {
        method: "POST",
        headers: { "Content-Type": "application/zip", "X-File-Name": encodeURIComponent(file.name), "X-Archive-Passphrase": encodeURIComponent(passphrase) },
        body: file,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? t("importFailed"));
        return;
      }
      setPassphrase("");
      await reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="mt-8 space-y-4" aria-label={t("importTitle")}>
      <h2 className="text-xl font-semibold">{t("importTitle")}</h2>
      <p className="max-w-3xl text-sm text-slate-700">{t("importIntro")}</p>
      {empty ? (
        <form onSubmit={upload} className="flex flex-wrap items-end gap-3">
          <div className="w-72">
            <Field id="archive-import-file" label={t("importFile")}>
              <input id="archive-import-file" type="file" accept=".zip,application/zip" className="block w-full text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </Field>
          </div>
          <div className="w-72">
            <Field id="archive-import-passphrase" label={t("importPassphrase")} hint={t("importPassphraseHint")}>
              <Input id="archive-import-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby="archive-import-passphrase-hint" />
            </Field>
          </div>
          <Button type="submit" disabled={busy || active || !file || !passphrase}>
            {busy ? t("importUploading") : t("importStart")}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t("importNotEmpty")}</p>
      )}
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {jobs.length ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="archive-imports" aria-label={t("importListTitle")}>
          {jobs.map((job) => (
            <li key={job.id} className="space-y-1 p-3 text-sm">
              <p className="font-medium">
                {job.filter.fileName ?? "archive.zip"} · {format.dateTime(new Date(job.createdAt), { dateStyle: "medium", timeStyle: "short" })}
              </p>
              <p className="text-xs" data-testid="archive-import-state">
                {t(`importStates.${job.status}`)}
              </p>
              <div className="h-2 w-40 rounded bg-slate-100" role="progressbar" aria-valuenow={job.percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("progress")}>
                <div className="h-2 rounded bg-sky-600" style={{ width: `${job.percent}%` }} />
              </div>
              {job.status === "FAILED" ? (
                <p className="text-red-700" role="alert">
                  {job.error && KNOWN_ERRORS.has(job.error) ? t(`importErrors.${job.error}` as never) : t("importFailed")}
                </p>
              ) : null}
              {job.status === "SUCCEEDED" && job.result ? (
                <div data-testid="archive-import-report">
                  <p>{t("importDone", { records: job.result.records, files: job.result.files, events: job.result.auditEvents })}</p>
                  <p>{t("importMembers", { created: job.result.members.created, matched: job.result.members.matched })}</p>
                  {job.result.unmatchedPlaces.length ? <p>{t("importUnmatched", { places: job.result.unmatchedPlaces.join(", ") })}</p> : null}
                  {job.result.renewedIds ? <p>{t("importRenewed")}</p> : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
