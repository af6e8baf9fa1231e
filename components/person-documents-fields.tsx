"use client";
// Identity documents typed into a person form (the person page's form and the new-case form): kind and
// number checked as they are typed, a "keep as written" box for a number that fails its check, and the
// birth date, sex and hometown a valid number carries, offered when the person has none and pointed out
// when they disagree, so the user chooses.
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, describedBy } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { translateValidation } from "@/lib/i18n/errors";
import { checkDocumentNumber, compareFacts, DOCUMENT_KINDS, type DocumentKind, type FactComparison } from "@/lib/identity-documents/numbers";
import type { PersonDocumentView } from "@/lib/people/documents";
import type { PlaceOption } from "@/lib/places/find-places";
import { placeName } from "@/lib/places/place-name";
import type { PersonDocumentInput } from "@/lib/validations/person";
import { placeForDivisionCodeAction } from "@/app/(app)/people/actions";
import { TypedDateInput } from "@/components/typed-date-input";

export interface DocumentDraft {
  key: number;
  id: string | null;
  kind: DocumentKind;
  number: string;
  issuingCountry: string;
  issuedOn: string;
  expiresOn: string;
  note: string;
  keepAsWritten: boolean;
}

export const newDocumentDraft = (key: number): DocumentDraft => ({
  key,
  id: null,
  kind: "CN_RESIDENT_ID",
  number: "",
  issuingCountry: "",
  issuedOn: "",
  expiresOn: "",
  note: "",
  keepAsWritten: false,
});

export function documentDraftsFrom(documents: PersonDocumentView[]): DocumentDraft[] {
  return documents.map((document, key) => ({
    key,
    id: document.id,
    kind: document.kind,
    number: document.number ?? "",
    issuingCountry: document.issuingCountry ?? "",
    issuedOn: document.issuedOn ?? "",
    expiresOn: document.expiresOn ?? "",
    note: document.note ?? "",
    keepAsWritten: document.checkOverridden,
  }));
}

/** The drafts with a number, as the schema and the services take them. */
export function documentInputs(drafts: DocumentDraft[]): PersonDocumentInput[] {
  return drafts
    .filter((draft) => draft.number.trim() !== "")
    .map((draft) => ({
      ...(draft.id ? { id: draft.id } : {}),
      kind: draft.kind,
      number: draft.number,
      issuingCountry: draft.issuingCountry || null,
      issuedOn: draft.issuedOn || null,
      expiresOn: draft.expiresOn || null,
      note: draft.note || null,
      keepAsWritten: draft.keepAsWritten,
    }));
}

export interface RecordedPersonFacts {
  birthDate: string;
  gender: string;
  hometownPlaceId: string;
}

export type AcceptedFact = { field: "birthDate"; value: string } | { field: "gender"; value: string } | { field: "hometown"; value: PlaceOption };

