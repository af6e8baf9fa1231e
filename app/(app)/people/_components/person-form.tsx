"use client";
// Create and edit form for a person: names in several scripts, uncertain dates, hometown, sensitive
// contact details; likely existing records are shown while typing; a stale save shows the other change.
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import {
  documentDraftsFrom,
  documentInputs,
  PersonDocumentsFields,
  type AcceptedFact,
  type DocumentDraft,
} from "@/components/person-documents-fields";
import { TypedDateInput } from "@/components/typed-date-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/input";
import type { DatePrecision, Gender, NameKind } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/config";
import { formatUncertainDate } from "@/lib/format/date";
import type { PersonView } from "@/lib/people/shared";
import type { PlaceOption } from "@/lib/places/find-places";
import { placeName } from "@/lib/places/place-name";
import { personCreateSchema, type PersonCreateInput } from "@/lib/validations/person";
import { parseTypedDate } from "@/lib/validations/typed-date";
import { createPersonAction, updatePersonAction } from "../actions";
import { PersonConflictView } from "./person-conflict-view";
import { PersonDuplicatesPanel } from "./person-duplicates-panel";
import { PersonNamesFieldset, personFieldText } from "./person-names-fieldset";

const GENDERS: Gender[] = ["UNKNOWN", "FEMALE", "MALE", "OTHER"];

export interface PersonFormValues {
  names: { value: string; kind: NameKind }[];
  gender: Gender;
  birthDate: string;
  birthDatePrecision: DatePrecision;
  deathDate: string;
  deathDatePrecision: DatePrecision;
  ethnicity: string;
  citizenships: string;
  hometownPlaceId: string;
  hometownText: string;
  phone: string;
  messenger: string;
  address: string;
  notes: string;
}

/** A stored date as the form shows it, in the reader's language: "2017 ж.", "наурыз 2018 ж.", "12 наурыз 2018 ж.". */
function dateForForm(date: string | null, precision: DatePrecision, locale: Locale): string {
  if (!date || precision === "UNKNOWN") return "";
  return formatUncertainDate(date, precision, locale);
}

function toPersonFormValues(person: PersonView | null, locale: Locale): PersonFormValues {
  return {
    names: person?.names.map((n) => ({ value: n.value, kind: n.kind })) ?? [{ value: "", kind: "LEGAL" }],
    gender: person?.gender ?? "UNKNOWN",
    birthDate: person ? dateForForm(person.birthDate, person.birthDatePrecision, locale) : "",
    birthDatePrecision: person && person.birthDatePrecision !== "UNKNOWN" ? person.birthDatePrecision : "YEAR",
    deathDate: person ? dateForForm(person.deathDate, person.deathDatePrecision, locale) : "",
    deathDatePrecision: person && person.deathDatePrecision !== "UNKNOWN" ? person.deathDatePrecision : "YEAR",
    ethnicity: person?.ethnicity ?? "",
    citizenships: person?.citizenships.join(", ") ?? "",
    hometownPlaceId: person?.hometownPlaceId ?? "",
    hometownText: person?.hometownText ?? "",
    phone: person?.contact?.phone ?? "",
    messenger: person?.contact?.messenger ?? "",
    address: person?.contact?.address ?? "",
    notes: person?.notes ?? "",
  };
}

const PERSON_FORM_ID = "person-form";

/** The precision of a typed date follows from what was typed ("2018", "наурыз 2018", "12.03.2018"). */
function typedPrecision(text: string | undefined, fallback: DatePrecision | undefined): DatePrecision {
  const typed = parseTypedDate(text ?? "");
  return typed.ok ? typed.value.precision : (fallback ?? "UNKNOWN");
}

function toInput(values: PersonFormValues, withSensitive: boolean, documents: DocumentDraft[] = []): PersonCreateInput {
  return {
    names: values.names.filter((n, i) => i === 0 || n.value.trim() !== ""),
    gender: values.gender,
    birthDate: values.birthDate || null,
    birthDatePrecision: values.birthDate ? typedPrecision(values.birthDate, values.birthDatePrecision) : "UNKNOWN",
    deathDate: values.deathDate || null,
    deathDatePrecision: values.deathDate ? typedPrecision(values.deathDate, values.deathDatePrecision) : "UNKNOWN",
    ethnicity: values.ethnicity || null,
    citizenships: values.citizenships
      .split(/[,\s]+/)
      .map((c) => c.trim())
      .filter(Boolean),
    hometownPlaceId: values.hometownPlaceId || null,
    hometownText: values.hometownText || null,
    ...(withSensitive
      ? {
          contact: { phone: values.phone || null, messenger: values.messenger || null, address: values.address || null },
          notes: values.notes || null,
          documents: documentInputs(documents),
        }
      : {}),
  };
}

