"use client";
// The form of one report kind on the reports page: period, format, language and an optional ZIP password.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { DateFilterInput } from "@/components/date-filter-input";
import { requestReportFile } from "@/components/report-download-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export function ReportRequestForm({ kind, formats, period, locale }: { kind: string; formats: readonly string[]; period: boolean; locale: string }) {
  const t = useTranslations("reports");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  return (
    <form
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
      data-testid={`report-form-${kind}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        setBusy(true);
        setMessage(null);
        try {
          const result = await requestReportFile({ ...data, kind });
          if (result.error) setMessage({ tone: "error", text: result.error });
          else if (result.queued) setMessage({ tone: "info", text: t("jobs.queued") });
          router.refresh();
        } catch {
          setMessage({ tone: "error", text: t("form.failed") });
        } finally {
          setBusy(false);
        }
      }}
    >
      {period ? (
        <>
          <label className="text-sm">
            <span className="block font-medium text-slate-800">{t("form.from")}</span>
            <DateFilterInput id={`report-${kind}-from`} name="from" />
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-800">{t("form.to")}</span>
            <DateFilterInput id={`report-${kind}-to`} name="to" />
          </label>
        </>
      ) : null}
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("form.format")}</span>
        <Select name="format" defaultValue={formats[0]}>
          {formats.map((format) => (
            <option key={format} value={format}>
              {format.toUpperCase()}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("form.language")}</span>
        <Select name="locale" defaultValue={locale}>
          <option value="kk">Қазақша</option>
          <option value="ru">Русский</option>
          <option value="en">English</option>
        </Select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("form.zipPassword")}</span>
        <Input name="zipPassword" type="password" autoComplete="new-password" minLength={8} />
      </label>
      <div className="flex items-end">
        <Button type="submit" disabled={busy}>
          {busy ? t("form.preparing") : t("form.download")}
        </Button>
      </div>
      {message ? (
        <Alert tone={message.tone} className="sm:col-span-2 lg:col-span-3">
          {message.text}
        </Alert>
      ) : null}
    </form>
  );
}
