"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { updateSettingsAction } from "../actions";

interface Settings {
  defaultLocale: string;
  require2fa: boolean;
  version: number;
}

export function SettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("admin");
  const [version, setVersion] = useState(settings.version);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(form: FormData) {
    startTransition(async () => {
      const result = await updateSettingsAction({
        defaultLocale: form.get("defaultLocale"),
        require2fa: form.get("require2fa") === "on",
        version,
      });
      if (result.ok) {
        setVersion(result.data.version);
        setMessage({ tone: "success", text: t("settingsSaved") });
      } else {
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
      <Button type="submit" disabled={pending}>
        {t("saveSettings")}
      </Button>
    </form>
  );
}
