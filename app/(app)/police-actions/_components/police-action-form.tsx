"use client";
// The police-action form: who, what, when, which authority and legal basis, the hearing, and the sanction.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { TypedDateInput, typedDateText } from "@/components/typed-date-input";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/errors";
import type { PoliceActionType } from "@/lib/generated/prisma/enums";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { TIME_OF_DAY, dayAndTimeInstantForForm, POLICE_ACTION_TYPES, toDateTimeLocal } from "@/lib/protests/format";
import type { PoliceActionView } from "@/lib/police-actions/shared";
import { policeActionCreateSchema, policeActionUpdateSchema } from "@/lib/validations/police-action";
import { createPoliceActionAction, updatePoliceActionAction } from "../actions";

export interface ProtestOption {
  id: string;
  label: string;
}

interface Values {
  protestId: string;
  type: PoliceActionType;
  date: string;
  authority: string;
  legalBasis: string;
  hearingDay: string;
  hearingTime: string;
  durationHours: string;
  arrestDays: string;
  fineAmount: string;
  currency: string;
  lawyer: string;
  status: "PENDING" | "RESOLVED";
  description: string;
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
  const current = useLocale();
  const locale: Locale = isLocale(current) ? current : "en";
  const router = useRouter();
  const formId = useId();
  const [person, setPerson] = useState<PersonPick | null>(
    existing ? { id: existing.personId, displayName: existing.personName } : (defaultPerson ?? null),
  );
  const id = (name: string) => `${formId}-${name}`;
  const hearing = toDateTimeLocal(existing?.hearingAt ?? null);

  const toInput = (values: Values) => ({
    personId: person?.id ?? "",
    protestId: values.protestId,
    type: values.type,
    date: values.date.trim(),
    authority: values.authority.trim(),
    legalBasis: values.legalBasis.trim(),
    hearingAt: dayAndTimeInstantForForm(values.hearingDay, values.hearingTime, locale),
    durationHours: values.durationHours.trim(),
    arrestDays: values.arrestDays.trim(),
    fineAmount: values.fineAmount.trim(),
    currency: values.currency.trim(),
    lawyer: values.lawyer.trim(),
    status: values.status || "PENDING",
    description: values.description.trim(),
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
  });

  const f = useAppForm({
    defaultValues: {
      protestId: existing?.protestId ?? defaultProtestId ?? "",
      type: existing?.type ?? "SUMMONS",
      date: typedDateText(existing?.date, locale),
      authority: existing?.authority ?? "",
      legalBasis: existing?.legalBasis ?? "",
      hearingDay: typedDateText(hearing.slice(0, 10), locale),
      hearingTime: hearing.slice(11, 16),
      durationHours: existing?.durationHours?.toString() ?? "",
      arrestDays: existing?.arrestDays?.toString() ?? "",
      fineAmount: existing?.fineAmount?.toString() ?? "",
      currency: existing?.currency ?? "KZT",
      lawyer: existing?.lawyer ?? "",
      status: existing?.status ?? "PENDING",
      description: existing?.description ?? "",
    },
    toInput,
    schema: existing ? policeActionUpdateSchema : policeActionCreateSchema,
    // a day without its time, or a time without its day, is no hearing yet
    check: (values): FieldErrors => {
      const day = values.hearingDay.trim();
      const time = values.hearingTime.trim();
      if (day && !time) return { hearingTime: ["required"] };
      if (time && !TIME_OF_DAY.test(time)) return { hearingTime: ["invalidTime"] };
      if (time && !day) return { hearingAt: ["required"] };
      return {};
    },
    action: (input, submitKey) =>
      existing ? updatePoliceActionAction(existing.id, { ...input, version: existing.version }) : createPoliceActionAction(input, submitKey),
    onSuccess: (data) => {
      router.push(`/police-actions/${data.id}`);
      router.refresh();
    },
    formMessage: (error) => (error.code === "CONFLICT" ? t("conflict") : error.message || t("fixErrors")),
    translate: (key) => (t.has(`validation.${key}` as never) ? t(`validation.${key}` as never) : undefined),
  });
  const { register, errors } = f;
  const aria = (name: string, hint = false) => f.aria(id(name), name, { hint });

