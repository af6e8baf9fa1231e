"use client";
// One button that asks for a report: the file downloads at once when it is small; a large one becomes
// a background job and the reader is pointed to the reports page, where its progress shows.
import { Link } from "@/components/ui/link";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export type ReportRequestBody = Record<string, string | null | undefined>;

function fileNameFrom(disposition: string | null): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? "report";
}

/** POSTs the request; saves the answer as a file, or returns the job when one was queued. */
export async function requestReportFile(body: ReportRequestBody): Promise<{ queued: boolean; error?: string }> {
  const response = await fetch("/api/v1/reports", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.fromEntries(Object.entries(body).filter(([, value]) => value))),
  });
  if (response.status === 202) return { queued: true };
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { queued: false, error: answer?.error?.message ?? response.statusText };
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameFrom(response.headers.get("content-disposition"));
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { queued: false };
}

export function ReportDownloadButton({ request, label, variant = "secondary" }: { request: ReportRequestBody; label: string; variant?: "primary" | "secondary" }) {
  const t = useTranslations("reports");
  // the file comes in the language the reader is using the app in
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<{ queued?: boolean; error?: string }>({});
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant={variant}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setState({});
          try {
            setState(await requestReportFile({ locale, ...request }));
          } catch {
            setState({ error: t("form.failed") });
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t("form.preparing") : label}
      </Button>
      {state.queued ? (
        <Link href="/reports" className="text-xs text-sky-800 underline">
          {t("jobs.queued")}
        </Link>
      ) : null}
      {state.error ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
