"use client";
// The "open a case" form: keyboard-first, every field labelled, errors shown per field in the reader's language.
// The relative and each family contact is either someone already recorded (picked by name in any script)
// or someone new, typed here, with likely existing records shown before the case is saved.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { CaseField } from "@/components/case-form-parts";
import { useAppForm } from "@/components/forms/use-app-form";
import { documentInputs } from "@/components/person-documents-fields";
import { TypedDateInput } from "@/components/typed-date-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DisclosureLevel, Priority, VerificationLevel } from "@/lib/generated/prisma/enums";
import { createCaseSchema } from "@/lib/validations/case";
import { createCaseAction } from "../actions";
import { CaseContactsFieldset, contactInputs, newContact, type ContactDraft } from "./case-contacts-fieldset";
import { CaseSubjectFieldset, type SubjectState } from "./case-subject-fieldset";

export interface CaseCreateValues {
  subjectName: string;
  otherNames: string;
  gender: string;
  birthDate: string;
  status: string;
  disclosureLevel: string;
  consentGivenBy: string;
  consentGivenAt: string;
  consentScope: string;
  consentNotes: string;
  assignedToId: string;
  priority: string;
  verificationLevel: string;
  tags: string;
  summary: string;
}

export function CaseCreateForm({ members, defaultAssigneeId }: { members: { id: string; name: string }[]; defaultAssigneeId: string }) {
  const t = useTranslations("cases");
  const router = useRouter();
  const [contacts, setContacts] = useState<ContactDraft[]>([newContact(0)]);
  const [nextKey, setNextKey] = useState(1);
  const [subject, setSubject] = useState<SubjectState>({ mode: "new", pick: null, place: null, hometownText: "", documents: [] });
  const [documentKey, setDocumentKey] = useState(1);
  const nextDocumentKey = () => {
    setDocumentKey((k) => k + 1);
    return documentKey;
  };

  const toInput = (values: CaseCreateValues) => {
    const otherNames = values.otherNames
      .split("\n")
      .map((value) => value.trim())
      .filter(Boolean);
    return {
      subject:
        subject.mode === "existing"
          ? { personId: subject.pick?.id ?? "" }
          : {
              person: {
                names: [{ value: values.subjectName.trim() }, ...otherNames.map((value) => ({ value }))],
                gender: values.gender || "UNKNOWN",
                birthDate: values.birthDate.trim(),
                hometownText: subject.place ? "" : subject.hometownText,
                hometownPlaceId: subject.place?.id ?? null,
                documents: documentInputs(subject.documents),
              },
            },
      contacts: contactInputs(contacts, documentInputs),
      status: values.status || "UNKNOWN",
      disclosureLevel: values.disclosureLevel,
      consentGivenBy: values.consentGivenBy.trim(),
      consentGivenAt: values.consentGivenAt.trim(),
      consentScope: values.consentScope.trim(),
      consentNotes: values.consentNotes.trim(),
      assignedToId: values.assignedToId,
      priority: values.priority,
      verificationLevel: values.verificationLevel,
      tags: values.tags
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      summary: values.summary.trim(),
    };
  };

  const f = useAppForm<CaseCreateValues, unknown, { id: string; reference: string }>({
    defaultValues: {
      subjectName: "",
      otherNames: "",
      gender: "UNKNOWN",
      birthDate: "",
      status: "UNKNOWN",
      disclosureLevel: "PRIVATE",
      consentGivenBy: "",
      consentGivenAt: "",
      consentScope: "",
      consentNotes: "",
      assignedToId: defaultAssigneeId,
      priority: "NORMAL",
      verificationLevel: "REPORTED",
      tags: "",
      summary: "",
    },
    toInput,
    schema: createCaseSchema,
    action: (input, submitKey) => createCaseAction(input, submitKey),
    onSuccess: (data) => router.push(`/cases/${data.id}`),
  });
  const { register, errors } = f;
  const disclosure = useWatch({ control: f.form.control, name: "disclosureLevel" });
  const consentRequired = disclosure !== "PRIVATE";

  return (
    <form {...f.formProps} className="space-y-8">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}

      <CaseSubjectFieldset f={f} subject={subject} onChange={(patch) => setSubject((s) => ({ ...s, ...patch }))} nextDocumentKey={nextDocumentKey} />

      <CaseContactsFieldset
        contacts={contacts}
        onChange={setContacts}
        onAdd={() => {
          setContacts((list) => [...list, newContact(nextKey)]);
          setNextKey((key) => key + 1);
        }}
        excludeIds={subject.mode === "existing" && subject.pick?.id ? [subject.pick.id] : []}
        err={f.errorsWithin}
        nextDocumentKey={nextDocumentKey}
      />

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("fields.consent")}</legend>
        <CaseField id="disclosureLevel" label={t("fields.disclosureLevel")} hint={t(`disclosureHint.${disclosure as "PRIVATE"}`)} error={errors("disclosureLevel")}>
          {(aria) => (
            <Select {...aria} {...register("disclosureLevel")}>
              {Object.values(DisclosureLevel).map((value) => (
                <option key={value} value={value}>{t(`disclosure.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <div className="grid gap-4 sm:grid-cols-2">
          <CaseField id="consentGivenBy" label={t("fields.consentGivenBy")} error={errors("consentGivenBy")} required={consentRequired}>
            {(aria) => <Input {...aria} dir="auto" {...register("consentGivenBy")} />}
          </CaseField>
          <CaseField id="consentGivenAt" label={t("fields.consentGivenAt")} error={errors("consentGivenAt")} required={consentRequired}>
            {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" {...register("consentGivenAt")} />}
          </CaseField>
        </div>
        <CaseField id="consentScope" label={t("fields.consentScope")} error={errors("consentScope")}>
          {(aria) => <Input {...aria} {...register("consentScope")} />}
        </CaseField>
        <CaseField id="consentNotes" label={t("fields.consentNotes")} error={errors("consentNotes")}>
          {(aria) => <Textarea {...aria} rows={2} {...register("consentNotes")} />}
        </CaseField>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("overview")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <CaseField id="assignedToId" label={t("fields.assignedTo")} error={errors("assignedToId")}>
            {(aria) => (
              <Select {...aria} {...register("assignedToId")}>
                <option value="">{t("nobody")}</option>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>{member.name}</option>
                ))}
              </Select>
            )}
          </CaseField>
          <CaseField id="priority" label={t("fields.priority")} error={errors("priority")}>
            {(aria) => (
              <Select {...aria} {...register("priority")}>
                {Object.values(Priority).map((value) => (
                  <option key={value} value={value}>{t(`priority.${value}`)}</option>
                ))}
              </Select>
            )}
          </CaseField>
          <CaseField id="verificationLevel" label={t("fields.verificationLevel")} error={errors("verificationLevel")}>
            {(aria) => (
              <Select {...aria} {...register("verificationLevel")}>
                {Object.values(VerificationLevel).map((value) => (
                  <option key={value} value={value}>{t(`verification.${value}`)}</option>
                ))}
              </Select>
            )}
          </CaseField>
        </div>
        <CaseField id="tags" label={t("fields.tags")} hint={t("fields.tagsHint")} error={f.errorsWithin("tags")}>
          {(aria) => <Input {...aria} {...register("tags")} />}
        </CaseField>
        <CaseField id="summary" label={t("fields.summary")} error={errors("summary")}>
          {(aria) => <Textarea {...aria} rows={4} dir="auto" {...register("summary")} />}
        </CaseField>
      </fieldset>

      <Button type="submit" disabled={f.pending}>
        {f.pending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
