"use client";
// The interface language picker: a native select (keyboard and screen-reader friendly) that saves the
// choice and re-renders the page in the new language.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { isLocale, LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { cn } from "@/components/ui/cn";
import { setLocaleAction } from "@/app/(auth)/actions";

export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useTranslations("language");
  const current = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function change(value: string) {
    if (!isLocale(value) || value === current) return;
    startTransition(async () => {
      const result = await setLocaleAction({ locale: value });
      if (result.ok) {
        setError(null);
        router.refresh();
      } else {
        setError(result.error.message);
      }
    });
  }

  return (
    <div className={cn("flex items-center gap-2 text-sm", className)}>
      <label htmlFor={id} className="text-slate-600">
        {t("label")}
      </label>
      <select
        id={id}
        value={current}
        title={t("choose")}
        disabled={pending}
        aria-busy={pending}
        onChange={(event) => change(event.target.value)}
        className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 disabled:opacity-60"
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
