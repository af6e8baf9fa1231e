"use client";
// "Someone new" or "someone already recorded", as a pair of radio buttons (arrow keys move between them).
import { useTranslations } from "next-intl";

export type PersonMode = "new" | "existing";

export function PersonModeChoice({ name, legend, value, onChange }: { name: string; legend: string; value: PersonMode; onChange: (mode: PersonMode) => void }) {
  const t = useTranslations("cases");
  return (
    <fieldset className="flex flex-wrap items-center gap-4 text-sm">
      <legend className="mb-1 font-medium">{legend}</legend>
      {(["new", "existing"] as const).map((mode) => (
        <label key={mode} className="flex items-center gap-2">
          <input type="radio" name={name} value={mode} checked={value === mode} onChange={() => onChange(mode)} className="h-4 w-4" />
          {t(`personMode.${mode}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The messages for one person's identity documents, from the form's errors under `base`. */
export const documentErrorsAt = (err: (path: string) => string[] | undefined, base: string) => (index: number, field: string) =>
  err(`${base}.documents.${index}.${field}`) ?? (field === "number" ? err(`${base}.documents.${index}`) : undefined);
