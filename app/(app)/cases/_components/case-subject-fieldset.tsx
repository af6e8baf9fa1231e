"use client";
// The relative a new case is about: someone already recorded (picked by name in any script) or someone
// new, typed here with other spellings, birth date, hometown from the gazetteer and identity documents.
import { useLocale, useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { CaseField } from "@/components/case-form-parts";
import type { AppForm } from "@/components/forms/use-app-form";
import { PersonDocumentsFields, type DocumentDraft } from "@/components/person-documents-fields";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { PlacePicker } from "@/components/place-picker";
import { TypedDateInput } from "@/components/typed-date-input";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CaseStatus, Gender } from "@/lib/generated/prisma/enums";
import type { PlaceOption } from "@/lib/places/find-places";
import type { CaseCreateValues } from "./case-create-form";
import { CasePersonDuplicates } from "./case-person-duplicates";
import { documentErrorsAt, PersonModeChoice, type PersonMode } from "./case-person-mode";

export interface SubjectState {
  mode: PersonMode;
  pick: PersonPick | null;
  /** a gazetteer place, typed or accepted from a Chinese resident ID (the county it was issued in) */
  place: PlaceOption | null;
  /** the hometown as written, kept only when no gazetteer place fits */
  hometownText: string;
  documents: DocumentDraft[];
}

/** The other spellings' own messages: the list's, and those of the second name on, never the first name's. */
function otherNameErrors(f: AppForm<CaseCreateValues, unknown>): string[] | undefined {
  const found = Object.entries(f.fieldErrors)
    .filter(([path]) => path === "subject.person.names" || (/^subject\.person\.names\.(\d+)/.exec(path)?.[1] ?? "0") !== "0")
    .flatMap(([, messages]) => messages);
  return found.length ? Array.from(new Set(found)) : undefined;
}

export function CaseSubjectFieldset({
  f,
  subject,
  onChange,
  nextDocumentKey,
}: {
  f: AppForm<CaseCreateValues, unknown>;
  subject: SubjectState;
  onChange: (patch: Partial<SubjectState>) => void;
  nextDocumentKey: () => number;
}) {
  const t = useTranslations("cases");
  const locale = useLocale();
  const { register, errors, errorsWithin } = f;
  // typed into the new-person fields, watched for likely existing records
  const [subjectName, otherNames, birthDate, gender] = useWatch({ control: f.form.control, name: ["subjectName", "otherNames", "birthDate", "gender"] });

  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{t("fields.subject")}</legend>
      <PersonModeChoice name="subjectMode" legend={t("subjectWho")} value={subject.mode} onChange={(mode) => onChange({ mode })} />
      {subject.mode === "existing" ? (
        <PersonPicker
          id="subjectPerson"
          label={t("fields.subjectPerson")}
          value={subject.pick}
          onChange={(pick) => onChange({ pick })}
          create="none"
          required
          error={errorsWithin("subject")?.join(" ")}
        />
      ) : (
        <>
          <CaseField id="subjectName" label={t("fields.subjectName")} hint={t("fields.subjectNameHint")} error={errors("subject.person.names.0.value") ?? errors("subject")} required>
            {(aria) => <Input {...aria} autoComplete="off" required dir="auto" {...register("subjectName")} />}
          </CaseField>
          <CaseField id="otherNames" label={t("fields.otherNames")} error={otherNameErrors(f)}>
            {(aria) => <Textarea {...aria} rows={2} dir="auto" {...register("otherNames")} />}
          </CaseField>
          <div className="grid gap-4 sm:grid-cols-3">
            <CaseField id="gender" label={t("fields.gender")} error={errors("subject.person.gender")}>
              {(aria) => (
                <Select {...aria} {...register("gender")}>
                  {Object.values(Gender).map((value) => (
                    <option key={value} value={value}>{t(`gender.${value}`)}</option>
                  ))}
                </Select>
              )}
            </CaseField>
            <CaseField id="birthDate" label={t("fields.birthDate")} hint={t("dateHint")} error={errors("subject.person.birthDate")}>
              {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} {...register("birthDate")} />}
            </CaseField>
            <div data-testid="subject-hometown-place">
              <CaseField id="hometown" label={t("fields.hometown")} error={errors("subject.person.hometownPlaceId") ?? errors("subject.person.hometownText")}>
                {(aria) => (
                  <PlacePicker
                    id={aria.id}
                    locale={locale}
                    value={{ place: subject.place, text: subject.hometownText }}
                    onChange={(choice) => onChange({ place: choice.place, hometownText: choice.text })}
                    invalid={aria["aria-invalid"]}
                    describedBy={aria["aria-describedby"]}
                  />
                )}
              </CaseField>
            </div>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("fields.documents")}</legend>
            <PersonDocumentsFields
              idPrefix="subject-document"
              drafts={subject.documents}
              onChange={(documents) => onChange({ documents })}
              errors={documentErrorsAt(errorsWithin, "subject.person")}
              recorded={{ birthDate: birthDate ?? "", gender: gender ?? "UNKNOWN", hometownPlaceId: subject.place?.id ?? "" }}
              onAccept={(fact) => {
                if (fact.field === "hometown") onChange({ place: fact.value });
                else f.form.setValue(fact.field, fact.value);
              }}
              nextKey={nextDocumentKey}
              max={5}
            />
          </fieldset>
          <CasePersonDuplicates
            id="subject-duplicates"
            names={[subjectName ?? "", ...(otherNames ?? "").split("\n")]}
            documentNumbers={subject.documents.map((d) => d.number)}
            birthDate={birthDate ?? ""}
            gender={gender ?? "UNKNOWN"}
            onUse={(person) => onChange({ pick: { id: person.id, displayName: person.displayName }, mode: "existing" })}
          />
        </>
      )}
      <CaseField id="status" label={t("fields.status")} error={errors("status")}>
        {(aria) => (
          <Select {...aria} {...register("status")}>
            {Object.values(CaseStatus).map((value) => (
              <option key={value} value={value}>{t(`status.${value}`)}</option>
            ))}
          </Select>
        )}
      </CaseField>
    </fieldset>
  );
}
