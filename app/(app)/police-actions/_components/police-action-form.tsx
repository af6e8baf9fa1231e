"use client";
// The police-action form: who, what, when, which authority and legal basis, the hearing, and the sanction.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmitKey } from "@/components/use-submit-key";
import type { PoliceActionType } from "@/lib/generated/prisma/enums";
import { fromDateTimeLocal, POLICE_ACTION_TYPES, toDateTimeLocal } from "@/lib/protests/format";
import type { PoliceActionView } from "@/lib/police-actions/shared";
import { createPoliceActionAction, updatePoliceActionAction } from "../actions";
import { dateInputBounds } from "@/lib/validations/dates";
import { TypedDateInput } from "@/components/typed-date-input";
import { useFocusFirstError } from "@/components/case-form-parts";

export interface ProtestOption {
  id: string;
  label: string;
}

export function PoliceActionForm({
  existing,
  protests,
  defaultProtestId,
  defaultPerson,
}: {
  existing?: PoliceActionView;
  protests: ProtestOption[];
  defaultProtestId?: string | null;
  defaultPerson?: PersonPick | null;
}) {
  const t = useTranslations("police");
  const router = useRouter();
  const submitKey = useSubmitKey();
  const formId = useId();
  const [pending, startTransition] = useTransition();
  const [person, setPerson] = useState<PersonPick | null>(
    existing ? { id: existing.personId, displayName: existing.personName } : (defaultPerson ?? null),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const formRef = useFocusFirstError(fieldErrors);
  const [formError, setFormError] = useState<string | null>(null);
  const id = (name: string) => `${formId}-${name}`;
  const message = (field: string): string[] | undefined =>
    fieldErrors[field]?.map((m) => (t.has(`validation.${m}` as never) ? t(`validation.${m}` as never) : m));
  const err = (name: string) => Boolean(fieldErrors[name]);
  const aria = (name: string, hint = false) => ({
    "aria-invalid": err(name),
    "aria-describedby": describedBy(id(name), { error: err(name), hint }),
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const input = {
      personId: person?.id ?? "",
      protestId: text("protestId"),
      type: text("type") as PoliceActionType,
      date: text("date"),
      authority: text("authority"),
      legalBasis: text("legalBasis"),
      hearingAt: fromDateTimeLocal(text("hearingAt")),
      durationHours: text("durationHours"),
      arrestDays: text("arrestDays"),
      fineAmount: text("fineAmount"),
      currency: text("currency"),
      lawyer: text("lawyer"),
      status: (text("status") || "PENDING") as "PENDING" | "RESOLVED",
      description: text("description"),
      // an edit keeps the recorded outcome; it changes through "record outcome"
      ...(existing
        ? {
            caseId: existing.caseId,
            outcome: existing.outcome,
            outcomeDate: existing.outcomeDate,
            outcomeFineAmount: existing.outcomeFineAmount,
            outcomeDaysServed: existing.outcomeDaysServed,
            appealResult: existing.appealResult,
            appealResultDate: existing.appealResultDate,
          }
        : {}),
    };
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = existing
        ? await updatePoliceActionAction(existing.id, { ...input, version: existing.version })
        : await createPoliceActionAction(input, submitKey.current());
      if (result.ok) {
        submitKey.renew();
        router.push(`/police-actions/${result.data.id}`);
        router.refresh();
        return;
      }
      setFieldErrors(result.error.fieldErrors ?? {});
      setFormError(result.error.code === "CONFLICT" ? t("conflict") : result.error.message || t("fixErrors"));
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-6" noValidate aria-busy={pending}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <PersonPicker id={id("personId")} label={t("fields.person")} value={person} onChange={setPerson} create="immediate" required error={message("personId")?.join(" ")} />
        </div>
        <Field id={id("type")} label={t("fields.type")} required error={message("type")}>
          <Select id={id("type")} name="type" defaultValue={existing?.type ?? "SUMMONS"} {...aria("type")}>
            {POLICE_ACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("date")} label={t("fields.date")} required error={message("date")}>
          <TypedDateInput id={id("date")} name="date" needs="day" required defaultValue={existing?.date ?? ""} hasError={err("date")} {...aria("date")} />
        </Field>
        <Field id={id("protestId")} label={t("fields.protest")} error={message("protestId")}>
          <Select id={id("protestId")} name="protestId" defaultValue={existing?.protestId ?? defaultProtestId ?? ""} {...aria("protestId")}>
            <option value="">{t("fields.noProtest")}</option>
            {protests.map((protest) => (
              <option key={protest.id} value={protest.id}>
                {protest.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("authority")} label={t("fields.authority")} hint={t("fields.authorityHint")} error={message("authority")}>
          <Input id={id("authority")} name="authority" maxLength={300} defaultValue={existing?.authority ?? ""} {...aria("authority", true)} />
        </Field>
        <Field id={id("legalBasis")} label={t("fields.legalBasis")} hint={t("fields.legalBasisHint")} error={message("legalBasis")}>
          <Input id={id("legalBasis")} name="legalBasis" maxLength={300} defaultValue={existing?.legalBasis ?? ""} {...aria("legalBasis", true)} />
        </Field>
        <Field id={id("hearingAt")} label={t("fields.hearingAt")} error={message("hearingAt")}>
          <Input id={id("hearingAt")} name="hearingAt" type="datetime-local" {...dateInputBounds("upcoming", "datetime-local")} defaultValue={toDateTimeLocal(existing?.hearingAt ?? null)} {...aria("hearingAt")} />
        </Field>
        <Field id={id("lawyer")} label={t("fields.lawyer")} error={message("lawyer")}>
          <Input id={id("lawyer")} name="lawyer" maxLength={200} defaultValue={existing?.lawyer ?? ""} {...aria("lawyer")} />
        </Field>
        <Field id={id("durationHours")} label={t("fields.durationHours")} error={message("durationHours")}>
          <Input id={id("durationHours")} name="durationHours" type="number" min={0} max={72} inputMode="numeric" defaultValue={existing?.durationHours ?? ""} {...aria("durationHours")} />
        </Field>
        <Field id={id("arrestDays")} label={t("fields.arrestDays")} error={message("arrestDays")}>
          <Input id={id("arrestDays")} name="arrestDays" type="number" min={0} max={30} inputMode="numeric" defaultValue={existing?.arrestDays ?? ""} {...aria("arrestDays")} />
        </Field>
        <Field id={id("fineAmount")} label={t("fields.fineAmount")} error={message("fineAmount")}>
          <Input id={id("fineAmount")} name="fineAmount" inputMode="decimal" defaultValue={existing?.fineAmount ?? ""} {...aria("fineAmount")} />
        </Field>
        <Field id={id("currency")} label={t("fields.currency")} error={message("currency")}>
          <Input id={id("currency")} name="currency" maxLength={3} defaultValue={existing?.currency ?? "KZT"} {...aria("currency")} />
        </Field>
        <Field id={id("status")} label={t("fields.status")} error={message("status")}>
          <Select id={id("status")} name="status" defaultValue={existing?.status ?? "PENDING"} {...aria("status")}>
            <option value="PENDING">{t("status.PENDING")}</option>
            <option value="RESOLVED">{t("status.RESOLVED")}</option>
          </Select>
        </Field>
      </div>
      {message("outcome") ? <Alert tone="error">{message("outcome")?.join(" ")}</Alert> : null}
      <Field id={id("description")} label={t("fields.description")} error={message("description")}>
        <Textarea id={id("description")} name="description" rows={4} defaultValue={existing?.description ?? ""} />
      </Field>
      <p className="text-xs text-slate-600">{t("maxNote")}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <a href={existing ? `/police-actions/${existing.id}` : "/police-actions"} className={buttonClasses("secondary")}>
          {t("cancel")}
        </a>
      </div>
    </form>
  );
}