/** Server and schema paths ("names.0.value", "contact.phone", "citizenships.1") → this form's fields. */
function formPath(path: string): string {
  if (path.startsWith("contact.")) return path.slice("contact.".length);
  if (path.startsWith("citizenships")) return "citizenships";
  if (path === "names") return "names.0.value";
  // documents are not react-hook-form fields: their errors are kept beside the drafts
  return path;
}

export function PersonForm({
  person,
  places,
  canEditSensitive,
}: {
  person: PersonView | null;
  places: PlaceOption[];
  canEditSensitive: boolean;
}) {
  const t = useTranslations("people");
  const locale = useLocale() as Locale;
  const router = useRouter();
  // the version this form edits: after "use mine" it is the other change's, so the save goes over it
  const version = useRef(person?.version ?? 0);
  const [conflict, setConflict] = useState<PersonView | null>(null);
  const [documents, setDocuments] = useState<DocumentDraft[]>(() => documentDraftsFrom(person?.documents ?? []));
  const [documentKey, setDocumentKey] = useState(() => (person?.documents.length ?? 0) + 1);
  const [offeredPlace, setOfferedPlace] = useState<PlaceOption | null>(null);
  const f = useAppForm<PersonFormValues, PersonCreateInput, { id: string }>({
    defaultValues: toPersonFormValues(person, locale),
    toInput: (values) => toInput(values, canEditSensitive, documents),
    schema: personCreateSchema,
    action: (input, submitKey) => (person ? updatePersonAction(person.id, { ...input, version: version.current }) : createPersonAction(input, submitKey)),
    onSuccess: (data) => {
      router.push(`/people/${data.id}`);
      router.refresh();
    },
    onFailure: (error) => {
      if (error.code !== "CONFLICT" || !error.details?.current) return false;
      setConflict(error.details.current as PersonView);
      return true;
    },
    formMessage: (error) => (error.fieldErrors ? t("fixErrors") : error.message),
    fieldPath: formPath,
  });
  const { register, control, setValue, reset } = f.form;
  const watched = useWatch({ control });

  const { birthDate, birthDatePrecision, gender, hometownPlaceId } = watched;
  const placeChoices = offeredPlace && !places.some((p) => p.id === offeredPlace.id) ? [offeredPlace, ...places] : places;

  function acceptFact(fact: AcceptedFact) {
    if (fact.field === "birthDate") {
      setValue("birthDate", fact.value);
      setValue("birthDatePrecision", "DAY");
    } else if (fact.field === "gender") setValue("gender", fact.value as Gender);
    else {
      setOfferedPlace(fact.value);
      setValue("hometownPlaceId", fact.value.id);
    }
  }

  const { fieldError, describe, errorText } = personFieldText(f);

  return (
    <form id={PERSON_FORM_ID} {...f.formProps} className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-6">
        {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
        {conflict ? (
          <PersonConflictView
            theirs={conflict}
            yours={toInput(watched as PersonFormValues, canEditSensitive, documents)}
            places={places}
            onUseMine={() => {
              version.current = conflict.version;
              setConflict(null);
              f.submitValues(f.form.getValues());
            }}
            onReload={() => {
              reset(toPersonFormValues(conflict, locale));
              version.current = conflict.version;
              setConflict(null);
            }}
          />
        ) : null}

        <PersonNamesFieldset f={f} />

        <fieldset className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-2">
          <legend className="px-1 text-base font-semibold">{t("fields.gender")} · {t("fields.birthDate")}</legend>
          <div>
            <label htmlFor="gender" className="block text-sm font-medium">
              {t("fields.gender")}
            </label>
            <select id="gender" className={controlClasses} {...register("gender")}>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {t(`genders.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="ethnicity" className="block text-sm font-medium">
              {t("fields.ethnicity")}
            </label>
            <input id="ethnicity" className={controlClasses} aria-describedby={describe("ethnicity", "ethnicity")} {...register("ethnicity")} />
            {errorText("ethnicity", "ethnicity")}
          </div>
          {(["birthDate", "deathDate"] as const).map((field) => (
            <div key={field}>
              <label htmlFor={field} className="block text-sm font-medium">
                {t(`fields.${field}`)}
              </label>
              <TypedDateInput
                id={field}
                hasError={Boolean(fieldError(field))}
                aria-invalid={fieldError(field) ? true : undefined}
                aria-describedby={describe(field, field, true)}
                {...register(field)}
              />
              <p id={`${field}-hint`} className="text-xs text-slate-600">
                {t("fields.dateHint")}
              </p>
              {errorText(field, field)}
            </div>
          ))}
          <div>
            <label htmlFor="citizenships" className="block text-sm font-medium">
              {t("fields.citizenships")}
            </label>
            <input
              id="citizenships"
              className={controlClasses}
              aria-invalid={fieldError("citizenships") ? true : undefined}
              aria-describedby={describe("citizenships", "citizenships", true)}
              {...register("citizenships")}
            />
            <p id="citizenships-hint" className="text-xs text-slate-600">
              {t("fields.citizenshipsHint")}
            </p>
            {errorText("citizenships", "citizenships")}
          </div>
        </fieldset>

        <fieldset className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-2">
          <legend className="px-1 text-base font-semibold">{t("fields.hometown")}</legend>
          <div>
            <label htmlFor="hometownPlaceId" className="block text-sm font-medium">
              {t("fields.hometownPlace")}
            </label>
            <select id="hometownPlaceId" className={controlClasses} {...register("hometownPlaceId")}>
              <option value="">{t("fields.hometownNone")}</option>
              {placeChoices.map((place) => (
                <option key={place.id} value={place.id}>
                  {placeName(place, locale)}
                  {place.nameZh ? ` · ${place.nameZh}` : ""}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="hometownText" className="block text-sm font-medium">
              {t("fields.hometownText")}
            </label>
            <input id="hometownText" dir="auto" className={controlClasses} aria-describedby={describe("hometownText", "hometownText")} {...register("hometownText")} />
            {errorText("hometownText", "hometownText")}
          </div>
        </fieldset>

        {canEditSensitive ? (
          <fieldset className="grid gap-4 rounded-md border border-amber-200 bg-amber-50/40 p-4 sm:grid-cols-2">
            <legend className="px-1 text-base font-semibold">{t("fields.contact")}</legend>
            <p className="text-sm text-slate-700 sm:col-span-2">{t("fields.contactHint")}</p>
            {(["phone", "messenger"] as const).map((field) => (
              <div key={field}>
                <label htmlFor={field} className="block text-sm font-medium">
                  {t(`fields.${field}`)}
                </label>
                <input
                  id={field}
                  type={field === "phone" ? "tel" : "text"}
                  className={controlClasses}
                  aria-describedby={describe(field, field)}
                  {...register(field)}
                />
                {errorText(field, field)}
              </div>
            ))}
            <div className="sm:col-span-2">
              <label htmlFor="address" className="block text-sm font-medium">
                {t("fields.address")}
              </label>
              <input id="address" dir="auto" className={controlClasses} aria-describedby={describe("address", "address")} {...register("address")} />
              {errorText("address", "address")}
            </div>
            <div className="space-y-2 sm:col-span-2">
              <h3 className="text-sm font-semibold">{t("documents.title")}</h3>
              <p className="text-xs text-slate-700">{t("documents.intro")}</p>
              <PersonDocumentsFields
                idPrefix="document"
                drafts={documents}
                onChange={setDocuments}
                errors={(index, field) => f.errors(`documents.${index}.${field}`) ?? (field === "number" ? f.errors(`documents.${index}`) : undefined)}
                recorded={{ birthDate: watched.birthDate ?? "", gender: watched.gender ?? "UNKNOWN", hometownPlaceId: watched.hometownPlaceId ?? "" }}
                onAccept={acceptFact}
                nextKey={() => {
                  setDocumentKey((k) => k + 1);
                  return documentKey;
                }}
              />
            </div>
            <div className="sm:col-span-2">
              <label htmlFor="notes" className="block text-sm font-medium">
                {t("fields.notes")}
              </label>
              <textarea id="notes" dir="auto" rows={5} className={controlClasses} aria-describedby={describe("notes", "notes")} {...register("notes")} />
              {errorText("notes", "notes")}
            </div>
          </fieldset>
        ) : (
          <Alert tone="info">{t("contactHidden")}</Alert>
        )}

        <div className="flex gap-2">
          <Button type="submit" disabled={f.pending}>
            {f.pending ? t("saving") : t("save")}
          </Button>
          <Link href={person ? `/people/${person.id}` : "/people"} className="inline-flex min-h-10 items-center px-4 text-sm text-slate-700 underline">
            {t("cancel")}
          </Link>
        </div>
      </div>

      <PersonDuplicatesPanel
        names={(watched.names ?? []).map((n) => n?.value ?? "")}
        documentNumbers={documents.map((d) => d.number.trim())}
        birthDate={birthDate ?? ""}
        birthDatePrecision={typedPrecision(birthDate, birthDatePrecision)}
        gender={gender}
        hometownPlaceId={hometownPlaceId ?? ""}
        excludePersonId={person?.id ?? null}
      />
    </form>
  );
}
