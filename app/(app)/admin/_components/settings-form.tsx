"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { updateSettingsAction } from "../actions";

interface Settings {
  defaultLocale: string;
  require2fa: boolean;
  smallCellThreshold: number;
  staleCaseDays: number;
  unansweredAdvocacyDays: number;
  reportRetentionDays: number;
  version: number;
}

const NUMBER_SETTINGS = [
  { name: "smallCellThreshold", min: 3, max: 100 },
  { name: "staleCaseDays", min: 1, max: 3650 },
  { name: "unansweredAdvocacyDays", min: 1, max: 3650 },
  { name: "reportRetentionDays", min: 1, max: 365 },
] as const;

export function SettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("admin");
  const [version, setVersion] = useState(settings.version);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  function submit(form: FormData) {
    startTransition(async () => {
      const result = await updateSettingsAction({
        defaultLocale: form.get("defaultLocale"),
        require2fa: form.get("require2fa") === "on",
        ...Object.fromEntries(NUMBER_SETTINGS.map(({ name }) => [name, form.get(name)])),
        version,
      });
      if (result.ok) {
        setVersion(result.data.version);
        setFieldErrors({});
        setMessage({ tone: "success", text: t("settingsSaved") });
      } else {
        setFieldErrors(result.error.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error.message });
      }
    });
  }

  return (
    <form action={submit} className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="defaultLocale" label={t("defaultLocale")} hint={t("defaultLocaleHint")}>
        <Select id="defaultLocale" name="defaultLocale" defaultValue={settings.defaultLocale} aria-describedby="defaultLocale-hint">
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="require2fa" defaultChecked={settings.require2fa} className="h-4 w-4" />
        {t("require2fa")}
      </label>
      <fieldset className="space-y-3 border-t border-slate-200 pt-3">
        <legend className="text-sm font-semibold text-slate-800">{t("outputsTitle")}</legend>
        {NUMBER_SETTINGS.map(({ name, min, max }) => (
          <Field
            key={name}
            id={name}
            label={t(name)}
            hint={name === "smallCellThreshold" ? t("smallCellThresholdHint") : undefined}
            error={fieldErrors[name]}
          >
            <Input
              id={name}
              name={name}
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              required
              defaultValue={settings[name]}
              className="max-w-32"
              aria-invalid={fieldErrors[name] ? true : undefined}
              aria-describedby={name === "smallCellThreshold" ? `${name}-hint` : undefined}
            />
          </Field>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {t("saveSettings")}
      </Button>
    </form>
  );
}