export function PersonDocumentsFields({
  idPrefix,
  drafts,
  onChange,
  errors,
  recorded,
  onAccept,
  nextKey,
  max = 10,
}: {
  idPrefix: string;
  drafts: DocumentDraft[];
  onChange: (drafts: DocumentDraft[]) => void;
  /** the messages (translated) for one field path of document `index`, e.g. "number" */
  errors: (index: number, field: string) => string[] | undefined;
  /** what the form holds now, to offer facts the person lacks; absent where the form has no such fields */
  recorded?: RecordedPersonFacts;
  onAccept?: (fact: AcceptedFact) => void;
  nextKey: () => number;
  max?: number;
}) {
  const t = useTranslations("people");
  const update = (key: number, patch: Partial<DocumentDraft>) => onChange(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  return (
    <div className="space-y-3">
      {drafts.map((draft, index) => (
        <DocumentRow
          key={draft.key}
          id={`${idPrefix}-${draft.key}`}
          index={index}
          draft={draft}
          onUpdate={(patch) => update(draft.key, patch)}
          onRemove={() => onChange(drafts.filter((d) => d.key !== draft.key))}
          errors={(field) => errors(index, field)}
          recorded={recorded}
          onAccept={onAccept}
        />
      ))}
      {drafts.length < max ? (
        <Button variant="secondary" onClick={() => onChange([...drafts, newDocumentDraft(nextKey())])}>
          {t("documents.add")}
        </Button>
      ) : null}
    </div>
  );
}

function DocumentRow({
  id,
  index,
  draft,
  onUpdate,
  onRemove,
  errors,
  recorded,
  onAccept,
}: {
  id: string;
  index: number;
  draft: DocumentDraft;
  onUpdate: (patch: Partial<DocumentDraft>) => void;
  onRemove: () => void;
  errors: (field: string) => string[] | undefined;
  recorded?: RecordedPersonFacts;
  onAccept?: (fact: AcceptedFact) => void;
}) {
  const t = useTranslations("people");
  const locale = useLocale() as Locale;
  const typed = draft.number.trim();
  const check = typed ? checkDocumentNumber(draft.kind, typed) : null;
  const divisionCode = check?.valid ? check.facts.divisionCode : undefined;
  const [place, setPlace] = useState<{ code: string; place: PlaceOption | null } | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);

  // the county (or prefecture) the number was issued in, looked up once per division code
  useEffect(() => {
    if (!divisionCode || place?.code === divisionCode) return;
    let current = true;
    void placeForDivisionCodeAction(divisionCode).then((result) => {
      if (current && result.ok) setPlace({ code: divisionCode, place: result.data });
    });
    return () => {
      current = false;
    };
  }, [divisionCode, place?.code]);

  const placeFromNumber = divisionCode && place?.code === divisionCode ? place.place : null;
  const comparisons: FactComparison[] =
    check?.valid && recorded
      ? compareFacts(check.facts, { birthDate: recorded.birthDate, gender: recorded.gender, hometownPlaceId: recorded.hometownPlaceId || null }, placeFromNumber).filter(
          (c) => !dismissed.includes(`${c.field}:${c.fromNumber}`),
        )
      : [];
  const problem = check && !check.valid ? translateValidation(check.problem, locale) : null;
  const numberErrors = errors("number");
  // the live check speaks first; a server message is shown when the live check has nothing to say
  const numberMessages = problem && !draft.keepAsWritten ? [problem] : numberErrors;

  const factText = (c: FactComparison) =>
    c.field === "birthDate"
      ? formatUncertainDate(c.fromNumber, "DAY", locale)
      : c.field === "gender"
        ? t(`genders.${c.fromNumber as "MALE"}`)
        : placeFromNumber
          ? placeName(placeFromNumber, locale)
          : "";
  const accept = (c: FactComparison) => {
    if (!onAccept) return;
    if (c.field === "hometown") {
      if (placeFromNumber) onAccept({ field: "hometown", value: placeFromNumber });
    } else onAccept({ field: c.field, value: c.fromNumber });
  };

  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3" role="group" aria-label={t("documents.documentN", { n: index + 1 })}>
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
        <Field id={`${id}-kind`} label={t("documents.kind")}>
          <Select id={`${id}-kind`} value={draft.kind} onChange={(e) => onUpdate({ kind: e.target.value as DocumentKind, keepAsWritten: false })}>
            {DOCUMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`documents.kinds.${kind}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-number`} label={t("documents.number")} hint={t(`documents.hints.${draft.kind}`)} error={numberMessages}>
          <Input
            id={`${id}-number`}
            value={draft.number}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(numberMessages)}
            aria-describedby={describedBy(`${id}-number`, { hint: true, error: Boolean(numberMessages) })}
            onChange={(e) => onUpdate({ number: e.target.value, keepAsWritten: false })}
          />
        </Field>
        <Button variant="ghost" onClick={onRemove} aria-label={t("documents.remove", { n: index + 1 })}>
          ✕
        </Button>
      </div>
      {problem ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" checked={draft.keepAsWritten} onChange={(e) => onUpdate({ keepAsWritten: e.target.checked })} />
          {t("documents.keepAsWritten")}
        </label>
      ) : null}
      {check?.valid && (check.facts.birthDate || check.facts.divisionCode) ? (
        <p className="text-xs text-slate-700">
          {t("documents.valid")}
          {check.facts.legacy ? ` ${t("documents.legacy")}` : ""}
        </p>
      ) : null}
      {comparisons.length > 0 ? (
        <ul className="space-y-1" aria-live="polite">
          {comparisons.map((c) => (
            <li key={`${c.field}:${c.fromNumber}`} className={`flex flex-wrap items-center gap-2 rounded px-2 py-1 text-sm ${c.state === "differs" ? "bg-amber-100" : "bg-sky-50"}`}>
              <span>{t(`documents.${c.state}.${c.field}`, { value: factText(c) })}</span>
              {onAccept ? (
                <Button variant="secondary" onClick={() => accept(c)}>
                  {t(`documents.use.${c.field}`, { value: factText(c) })}
                </Button>
              ) : null}
              {c.state === "differs" ? (
                <Button variant="ghost" onClick={() => setDismissed((list) => [...list, `${c.field}:${c.fromNumber}`])}>
                  {t("documents.keepRecorded")}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">{t("documents.more")}</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          <Field id={`${id}-country`} label={t("documents.issuingCountry")} error={errors("issuingCountry")}>
            <Input id={`${id}-country`} value={draft.issuingCountry} maxLength={2} placeholder="CN / KZ" onChange={(e) => onUpdate({ issuingCountry: e.target.value })} />
          </Field>
          <Field id={`${id}-issued`} label={t("documents.issuedOn")} error={errors("issuedOn")}>
            <TypedDateInput id={`${id}-issued`} needs="day" defaultValue={draft.issuedOn} hasError={Boolean(errors("issuedOn"))} onTextChange={(text) => onUpdate({ issuedOn: text })} />
          </Field>
          <Field id={`${id}-expires`} label={t("documents.expiresOn")} error={errors("expiresOn")}>
            <TypedDateInput id={`${id}-expires`} needs="day" defaultValue={draft.expiresOn} hasError={Boolean(errors("expiresOn"))} onTextChange={(text) => onUpdate({ expiresOn: text })} />
          </Field>
          <div className="sm:col-span-3">
            <Field id={`${id}-note`} label={t("documents.note")} error={errors("note")}>
              <Input id={`${id}-note`} dir="auto" value={draft.note} onChange={(e) => onUpdate({ note: e.target.value })} />
            </Field>
          </div>
        </div>
      </details>
    </div>
  );
}
