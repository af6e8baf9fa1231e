"use client";
// The family contacts of a new case: each someone already recorded or someone new, with the relationship,
// a phone, identity documents and likely existing records shown while typing.
import { useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { PersonDocumentsFields, type DocumentDraft } from "@/components/person-documents-fields";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Relationship } from "@/lib/generated/prisma/enums";
import { CasePersonDuplicates } from "./case-person-duplicates";
import { documentErrorsAt, PersonModeChoice, type PersonMode } from "./case-person-mode";

export interface ContactDraft {
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

export const newContact = (key: number): ContactDraft => ({
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

/** The contacts worth sending: someone named or picked, or a relationship chosen. */
export function contactInputs(contacts: ContactDraft[], documentInputs: (drafts: DocumentDraft[]) => unknown) {
  return contacts
    .filter((contact) => (contact.mode === "existing" ? contact.pick?.id : contact.name.trim()) || contact.relationship)
    .map((contact) => ({
      ...(contact.mode === "existing"
        ? { personId: contact.pick?.id ?? undefined }
        : { person: { names: [{ value: contact.name.trim() }], phone: contact.phone.trim(), documents: documentInputs(contact.documents) } }),
      relationship: contact.relationship,
      relationshipOther: contact.relationshipOther.trim(),
      isPrimary: contact.isPrimary,
    }));
}

export function CaseContactsFieldset({
  contacts,
  onChange,
  onAdd,
  excludeIds,
  err,
  nextDocumentKey,
}: {
  contacts: ContactDraft[];
  onChange: (contacts: ContactDraft[]) => void;
  onAdd: () => void;
  excludeIds: string[];
  /** the messages on a path and under it */
  err: (path: string) => string[] | undefined;
  nextDocumentKey: () => number;
}) {
  const t = useTranslations("cases");
  const update = (key: number, patch: Partial<ContactDraft>) =>
    onChange(contacts.map((contact) => (contact.key === key ? { ...contact, ...patch } : patch.isPrimary ? { ...contact, isPrimary: false } : contact)));

  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{t("fields.contacts")}</legend>
      {contacts.map((contact, index) => (
        <div key={contact.key} className="space-y-3 rounded-md border border-slate-100 p-3" role="group" aria-label={t("contactN", { n: index + 1 })}>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <PersonModeChoice name={`contact-${contact.key}-mode`} legend={t("contactWho")} value={contact.mode} onChange={(mode) => update(contact.key, { mode })} />
            </div>
            {contact.mode === "existing" ? (
              <PersonPicker
                id={`contact-${contact.key}-person`}
                label={t("fields.contactPerson")}
                value={contact.pick}
                onChange={(pick) => update(contact.key, { pick })}
                create="none"
                excludeIds={excludeIds}
                error={(err(`contacts.${index}.person`) ?? err(`contacts.${index}.personId`))?.join(" ")}
              />
            ) : (
              <CaseField id={`contact-${contact.key}-name`} label={t("fields.contactName")} error={err(`contacts.${index}.person`)}>
                {(aria) => <Input {...aria} value={contact.name} dir="auto" onChange={(e) => update(contact.key, { name: e.target.value })} />}
              </CaseField>
            )}
            <CaseField id={`contact-${contact.key}-relationship`} label={t("fields.relationship")} error={err(`contacts.${index}.relationship`)}>
              {(aria) => (
                <Select {...aria} value={contact.relationship} onChange={(e) => update(contact.key, { relationship: e.target.value })}>
                  <option value="">—</option>
                  {Object.values(Relationship).map((value) => (
                    <option key={value} value={value}>{t(`relationship.${value}`)}</option>
                  ))}
                </Select>
              )}
            </CaseField>
            {contact.relationship === "OTHER" ? (
              <CaseField id={`contact-${contact.key}-other`} label={t("fields.relationshipOther")} error={err(`contacts.${index}.relationshipOther`)}>
                {(aria) => <Input {...aria} value={contact.relationshipOther} onChange={(e) => update(contact.key, { relationshipOther: e.target.value })} />}
              </CaseField>
            ) : null}
            {contact.mode === "new" ? (
              <CaseField id={`contact-${contact.key}-phone`} label={t("fields.phone")} error={err(`contacts.${index}.person.phone`)}>
                {(aria) => <Input {...aria} type="tel" value={contact.phone} onChange={(e) => update(contact.key, { phone: e.target.value })} />}
              </CaseField>
            ) : null}
          </div>
          {contact.mode === "new" ? (
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("fields.documents")}</legend>
              <PersonDocumentsFields
                idPrefix={`contact-${contact.key}-document`}
                drafts={contact.documents}
                onChange={(documents) => update(contact.key, { documents })}
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
              onUse={(person) => update(contact.key, { mode: "existing", pick: { id: person.id, displayName: person.displayName } })}
            />
          ) : null}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="primaryContact" checked={contact.isPrimary} onChange={() => update(contact.key, { isPrimary: true })} className="h-4 w-4" />
              {t("fields.isPrimary")}
            </label>
            <Button variant="ghost" onClick={() => onChange(contacts.filter((c) => c.key !== contact.key))}>
              {t("removeContact")}
            </Button>
          </div>
        </div>
      ))}
      <Button variant="secondary" onClick={onAdd}>
        {t("addContact")}
      </Button>
    </fieldset>
  );
}
