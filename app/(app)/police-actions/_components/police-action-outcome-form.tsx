"use client";
// Recording what came of a police action: the outcome with its date, a fine or days served, and any appeal.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { TypedDateInput, typedDateText } from "@/components/typed-date-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AppealResult, PoliceOutcome } from "@/lib/generated/prisma/enums";
import { isLocale } from "@/lib/i18n/config";
import { APPEAL_RESULTS, POLICE_OUTCOMES } from "@/lib/protests/format";
import type { PoliceActionView } from "@/lib/police-actions/shared";
import { policeOutcomeSchema } from "@/lib/validations/police-action";
import { recordOutcomeAction } from "../actions";

interface Values {
  outcome: PoliceOutcome;
  outcomeDate: string;
  outcomeFineAmount: string;
  outcomeDaysServed: string;
  appealResult: AppealResult | "";
  appealResultDate: string;
}

export function PoliceActionOutcomeForm({ action }: { action: PoliceActionView }) {
  const t = useTranslations("police");
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  const router = useRouter();
  const formId = useId();
  const [saved, setSaved] = useState(false);
  const id = (name: string) => `${formId}-${name}`;
  const f = useAppForm({
    defaultValues: {
      outcome: action.outcome ?? "FINED",
      outcomeDate: typedDateText(action.outcomeDate, locale),
      outcomeFineAmount: action.outcomeFineAmount?.toString() ?? "",
      outcomeDaysServed: action.outcomeDaysServed?.toString() ?? "",
      appealResult: action.appealResult ?? "",
      appealResultDate: typedDateText(action.appealResultDate, locale),
    },
    toInput: (values: Values) => ({
      version: action.version,
      outcome: values.outcome,
      outcomeDate: values.outcomeDate.trim(),
      outcomeFineAmount: values.outcomeFineAmount.trim(),
      outcomeDaysServed: values.outcomeDaysServed.trim(),
      appealResult: values.appealResult || null,
      appealResultDate: values.appealResultDate.trim(),
    }),
    schema: policeOutcomeSchema,
    action: (input) => {
      setSaved(false);
      return recordOutcomeAction(action.id, input);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
    formMessage: (error) => (error.code === "CONFLICT" ? t("conflict") : error.message || t("fixErrors")),
    translate: (key) => (t.has(`validation.${key}` as never) ? t(`validation.${key}` as never) : undefined),
  });
  const { register, errors } = f;
  const aria = (name: string) => f.aria(id(name), name);

  return (
    <form {...f.formProps} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold text-slate-900">{t("recordOutcome")}</h2>
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("outcome")} label={t("fields.outcome")} required error={errors("outcome")}>
          <Select id={id("outcome")} {...register("outcome")} {...aria("outcome")}>
            {POLICE_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcome.${outcome}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("outcomeDate")} label={t("fields.outcomeDate")} required error={errors("outcomeDate")}>
          <TypedDateInput id={id("outcomeDate")} needs="day" hasError={Boolean(errors("outcomeDate"))} {...aria("outcomeDate")} {...register("outcomeDate")} />
        </Field>
        <Field id={id("outcomeFineAmount")} label={`${t("fields.outcomeFineAmount")} (${action.currency})`} error={errors("outcomeFineAmount")}>
          <Input id={id("outcomeFineAmount")} inputMode="decimal" {...register("outcomeFineAmount")} {...aria("outcomeFineAmount")} />
        </Field>
        <Field id={id("outcomeDaysServed")} label={t("fields.outcomeDaysServed")} error={errors("outcomeDaysServed")}>
          <Input id={id("outcomeDaysServed")} type="number" min={0} max={30} {...register("outcomeDaysServed")} {...aria("outcomeDaysServed")} />
        </Field>
        <Field id={id("appealResult")} label={t("fields.appealResult")} error={errors("appealResult")}>
          <Select id={id("appealResult")} {...register("appealResult")} {...aria("appealResult")}>
            <option value="">{t("noAppeal")}</option>
            {APPEAL_RESULTS.map((result) => (
              <option key={result} value={result}>
                {t(`appealResult.${result}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("appealResultDate")} label={t("fields.appealResultDate")} error={errors("appealResultDate")}>
          <TypedDateInput id={id("appealResultDate")} needs="day" hasError={Boolean(errors("appealResultDate"))} {...aria("appealResultDate")} {...register("appealResultDate")} />
        </Field>
      </div>
      <Button type="submit" disabled={f.pending}>
        {f.pending ? t("saving") : t("recordOutcome")}
      </Button>
    </form>
  );
}
