"use client";
// A person's names, one row each: the first is the legal name (required), the others spellings in other
// scripts, aliases and former names, each with its kind.
import { useFieldArray } from "react-hook-form";
import { useTranslations } from "next-intl";
import type { AppForm } from "@/components/forms/use-app-form";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/input";
import type { NameKind } from "@/lib/generated/prisma/enums";
import type { PersonCreateInput } from "@/lib/validations/person";
import type { PersonFormValues } from "./person-form";

const NAME_KINDS: NameKind[] = ["LEGAL", "ALIAS", "TRANSLITERATION", "PINYIN", "FORMER"];

/** The person form's way of showing a field's message: one line under it, named by aria-describedby. */
export function personFieldText(f: AppForm<PersonFormValues, PersonCreateInput>) {
  const fieldError = (name: string) => f.errors(name)?.join(" ");
  const describe = (id: string, name: string, hint = false) =>
    [hint ? `${id}-hint` : null, fieldError(name) ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const errorText = (id: string, name: string) =>
    fieldError(name) ? (
      <p id={`${id}-error`} className="text-sm text-red-700">
        {fieldError(name)}
      </p>
    ) : null;
  return { fieldError, describe, errorText };
}

export function PersonNamesFieldset({ f }: { f: AppForm<PersonFormValues, PersonCreateInput> }) {
  const t = useTranslations("people");
  const { register, control } = f.form;
  const names = useFieldArray({ control, name: "names" });
  const { fieldError, describe, errorText } = personFieldText(f);

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 bg-white p-4">
      <legend className="px-1 text-base font-semibold">{t("fields.names")}</legend>
      <p id="names-hint" className="text-sm text-slate-600">
        {t("fields.namesHint")}
      </p>
      {names.fields.map((field, index) => {
        const id = `name-${index}`;
        return (
          <div key={field.id} className="grid gap-2 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
            <div>
              <label htmlFor={id} className="block text-sm font-medium">
                {t("fields.nameValue", { number: index + 1 })}
                {index === 0 ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
              </label>
              <input
                id={id}
                dir="auto"
                autoComplete="off"
                className={controlClasses}
                aria-invalid={fieldError(`names.${index}.value`) ? true : undefined}
                aria-describedby={describe(id, `names.${index}.value`, index === 0) ?? undefined}
                aria-required={index === 0}
                {...register(`names.${index}.value`)}
              />
              {errorText(id, `names.${index}.value`)}
            </div>
            <div>
              <label htmlFor={`${id}-kind`} className="block text-sm font-medium">
                {t("fields.nameKind", { number: index + 1 })}
              </label>
              <select id={`${id}-kind`} className={controlClasses} {...register(`names.${index}.kind`)}>
                {NAME_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kinds.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            {index > 0 ? (
              <Button variant="ghost" onClick={() => names.remove(index)} aria-label={t("fields.removeName", { number: index + 1 })}>
                ✕
              </Button>
            ) : (
              <span />
            )}
          </div>
        );
      })}
      <Button variant="secondary" onClick={() => names.append({ value: "", kind: "TRANSLITERATION" })} disabled={names.fields.length >= 20}>
        {t("fields.addName")}
      </Button>
    </fieldset>
  );
}
