"use client";
// The "open a case" form: keyboard-first, every field labelled, errors shown per field in the reader's language.
// The relative and each family contact is either someone already recorded (picked by name in any script)
// or someone new, typed here, with likely existing records shown before the case is saved.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CaseField, errorsFor, ownErrors, useFocusFirstError } from "@/components/case-form-parts";
import { documentInputs, PersonDocumentsFields, type DocumentDraft } from "@/components/person-documents-fields";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmitKey } from "@/components/use-submit-key";
import type { FieldErrors } from "@/lib/errors";
import type { PlaceOption } from "@/lib/places/find-places";
import type { Locale } from "@/lib/i18n/config";
import { CaseStatus, DisclosureLevel, Gender, Priority, Relationship, VerificationLevel } from "@/lib/generated/prisma/enums";
import { createCaseAction } from "../actions";
import { CasePersonDuplicates } from "./case-person-duplicates";
import { TypedDateInput } from "@/components/typed-date-input";
import { PlacePicker } from "@/components/place-picker";

type PersonMode = "new" | "existing";

interface ContactDraft {
  key: number;
  mode: PersonMode;
  pick: PersonPick | null;
  name: string;
  relationship: string;
  relationshipOther: string;
  phone: string;
  documents: DocumentDraft[];
  isPrimary: boolean;
}

const newContact = (key: number): ContactDraft => ({
  key,
  mode: "new",
  pick: null,
  name: "",
  relationship: "",
  relationshipOther: "",
  phone: "",
  documents: [],
  isPrimary: key === 0,
});

/** A translated message list for one path, from the server's field errors. */
const documentErrorsAt = (err: (path: string) => string[] | undefined, base: string) => (index: number, field: string) =>
  err(`${base}.documents.${index}.${field}`) ?? (field === "number" ? err(`${base}.documents.${index}`) : undefined);

/** The other spellings' own messages: the list's, and those of the second name on, never the first name's. */
function otherNameErrors(fieldErrors: FieldErrors): string[] | undefined {
  const found = Object.entries(fieldErrors)
    .filter(([path]) => path === "subject.person.names" || (/^subject\.person\.names\.(\d+)/.exec(path)?.[1] ?? "0") !== "0")
    .flatMap(([, messages]) => messages);
  return found.length ? found : undefined;
}

