"use client";
// The group's settings: default language, two-factor sign-in, and the thresholds of reports and reminders.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { organizationSettingsSchema } from "@/lib/validations/organization";
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

type Values = { defaultLocale: string; require2fa: boolean } & Record<(typeof NUMBER_SETTINGS)[number]["name"], string>;

export function SettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("admin");
  // the version moves on with each save, so the next save from this page is not refused as stale
  const version = useRef(settings.version);
  const [saved, setSaved] = useState(false);
  const f = useAppForm<Values, Record<string, unknown>, { version: number }>({
    defaultValues: {
      defaultLocale: settings.defaultLocale,
      require2fa: settings.require2fa,
      ...(Object.fromEntries(NUMBER_SETTINGS.map(({ name }) => [name, String(settings[name])])) as Record<(typeof NUMBER_SETTINGS)[number]["name"], string>),
    },
    toInput: (values) => ({ ...values, version: version.current }),
    schema: organizationSettingsSchema,
    action: (input) => {
      setSaved(false);
      return updateSettingsAction(input);
    },
    onSuccess: (data) => {
      version.current = data.version;
      setSaved(true);
    },
  });
  const { register, errors } = f;

  return (
    <form {...f.formProps} className="space-y-4">
      {saved ? <Alert tone="success">{t("settingsSaved")}</Alert> : null}
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <Field id="defaultLocale" label={t("defaultLocale")} hint={t("defaultLocaleHint")} error={errors("defaultLocale")}>
        <Select id="defaultLocale" {...register("defaultLocale")} {...f.aria("defaultLocale", "defaultLocale", { hint: true })}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register("require2fa")} className="h-4 w-4" />
        {t("require2fa")}
      </label>
      <fieldset className="space-y-3 border-t border-slate-200 pt-3">
        <legend className="text-sm font-semibold text-slate-800">{t("outputsTitle")}</legend>
        {NUMBER_SETTINGS.map(({ name, min, max }) => (
          <Field key={name} id={name} label={t(name)} hint={name === "smallCellThreshold" ? t("smallCellThresholdHint") : undefined} error={errors(name)}>
            <Input
              id={name}
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              required
              className="max-w-32"
              {...register(name)}
              {...f.aria(name, name, { hint: name === "smallCellThreshold" })}
            />
          </Field>
        ))}
      </fieldset>
      <Button type="submit" disabled={f.pending}>
        {t("saveSettings")}
      </Button>
    </form>
  );
}
