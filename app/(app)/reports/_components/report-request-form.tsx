"use client";
// The form of one report kind on the reports page: period, format, language and an optional ZIP password.
// The period's days are typed like every date of the app ("12.03.2018", "12 наурыз 2018").
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useAppForm, type FormActionResult } from "@/components/forms/use-app-form";
import { requestReportFile } from "@/components/report-download-button";
import { TypedDateInput } from "@/components/typed-date-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { parseTypedDate } from "@/lib/validations/typed-date";

interface Values {
  from: string;
  to: string;
  format: string;
  locale: string;
  zipPassword: string;
}

/** A typed day as "YYYY-MM-DD", "" for none, or null when it names no single day. */
function canonicalDay(text: string, locale: Locale): string | null {
  if (!text.trim()) return "";
  const typed = parseTypedDate(text, locale);
  return typed.ok && typed.value.precision === "DAY" ? typed.text : null;
}

export function ReportRequestForm({ kind, formats, period, locale }: { kind: string; formats: readonly string[]; period: boolean; locale: string }) {
  const t = useTranslations("reports");
  const current = useLocale();
  const reader: Locale = isLocale(current) ? current : "en";
  const router = useRouter();
  const formId = useId();
  const [queued, setQueued] = useState(false);
  const f = useAppForm({
    defaultValues: { from: "", to: "", format: formats[0] ?? "", locale, zipPassword: "" },
    toInput: (values: Values) => ({ ...values, kind, from: canonicalDay(values.from, reader) ?? "", to: canonicalDay(values.to, reader) ?? "" }),
    check: (values): FieldErrors => {
      const problems: FieldErrors = {};
      for (const field of ["from", "to"] as const) if (canonicalDay(values[field], reader) === null) problems[field] = ["dateNeedsDay"];
      return problems;
    },
    action: async (input): Promise<FormActionResult<null>> => {
      setQueued(false);
      try {
        const result = await requestReportFile(input);
        if (result.error) return { ok: false, error: { code: "INVALID", message: result.error } };
        setQueued(result.queued);
        return { ok: true, data: null };
      } catch {
        return { ok: false, error: { code: "INTERNAL", message: t("form.failed") } };
      }
    },
    onSuccess: () => router.refresh(),
  });
  const id = (name: string) => `${formId}-${name}`;

  return (
    <form {...f.formProps} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid={`report-form-${kind}`}>
      {period ? (
        <>
          <Field id={id("from")} label={t("form.from")} error={f.errors("from")}>
            <TypedDateInput id={id("from")} needs="day" hasError={Boolean(f.errors("from"))} {...f.aria(id("from"), "from")} {...f.register("from")} />
          </Field>
          <Field id={id("to")} label={t("form.to")} error={f.errors("to")}>
            <TypedDateInput id={id("to")} needs="day" hasError={Boolean(f.errors("to"))} {...f.aria(id("to"), "to")} {...f.register("to")} />
          </Field>
        </>
      ) : null}
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("form.format")}</span>
        <Select {...f.register("format")}>
          {formats.map((format) => (
            <option key={format} value={format}>
              {format.toUpperCase()}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("form.language")}</span>
        <Select {...f.register("locale")}>
          <option value="kk">Қазақша</option>
          <option value="ru">Русский</option>
          <option value="en">English</option>
        </Select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("form.zipPassword")}</span>
        <Input type="password" autoComplete="new-password" minLength={8} {...f.register("zipPassword")} />
      </label>
      <div className="flex items-end">
        <Button type="submit" disabled={f.pending}>
          {f.pending ? t("form.preparing") : t("form.download")}
        </Button>
      </div>
      {f.formError || queued ? (
        <Alert tone={f.formError ? "error" : "info"} className="sm:col-span-2 lg:col-span-3">
          {f.formError ?? t("jobs.queued")}
        </Alert>
      ) : null}
    </form>
  );
}
