"use client";
// Editing a case. A save against an older version is refused by the server; the form then shows the
// user's values beside the saved ones and lets them apply theirs on top or keep the other change.
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { DisclosureLevel, Priority, VerificationLevel } from "@/lib/generated/prisma/enums";
import { updateCaseAction } from "../actions";
import { TypedDateInput, typedDateText } from "@/components/typed-date-input";
import { isLocale } from "@/lib/i18n/config";
import { updateCaseSchema } from "@/lib/validations/case";

export interface CaseEditValues {
  version: number;
  disclosureLevel: string;
  consentGivenBy: string;
  consentGivenAt: string;
  consentScope: string;
  consentNotes: string;
  priority: string;
  verificationLevel: string;
  tags: string;
  summary: string;
}

type Field = Exclude<keyof CaseEditValues, "version">;
const FIELDS: { name: Field; label: string }[] = [
  { name: "disclosureLevel", label: "fields.disclosureLevel" },
  { name: "consentGivenBy", label: "fields.consentGivenBy" },
  { name: "consentGivenAt", label: "fields.consentGivenAt" },
  { name: "consentScope", label: "fields.consentScope" },
  { name: "consentNotes", label: "fields.consentNotes" },
  { name: "priority", label: "fields.priority" },
  { name: "verificationLevel", label: "fields.verificationLevel" },
  { name: "tags", label: "fields.tags" },
  { name: "summary", label: "fields.summary" },
];

/** The server's snapshot of the case after someone else's save, in the form's terms. */
function fromCurrent(current: Record<string, unknown>): CaseEditValues {
  const str = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    version: typeof current.version === "number" ? current.version : 0,
    disclosureLevel: str(current.disclosureLevel),
    consentGivenBy: str(current.consentGivenBy),
    consentGivenAt: str(current.consentGivenAt),
    consentScope: str(current.consentScope),
    consentNotes: str(current.consentNotes),
    priority: str(current.priority),
    verificationLevel: str(current.verificationLevel),
    tags: Array.isArray(current.tags) ? current.tags.join(", ") : "",
    summary: str(current.summary),
  };
}

function toInput(values: CaseEditValues) {
  return {
    ...values,
    tags: values.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

export function CaseEditForm({ caseId, initial }: { caseId: string; initial: CaseEditValues }) {
  const t = useTranslations("cases");
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  const router = useRouter();
  const [theirs, setTheirs] = useState<CaseEditValues | null>(null);
  // dates as the reader reads them, here and in the comparison after a conflict
  const shown = (values: CaseEditValues): CaseEditValues => ({ ...values, consentGivenAt: typedDateText(values.consentGivenAt, locale) });
  const f = useAppForm({
    defaultValues: shown(initial),
    toInput,
    schema: updateCaseSchema,
    action: (input) => updateCaseAction(caseId, input),
    onSuccess: () => {
      router.push(`/cases/${caseId}`);
      router.refresh();
    },
    onFailure: (error) => {
      if (error.code !== "CONFLICT" || !error.details?.current) return false;
      setTheirs(shown(fromCurrent(error.details.current as Record<string, unknown>)));
      return true;
    },
  });
  const { register } = f;
  const err = f.errorsWithin;
  const pending = f.pending;

  if (theirs) {
    const values = f.form.getValues();
    const differing = FIELDS.filter((field) => values[field.name] !== theirs[field.name]);
    return (
      <div className="space-y-4">
        <Alert tone="warning" title={t("conflictTitle")}>
          {t("conflictIntro")}
        </Alert>
        <Table caption={t("conflictTitle")}>
          <thead>
            <tr>
              <Th>{t("conflictField")}</Th>
              <Th>{t("conflictYours")}</Th>
              <Th>{t("conflictTheirs")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {differing.map((field) => (
              <tr key={field.name}>
                <Th scope="row">{t(field.label)}</Th>
                <Td className="whitespace-pre-wrap" dir="auto">{values[field.name] || t("empty")}</Td>
                <Td className="whitespace-pre-wrap" dir="auto">{theirs[field.name] || t("empty")}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <div className="flex flex-wrap gap-2">
          <Button
            disabled={pending}
            onClick={() => {
              f.form.setValue("version", theirs.version);
              setTheirs(null);
              f.submitValues(f.form.getValues());
            }}
          >
            {t("conflictReapply")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              f.form.reset(theirs);
              setTheirs(null);
            }}
          >
            {t("conflictDiscard")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form {...f.formProps} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <CaseField id="edit-disclosure" label={t("fields.disclosureLevel")} error={err("disclosureLevel")}>
          {(aria) => (
            <Select {...aria} {...register("disclosureLevel")}>
              {Object.values(DisclosureLevel).map((value) => (
                <option key={value} value={value}>{t(`disclosure.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <CaseField id="edit-priority" label={t("fields.priority")} error={err("priority")}>
          {(aria) => (
            <Select {...aria} {...register("priority")}>
              {Object.values(Priority).map((value) => (
                <option key={value} value={value}>{t(`priority.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <CaseField id="edit-verification" label={t("fields.verificationLevel")} error={err("verificationLevel")}>
          {(aria) => (
            <Select {...aria} {...register("verificationLevel")}>
              {Object.values(VerificationLevel).map((value) => (
                <option key={value} value={value}>{t(`verification.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <CaseField id="edit-consent-by" label={t("fields.consentGivenBy")} error={err("consentGivenBy")}>
          {(aria) => <Input {...aria} dir="auto" {...register("consentGivenBy")} />}
        </CaseField>
        <CaseField id="edit-consent-at" label={t("fields.consentGivenAt")} error={err("consentGivenAt")}>
          {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" {...register("consentGivenAt")} />}
        </CaseField>
      </div>
      <CaseField id="edit-consent-scope" label={t("fields.consentScope")} error={err("consentScope")}>
        {(aria) => <Input {...aria} {...register("consentScope")} />}
      </CaseField>
      <CaseField id="edit-consent-notes" label={t("fields.consentNotes")} error={err("consentNotes")}>
        {(aria) => <Textarea {...aria} rows={2} {...register("consentNotes")} />}
      </CaseField>
      <CaseField id="edit-tags" label={t("fields.tags")} hint={t("fields.tagsHint")} error={err("tags")}>
        {(aria) => <Input {...aria} {...register("tags")} />}
      </CaseField>
      <CaseField id="edit-summary" label={t("fields.summary")} error={err("summary")}>
        {(aria) => <Textarea {...aria} rows={5} dir="auto" {...register("summary")} />}
      </CaseField>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("saveChanges")}
        </Button>
        <Link href={`/cases/${caseId}`} className={buttonClasses("ghost")}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