export function CaseCreateForm({ members, defaultAssigneeId }: { members: { id: string; name: string }[]; defaultAssigneeId: string }) {
  const t = useTranslations("cases");
  const router = useRouter();
  const submitKey = useSubmitKey();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [contacts, setContacts] = useState<ContactDraft[]>([newContact(0)]);
  const [nextKey, setNextKey] = useState(1);
  const [disclosure, setDisclosure] = useState<string>("PRIVATE");
  const [subjectMode, setSubjectMode] = useState<PersonMode>("new");
  const [subjectPick, setSubjectPick] = useState<PersonPick | null>(null);
  // typed into the new-person fields, watched for likely existing records
  const [subjectNames, setSubjectNames] = useState({ name: "", others: "" });
  const [subjectBirth, setSubjectBirth] = useState({ birthDate: "", gender: "UNKNOWN" });
  const [subjectDocuments, setSubjectDocuments] = useState<DocumentDraft[]>([]);
  // a gazetteer place accepted from a Chinese resident ID: the county it was issued in
  const [subjectPlace, setSubjectPlace] = useState<PlaceOption | null>(null);
  // the hometown as written, kept only when no gazetteer place fits
  const [hometownText, setHometownText] = useState("");
  const [documentKey, setDocumentKey] = useState(1);
  const nextDocumentKey = () => {
    setDocumentKey((k) => k + 1);
    return documentKey;
  };
  const locale = useLocale() as Locale;

  const updateContact = (key: number, patch: Partial<ContactDraft>) =>
    setContacts((list) => list.map((contact) => (contact.key === key ? { ...contact, ...patch } : patch.isPrimary ? { ...contact, isPrimary: false } : contact)));

  function submit(form: FormData) {
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const otherNames = text("otherNames")
      .split("\n")
      .map((value) => value.trim())
      .filter(Boolean);
    const input = {
      subject:
        subjectMode === "existing"
          ? { personId: subjectPick?.id ?? "" }
          : {
              person: {
                names: [{ value: text("subjectName") }, ...otherNames.map((value) => ({ value }))],
                gender: text("gender") || "UNKNOWN",
                birthDate: text("birthDate"),
                hometownText: subjectPlace ? "" : hometownText,
                hometownPlaceId: subjectPlace?.id ?? null,
                documents: documentInputs(subjectDocuments),
              },
            },
      contacts: contacts
        .filter((contact) => (contact.mode === "existing" ? contact.pick?.id : contact.name.trim()) || contact.relationship)
        .map((contact) => ({
          ...(contact.mode === "existing"
            ? { personId: contact.pick?.id ?? undefined }
            : { person: { names: [{ value: contact.name.trim() }], phone: contact.phone.trim(), documents: documentInputs(contact.documents) } }),
          relationship: contact.relationship,
          relationshipOther: contact.relationshipOther.trim(),
          isPrimary: contact.isPrimary,
        })),
      status: text("status") || "UNKNOWN",
      disclosureLevel: text("disclosureLevel"),
      consentGivenBy: text("consentGivenBy"),
      consentGivenAt: text("consentGivenAt"),
      consentScope: text("consentScope"),
      consentNotes: text("consentNotes"),
      assignedToId: text("assignedToId"),
      priority: text("priority"),
      verificationLevel: text("verificationLevel"),
      tags: text("tags")
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      summary: text("summary"),
    };
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await createCaseAction(input, submitKey.current());
      if (result.ok) {
        submitKey.renew();
        router.push(`/cases/${result.data.id}`);
        return;
      }
      setFormError(result.error.message);
      setFieldErrors(result.error.fieldErrors ?? {});
    });
  }

  const err = (path: string) => errorsFor(fieldErrors, path);
  const formRef = useFocusFirstError(fieldErrors);
  const consentRequired = disclosure !== "PRIVATE";

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-8"
      onSubmit={(event) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget));
      }}
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("fields.subject")}</legend>
        <PersonModeChoice
          name="subjectMode"
          legend={t("subjectWho")}
          value={subjectMode}
          onChange={(mode) => setSubjectMode(mode)}
        />
        {subjectMode === "existing" ? (
          <PersonPicker
            id="subjectPerson"
            label={t("fields.subjectPerson")}
            value={subjectPick}
            onChange={setSubjectPick}
            create="none"
            required
            error={err("subject")?.join(" ")}
          />
        ) : (
          <>
            <CaseField id="subjectName" label={t("fields.subjectName")} hint={t("fields.subjectNameHint")} error={err("subject.person.names.0.value") ?? ownErrors(fieldErrors, "subject")} required>
              {(aria) => (
                <Input {...aria} name="subjectName" autoComplete="off" required dir="auto" value={subjectNames.name} onChange={(e) => setSubjectNames((v) => ({ ...v, name: e.target.value }))} />
              )}
            </CaseField>
            <CaseField id="otherNames" label={t("fields.otherNames")} error={otherNameErrors(fieldErrors)}>
              {(aria) => (
                <Textarea {...aria} name="otherNames" rows={2} dir="auto" value={subjectNames.others} onChange={(e) => setSubjectNames((v) => ({ ...v, others: e.target.value }))} />
              )}
            </CaseField>
            <div className="grid gap-4 sm:grid-cols-3">
              <CaseField id="gender" label={t("fields.gender")} error={err("subject.person.gender")}>
                {(aria) => (
                  <Select {...aria} name="gender" value={subjectBirth.gender} onChange={(e) => setSubjectBirth((v) => ({ ...v, gender: e.target.value }))}>
                    {Object.values(Gender).map((value) => (
                      <option key={value} value={value}>{t(`gender.${value}`)}</option>
                    ))}
                  </Select>
                )}
              </CaseField>
              <CaseField id="birthDate" label={t("fields.birthDate")} hint={t("dateHint")} error={err("subject.person.birthDate")}>
                {(aria) => (
                  <TypedDateInput {...aria} hasError={aria["aria-invalid"]} name="birthDate" value={subjectBirth.birthDate} onTextChange={(text) => setSubjectBirth((v) => ({ ...v, birthDate: text }))} />
                )}
              </CaseField>
              <div data-testid="subject-hometown-place">
                <CaseField id="hometown" label={t("fields.hometown")} error={err("subject.person.hometownPlaceId") ?? err("subject.person.hometownText")}>
                  {(aria) => (
                    <PlacePicker
                      id={aria.id}
                      locale={locale}
                      value={{ place: subjectPlace, text: hometownText }}
                      onChange={(choice) => {
                        setSubjectPlace(choice.place);
                        setHometownText(choice.text);
                      }}
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
                drafts={subjectDocuments}
                onChange={setSubjectDocuments}
                errors={documentErrorsAt(err, "subject.person")}
                recorded={{ birthDate: subjectBirth.birthDate, gender: subjectBirth.gender, hometownPlaceId: subjectPlace?.id ?? "" }}
                onAccept={(fact) => {
                  if (fact.field === "hometown") setSubjectPlace(fact.value);
                  else setSubjectBirth((v) => ({ ...v, [fact.field]: fact.value }));
                }}
                nextKey={nextDocumentKey}
                max={5}
              />
            </fieldset>
            <CasePersonDuplicates
              id="subject-duplicates"
              names={[subjectNames.name, ...subjectNames.others.split("\n")]}
              documentNumbers={subjectDocuments.map((d) => d.number)}
              birthDate={subjectBirth.birthDate}
              gender={subjectBirth.gender}
              onUse={(person) => {
                setSubjectPick({ id: person.id, displayName: person.displayName });
                setSubjectMode("existing");
              }}
            />
          </>
        )}
        <CaseField id="status" label={t("fields.status")} error={err("status")}>
          {(aria) => (
            <Select {...aria} name="status" defaultValue="UNKNOWN">
              {Object.values(CaseStatus).map((value) => (
                <option key={value} value={value}>{t(`status.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("fields.contacts")}</legend>
        {contacts.map((contact, index) => (
          <div key={contact.key} className="space-y-3 rounded-md border border-slate-100 p-3" role="group" aria-label={t("contactN", { n: index + 1 })}>
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="sm:col-span-2">
                <PersonModeChoice
                  name={`contact-${contact.key}-mode`}
                  legend={t("contactWho")}
                  value={contact.mode}
                  onChange={(mode) => updateContact(contact.key, { mode })}
                />
              </div>
              {contact.mode === "existing" ? (
                <PersonPicker
                  id={`contact-${contact.key}-person`}
                  label={t("fields.contactPerson")}
                  value={contact.pick}
                  onChange={(pick) => updateContact(contact.key, { pick })}
                  create="none"
                  excludeIds={subjectMode === "existing" && subjectPick?.id ? [subjectPick.id] : []}
                  error={(err(`contacts.${index}.person`) ?? err(`contacts.${index}.personId`))?.join(" ")}
                />
              ) : (
                <CaseField id={`contact-${contact.key}-name`} label={t("fields.contactName")} error={err(`contacts.${index}.person`)}>
                  {(aria) => <Input {...aria} value={contact.name} dir="auto" onChange={(e) => updateContact(contact.key, { name: e.target.value })} />}
                </CaseField>
              )}
              <CaseField id={`contact-${contact.key}-relationship`} label={t("fields.relationship")} error={err(`contacts.${index}.relationship`)}>
                {(aria) => (
                  <Select {...aria} value={contact.relationship} onChange={(e) => updateContact(contact.key, { relationship: e.target.value })}>
                    <option value="">—</option>
                    {Object.values(Relationship).map((value) => (
                      <option key={value} value={value}>{t(`relationship.${value}`)}</option>
                    ))}
                  </Select>
                )}
              </CaseField>
              {contact.relationship === "OTHER" ? (
                <CaseField id={`contact-${contact.key}-other`} label={t("fields.relationshipOther")} error={err(`contacts.${index}.relationshipOther`)}>
                  {(aria) => <Input {...aria} value={contact.relationshipOther} onChange={(e) => updateContact(contact.key, { relationshipOther: e.target.value })} />}
                </CaseField>
              ) : null}
              {contact.mode === "new" ? (
                <CaseField id={`contact-${contact.key}-phone`} label={t("fields.phone")} error={err(`contacts.${index}.person.phone`)}>
                  {(aria) => <Input {...aria} type="tel" value={contact.phone} onChange={(e) => updateContact(contact.key, { phone: e.target.value })} />}
                </CaseField>
              ) : null}
            </div>
            {contact.mode === "new" ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">{t("fields.documents")}</legend>
                <PersonDocumentsFields
                  idPrefix={`contact-${contact.key}-document`}
                  drafts={contact.documents}
                  onChange={(documents) => updateContact(contact.key, { documents })}
                  errors={documentErrorsAt(err, `contacts.${index}.person`)}
                  nextKey={nextDocumentKey}
                  max={5}
                />
              </fieldset>
            ) : null}
            {contact.mode === "new" ? (
              <CasePersonDuplicates
                id={`contact-${contact.key}-duplicates`}
                names={[contact.name]}
                documentNumbers={contact.documents.map((d) => d.number)}
                onUse={(person) => updateContact(contact.key, { mode: "existing", pick: { id: person.id, displayName: person.displayName } })}
              />
            ) : null}
            <div className="flex flex-wrap items-center justify-between gap-2">
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="primaryContact" checked={contact.isPrimary} onChange={() => updateContact(contact.key, { isPrimary: true })} className="h-4 w-4" />
                {t("fields.isPrimary")}
              </label>
              <Button variant="ghost" onClick={() => setContacts((list) => list.filter((c) => c.key !== contact.key))}>
                {t("removeContact")}
              </Button>
            </div>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() => {
            setContacts((list) => [...list, newContact(nextKey)]);
            setNextKey((key) => key + 1);
          }}
        >
          {t("addContact")}
        </Button>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("fields.consent")}</legend>
        <CaseField id="disclosureLevel" label={t("fields.disclosureLevel")} hint={t(`disclosureHint.${disclosure as "PRIVATE"}`)} error={err("disclosureLevel")}>
          {(aria) => (
            <Select {...aria} name="disclosureLevel" value={disclosure} onChange={(e) => setDisclosure(e.target.value)}>
              {Object.values(DisclosureLevel).map((value) => (
                <option key={value} value={value}>{t(`disclosure.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <div className="grid gap-4 sm:grid-cols-2">
          <CaseField id="consentGivenBy" label={t("fields.consentGivenBy")} error={err("consentGivenBy")} required={consentRequired}>
            {(aria) => <Input {...aria} name="consentGivenBy" dir="auto" />}
          </CaseField>
          <CaseField id="consentGivenAt" label={t("fields.consentGivenAt")} error={err("consentGivenAt")} required={consentRequired}>
            {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" name="consentGivenAt" />}
          </CaseField>
        </div>
        <CaseField id="consentScope" label={t("fields.consentScope")} error={err("consentScope")}>
          {(aria) => <Input {...aria} name="consentScope" />}
        </CaseField>
        <CaseField id="consentNotes" label={t("fields.consentNotes")} error={err("consentNotes")}>
          {(aria) => <Textarea {...aria} name="consentNotes" rows={2} />}
        </CaseField>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("overview")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <CaseField id="assignedToId" label={t("fields.assignedTo")} error={err("assignedToId")}>
            {(aria) => (
              <Select {...aria} name="assignedToId" defaultValue={defaultAssigneeId}>
                <option value="">{t("nobody")}</option>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>{member.name}</option>
                ))}
              </Select>
            )}
          </CaseField>
          <CaseField id="priority" label={t("fields.priority")} error={err("priority")}>
            {(aria) => (
              <Select {...aria} name="priority" defaultValue="NORMAL">
                {Object.values(Priority).map((value) => (
                  <option key={value} value={value}>{t(`priority.${value}`)}</option>
                ))}
              </Select>
            )}
          </CaseField>
          <CaseField id="verificationLevel" label={t("fields.verificationLevel")} error={err("verificationLevel")}>
            {(aria) => (
              <Select {...aria} name="verificationLevel" defaultValue="REPORTED">
                {Object.values(VerificationLevel).map((value) => (
                  <option key={value} value={value}>{t(`verification.${value}`)}</option>
                ))}
              </Select>
            )}
          </CaseField>
        </div>
        <CaseField id="tags" label={t("fields.tags")} hint={t("fields.tagsHint")} error={err("tags")}>
          {(aria) => <Input {...aria} name="tags" />}
        </CaseField>
        <CaseField id="summary" label={t("fields.summary")} error={err("summary")}>
          {(aria) => <Textarea {...aria} name="summary" rows={4} dir="auto" />}
        </CaseField>
      </fieldset>

      <Button type="submit" disabled={pending}>
        {pending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}

/** "Someone new" or "someone already recorded", as a pair of radio buttons (arrow keys move between them). */
function PersonModeChoice({ name, legend, value, onChange }: { name: string; legend: string; value: PersonMode; onChange: (mode: PersonMode) => void }) {
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
