"use client";
// Recording what came of a police action: the outcome with its date, a fine or days served, and any appeal.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AppealResult, PoliceOutcome } from "@/lib/generated/prisma/enums";
import { APPEAL_RESULTS, POLICE_OUTCOMES } from "@/lib/protests/format";
import type { PoliceActionView } from "@/lib/police-actions/shared";
import { recordOutcomeAction } from "../actions";
import { TypedDateInput } from "@/components/typed-date-input";
import { useFocusFirstError } from "@/components/case-form-parts";

export function PoliceActionOutcomeForm({ action }: { action: PoliceActionView }) {
  const t = useTranslations("police");
  const router = useRouter();
  const formId = useId();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const formRef = useFocusFirstError(fieldErrors);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = (name: string) => `${formId}-${name}`;
  const message = (field: string): string[] | undefined =>
    fieldErrors[field]?.map((m) => (t.has(`validation.${m}` as never) ? t(`validation.${m}` as never) : m));
  const aria = (name: string) => ({
    "aria-invalid": Boolean(fieldErrors[name]),
    "aria-describedby": describedBy(id(name), { error: Boolean(fieldErrors[name]) }),
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    setFieldErrors({});
    setFormError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await recordOutcomeAction(action.id, {
        version: action.version,
        outcome: text("outcome") as PoliceOutcome,
        outcomeDate: text("outcomeDate"),
        outcomeFineAmount: text("outcomeFineAmount"),
        outcomeDaysServed: text("outcomeDaysServed"),
        appealResult: (text("appealResult") || null) as AppealResult | null,
        appealResultDate: text("appealResultDate"),
      });
      if (result.ok) {
        setSaved(true);
        router.refresh();
        return;
      }
      setFieldErrors(result.error.fieldErrors ?? {});
      setFormError(result.error.code === "CONFLICT" ? t("conflict") : result.error.message || t("fixErrors"));
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate aria-busy={pending}>
      <h2 className="text-lg font-semibold text-slate-900">{t("recordOutcome")}</h2>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("outcome")} label={t("fields.outcome")} required error={message("outcome")}>
          <Select id={id("outcome")} name="outcome" defaultValue={action.outcome ?? "FINED"} {...aria("outcome")}>
            {POLICE_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcome.${outcome}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("outcomeDate")} label={t("fields.outcomeDate")} required error={message("outcomeDate")}>
          <TypedDateInput id={id("outcomeDate")} name="outcomeDate" needs="day" defaultValue={action.outcomeDate ?? ""} hasError={Boolean(fieldErrors.outcomeDate)} {...aria("outcomeDate")} />
        </Field>
        <Field id={id("outcomeFineAmount")} label={`${t("fields.outcomeFineAmount")} (${action.currency})`} error={message("outcomeFineAmount")}>
          <Input id={id("outcomeFineAmount")} name="outcomeFineAmount" inputMode="decimal" defaultValue={action.outcomeFineAmount ?? ""} {...aria("outcomeFineAmount")} />
        </Field>
        <Field id={id("outcomeDaysServed")} label={t("fields.outcomeDaysServed")} error={message("outcomeDaysServed")}>
          <Input id={id("outcomeDaysServed")} name="outcomeDaysServed" type="number" min={0} max={30} defaultValue={action.outcomeDaysServed ?? ""} {...aria("outcomeDaysServed")} />
        </Field>
        <Field id={id("appealResult")} label={t("fields.appealResult")} error={message("appealResult")}>
          <Select id={id("appealResult")} name="appealResult" defaultValue={action.appealResult ?? ""} {...aria("appealResult")}>
            <option value="">{t("noAppeal")}</option>
            {APPEAL_RESULTS.map((result) => (
              <option key={result} value={result}>
                {t(`appealResult.${result}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("appealResultDate")} label={t("fields.appealResultDate")} error={message("appealResultDate")}>
          <TypedDateInput id={id("appealResultDate")} name="appealResultDate" needs="day" defaultValue={action.appealResultDate ?? ""} hasError={Boolean(fieldErrors.appealResultDate)} {...aria("appealResultDate")} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("recordOutcome")}
      </Button>
    </form>
  );
}