  return (
    <form {...f.formProps} className="space-y-6">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <PersonPicker id={id("personId")} label={t("fields.person")} value={person} onChange={setPerson} create="immediate" required error={errors("personId")?.join(" ")} />
        </div>
        <Field id={id("type")} label={t("fields.type")} required error={errors("type")}>
          <Select id={id("type")} {...register("type")} {...aria("type")}>
            {POLICE_ACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("date")} label={t("fields.date")} required error={errors("date")}>
          <TypedDateInput id={id("date")} needs="day" required hasError={Boolean(errors("date"))} {...aria("date")} {...register("date")} />
        </Field>
        <Field id={id("protestId")} label={t("fields.protest")} error={errors("protestId")}>
          <Select id={id("protestId")} {...register("protestId")} {...aria("protestId")}>
            <option value="">{t("fields.noProtest")}</option>
            {protests.map((protest) => (
              <option key={protest.id} value={protest.id}>
                {protest.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("authority")} label={t("fields.authority")} hint={t("fields.authorityHint")} error={errors("authority")}>
          <Input id={id("authority")} maxLength={300} {...register("authority")} {...aria("authority", true)} />
        </Field>
        <Field id={id("legalBasis")} label={t("fields.legalBasis")} hint={t("fields.legalBasisHint")} error={errors("legalBasis")}>
          <Input id={id("legalBasis")} maxLength={300} {...register("legalBasis")} {...aria("legalBasis", true)} />
        </Field>
        <Field id={id("hearingAt")} label={t("fields.hearingAt")} error={errors("hearingAt")}>
          <TypedDateInput id={id("hearingAt")} needs="day" hasError={Boolean(errors("hearingAt"))} {...aria("hearingAt")} {...register("hearingDay")} />
        </Field>
        <Field id={id("hearingTime")} label={t("fields.hearingTime")} hint={t("fields.hearingTimeHint")} error={errors("hearingTime")}>
          <Input id={id("hearingTime")} inputMode="numeric" autoComplete="off" placeholder="10:00" maxLength={5} {...register("hearingTime")} {...aria("hearingTime", true)} />
        </Field>
        <Field id={id("lawyer")} label={t("fields.lawyer")} error={errors("lawyer")}>
          <Input id={id("lawyer")} maxLength={200} {...register("lawyer")} {...aria("lawyer")} />
        </Field>
        <Field id={id("durationHours")} label={t("fields.durationHours")} error={errors("durationHours")}>
          <Input id={id("durationHours")} type="number" min={0} max={72} inputMode="numeric" {...register("durationHours")} {...aria("durationHours")} />
        </Field>
        <Field id={id("arrestDays")} label={t("fields.arrestDays")} error={errors("arrestDays")}>
          <Input id={id("arrestDays")} type="number" min={0} max={30} inputMode="numeric" {...register("arrestDays")} {...aria("arrestDays")} />
        </Field>
        <Field id={id("fineAmount")} label={t("fields.fineAmount")} error={errors("fineAmount")}>
          <Input id={id("fineAmount")} inputMode="decimal" {...register("fineAmount")} {...aria("fineAmount")} />
        </Field>
        <Field id={id("currency")} label={t("fields.currency")} error={errors("currency")}>
          <Input id={id("currency")} maxLength={3} {...register("currency")} {...aria("currency")} />
        </Field>
        <Field id={id("status")} label={t("fields.status")} error={errors("status")}>
          <Select id={id("status")} {...register("status")} {...aria("status")}>
            <option value="PENDING">{t("status.PENDING")}</option>
            <option value="RESOLVED">{t("status.RESOLVED")}</option>
          </Select>
        </Field>
      </div>
      {errors("outcome") ? <Alert tone="error">{errors("outcome")?.join(" ")}</Alert> : null}
      <Field id={id("description")} label={t("fields.description")} error={errors("description")}>
        <Textarea id={id("description")} rows={4} {...register("description")} {...aria("description")} />
      </Field>
      <p className="text-xs text-slate-600">{t("maxNote")}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={f.pending}>
          {f.pending ? t("saving") : t("save")}
        </Button>
        <a href={existing ? `/police-actions/${existing.id}` : "/police-actions"} className={buttonClasses("secondary")}>
          {t("cancel")}
        </a>
      </div>
    </form>
  );
}
