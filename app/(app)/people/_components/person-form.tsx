"use client";
// Create and edit form for a person: names in several scripts, uncertain dates, hometown, sensitive
// contact details; likely existing records are shown while typing; a stale save shows the other change.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { BidiText } from "@/components/bidi-text";
import {
  documentDraftsFrom,
  documentInputs,
  PersonDocumentsFields,
  type AcceptedFact,
  type DocumentDraft,
} from "@/components/person-documents-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/input";
import { useSubmitKey } from "@/components/use-submit-key";
import type { DatePrecision, Gender, NameKind } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/config";
import { translateValidation } from "@/lib/i18n/errors";
import { formatUncertainDate } from "@/lib/format/date";
import type { DuplicateCandidate } from "@/lib/people/find-duplicate-candidates";
import type { PersonView } from "@/lib/people/shared";
import type { PlaceOption } from "@/lib/places/find-places";
import { placeName } from "@/lib/places/place-name";
import { parseUncertainDate, personCreateSchema, type PersonCreateInput } from "@/lib/validations/person";
import { createPersonAction, findDuplicatesAction, updatePersonAction } from "../actions";
import { TypedDateInput } from "@/components/typed-date-input";
import { parseTypedDate } from "@/lib/validations/typed-date";

const NAME_KINDS: NameKind[] = ["LEGAL", "ALIAS", "TRANSLITERATION", "PINYIN", "FORMER"];
const GENDERS: Gender[] = ["UNKNOWN", "FEMALE", "MALE", "OTHER"];

interface FormValues {
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

function toFormValues(person: PersonView | null, locale: Locale): FormValues {
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

function toInput(values: FormValues, withSensitive: boolean, documents: DocumentDraft[] = []): PersonCreateInput {
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
  const submitKey = useSubmitKey();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [version, setVersion] = useState(person?.version ?? 0);
  const [conflict, setConflict] = useState<PersonView | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [documents, setDocuments] = useState<DocumentDraft[]>(() => documentDraftsFrom(person?.documents ?? []));
  const [documentKey, setDocumentKey] = useState(() => (person?.documents.length ?? 0) + 1);
  const [documentErrors, setDocumentErrors] = useState<Record<string, string[]>>({});
  const [offeredPlace, setOfferedPlace] = useState<PlaceOption | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    clearErrors,
    reset,
    formState: { errors },
  } = useForm<FormValues>({ defaultValues: toFormValues(person, locale) });
  const names = useFieldArray({ control, name: "names" });
  const watched = useWatch({ control });

  // likely existing records, asked for a moment after typing stops
  const nameText = (watched.names ?? []).map((n) => n?.value ?? "").join("|");
  const { birthDate, birthDatePrecision, gender, hometownPlaceId } = watched;
  const typedNames = nameText.split("|").filter((n) => n.trim().length >= 2);
  const documentNumbers = documents.map((d) => d.number.trim()).filter((n) => n.length >= 6);
  const numberText = documentNumbers.join("|");
  const hasTypedName = typedNames.length > 0 || documentNumbers.length > 0;
  const placeChoices = offeredPlace && !places.some((p) => p.id === offeredPlace.id) ? [offeredPlace, ...places] : places;
  useEffect(() => {
    const typed = nameText.split("|").filter((n) => n.trim().length >= 2);
    const numbers = numberText ? numberText.split("|") : [];
    if (typed.length === 0 && numbers.length === 0) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await findDuplicatesAction({
        names: typed,
        birthDate: birthDate || null,
        birthDatePrecision: birthDate ? typedPrecision(birthDate, birthDatePrecision) : "UNKNOWN",
        gender: gender ?? null,
        hometownPlaceId: hometownPlaceId || null,
        documentNumbers: numbers,
        excludePersonId: person?.id ?? null,
      });
      if (current && result.ok) setDuplicates(result.data);
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [nameText, numberText, birthDate, birthDatePrecision, gender, hometownPlaceId, person?.id]);

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

  function showErrors(fieldErrors: Record<string, string[]>, translate: boolean) {
    const forDocuments: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(fieldErrors)) {
      // each message once, however many rules reported it
      const translated = Array.from(new Set(messages.map((m) => (translate ? translateValidation(m, locale) : m))));
      if (path.startsWith("documents")) {
        forDocuments[path] = translated;
        continue;
      }
      setError(formPath(path) as keyof FormValues, { type: "server", message: translated.join(" ") });
    }
    setDocumentErrors(forDocuments);
    setFormError(t("fixErrors"));
    // the first field in error, in the order the form shows them, once the messages are on screen
    requestAnimationFrame(() => document.getElementById(PERSON_FORM_ID)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function submit(values: FormValues, overVersion?: number) {
    clearErrors();
    setFormError(null);
    setDocumentErrors({});
    const input = toInput(values, canEditSensitive, documents);
    const checked = personCreateSchema.safeParse(input);
    if (!checked.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of checked.error.issues) (fieldErrors[issue.path.map(String).join(".")] ??= []).push(issue.message);
      return showErrors(fieldErrors, true);
    }
    startTransition(async () => {
      const result = person
        ? await updatePersonAction(person.id, { ...input, version: overVersion ?? version })
        : await createPersonAction(input, submitKey.current());
      if (result.ok) {
        submitKey.renew();
        router.push(`/people/${result.data.id}`);
        router.refresh();
        return;
      }
      if (result.error.code === "CONFLICT" && result.error.details?.current) {
        setConflict(result.error.details.current as PersonView);
        return;
      }
      if (result.error.fieldErrors) return showErrors(result.error.fieldErrors, false);
      setFormError(result.error.message);
    });
  }

  const fieldError = (name: string) => {
    const parts = name.split(".");
    let node: unknown = errors;
    for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
    return (node as { message?: string } | undefined)?.message;
  };
  const describe = (id: string, name: string, hint = false) =>
    [hint ? `${id}-hint` : null, fieldError(name) ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const errorText = (id: string, name: string) =>
    fieldError(name) ? (
      <p id={`${id}-error`} className="text-sm text-red-700">
        {fieldError(name)}
      </p>
    ) : null;

  return (
    <form id={PERSON_FORM_ID} onSubmit={handleSubmit((values) => submit(values))} noValidate className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-6">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {conflict ? (
          <ConflictView
            theirs={conflict}
            yours={toInput(watched as FormValues, canEditSensitive, documents)}
            places={places}
            onUseMine={() => {
              setVersion(conflict.version);
              const values = watched as FormValues;
              setConflict(null);
              submit(values, conflict.version);
            }}
            onReload={() => {
              reset(toFormValues(conflict, locale));
              setVersion(conflict.version);
              setConflict(null);
            }}
          />
        ) : null}

        <fieldset className="space-y-3 rounded-md border border-slate-200 bg-white p-4">
          <legend className="px-1 text-base font-semibold">{t("fields.names")}</legend>
          <p id="names-hint" className="text-sm text-slate-600">
            {t("fields.namesHint")}
          </p>
          {names.fields.map((field, index) => {
            const id = `name-${index}`;
            return (
              <div key={field.id} className="grid gap-2 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
                <div>
                  <label htmlFor={id} className="block text-sm font-medium">
                    {t("fields.nameValue", { number: index + 1 })}
                    {index === 0 ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
                  </label>
                  <input
                    id={id}
                    dir="auto"
                    autoComplete="off"
                    className={controlClasses}
                    aria-invalid={fieldError(`names.${index}.value`) ? true : undefined}
                    aria-describedby={describe(id, `names.${index}.value`, index === 0) ?? undefined}
                    aria-required={index === 0}
                    {...register(`names.${index}.value`)}
                  />
                  {errorText(id, `names.${index}.value`)}
                </div>
                <div>
                  <label htmlFor={`${id}-kind`} className="block text-sm font-medium">
                    {t("fields.nameKind", { number: index + 1 })}
                  </label>
                  <select id={`${id}-kind`} className={controlClasses} {...register(`names.${index}.kind`)}>
                    {NAME_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`kinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {index > 0 ? (
                  <Button variant="ghost" onClick={() => names.remove(index)} aria-label={t("fields.removeName", { number: index + 1 })}>
                    ✕
                  </Button>
                ) : (
                  <span />
                )}
              </div>
            );
          })}
          <Button variant="secondary" onClick={() => names.append({ value: "", kind: "TRANSLITERATION" })} disabled={names.fields.length >= 20}>
            {t("fields.addName")}
          </Button>
        </fieldset>

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
                errors={(index, field) => documentErrors[`documents.${index}.${field}`] ?? (field === "number" ? documentErrors[`documents.${index}`] : undefined)}
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
          <Button type="submit" disabled={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
          <Link href={person ? `/people/${person.id}` : "/people"} className="inline-flex min-h-10 items-center px-4 text-sm text-slate-700 underline">
            {t("cancel")}
          </Link>
        </div>
      </div>

      <aside aria-labelledby="duplicates-title" className="space-y-3">
        <section className="rounded-md border border-slate-200 bg-white p-4" aria-live="polite">
          <h2 id="duplicates-title" className="text-base font-semibold">
            {t("duplicates.title")}
          </h2>
          {duplicates === null || !hasTypedName ? null : duplicates.length === 0 ? (
            <p className="text-sm text-slate-600">{t("duplicates.none")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-700">{t("duplicates.intro")}</p>
              <ul className="mt-2 space-y-3" data-testid="duplicate-candidates">
                {duplicates.map((candidate) => (
                  <li key={candidate.id} className="rounded border border-amber-300 bg-amber-50 p-3">
                    <Link href={`/people/${candidate.id}`} target="_blank" className="font-medium text-sky-800 underline">
                      <BidiText>{candidate.displayName}</BidiText>
                    </Link>
                    <span className="ml-2 text-xs text-slate-600">{t("duplicates.match", { score: Math.round(candidate.score * 100) })}</span>
                    {candidate.otherNames.length ? (
                      <p className="text-xs text-slate-700">
                        <BidiText>{candidate.otherNames.slice(0, 3).join(" · ")}</BidiText>
                      </p>
                    ) : null}
                    <p className="text-xs text-slate-700">
                      {candidate.birthDate ? formatUncertainDate(candidate.birthDate, candidate.birthDatePrecision, locale) : null}
                      {candidate.hometown ? ` · ${placeName(candidate.hometown, locale)}` : null}
                    </p>
                    <ul className="mt-1 flex flex-wrap gap-1">
                      {candidate.reasons.map((reason) => (
                        <li
                          key={reason}
                          className={`rounded px-1.5 py-0.5 text-xs ${reason.startsWith("different") ? "bg-slate-200 text-slate-700" : "bg-amber-200 text-amber-950"}`}
                        >
                          {t(`duplicates.reasons.${reason}`)}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </aside>
    </form>
  );
}

function ConflictView({
  theirs,
  yours,
  places,
  onUseMine,
  onReload,
}: {
  theirs: PersonView;
  yours: PersonCreateInput;
  places: PlaceOption[];
  onUseMine: () => void;
  onReload: () => void;
}) {
  const t = useTranslations("people");
  const locale = useLocale() as Locale;
  const place = (id: string | null | undefined) => {
    const found = places.find((p) => p.id === id);
    return found ? placeName(found, locale) : "";
  };
  const date = (value: string | null | undefined, precision: DatePrecision | undefined) => {
    const parsed = parseUncertainDate(value, precision ?? "UNKNOWN");
    return parsed ? formatUncertainDate(parsed, precision ?? "UNKNOWN", locale) : (value ?? "");
  };
  const rows: { label: string; theirs: string; yours: string }[] = [
    { label: t("fields.names"), theirs: theirs.names.map((n) => n.value).join(" · "), yours: yours.names.map((n) => n.value).join(" · ") },
    { label: t("fields.gender"), theirs: t(`genders.${theirs.gender}`), yours: t(`genders.${yours.gender ?? "UNKNOWN"}`) },
    {
      label: t("fields.birthDate"),
      theirs: theirs.birthDate ? formatUncertainDate(theirs.birthDate, theirs.birthDatePrecision, locale) : "",
      yours: date(yours.birthDate, yours.birthDatePrecision),
    },
    {
      label: t("fields.deathDate"),
      theirs: theirs.deathDate ? formatUncertainDate(theirs.deathDate, theirs.deathDatePrecision, locale) : "",
      yours: date(yours.deathDate, yours.deathDatePrecision),
    },
    { label: t("fields.ethnicity"), theirs: theirs.ethnicity ?? "", yours: yours.ethnicity ?? "" },
    { label: t("fields.citizenships"), theirs: theirs.citizenships.join(", "), yours: (yours.citizenships ?? []).map((c) => c.toUpperCase()).join(", ") },
    { label: t("fields.hometownPlace"), theirs: place(theirs.hometownPlaceId), yours: place(yours.hometownPlaceId) },
    { label: t("fields.hometownText"), theirs: theirs.hometownText ?? "", yours: yours.hometownText ?? "" },
    ...(theirs.contactVisible && yours.contact
      ? (["phone", "messenger", "address"] as const).map((field) => ({
          label: t(`fields.${field}`),
          theirs: theirs.contact?.[field] ?? "",
          yours: yours.contact?.[field] ?? "",
        }))
      : []),
    ...(theirs.contactVisible && yours.notes !== undefined ? [{ label: t("fields.notes"), theirs: theirs.notes ?? "", yours: yours.notes ?? "" }] : []),
  ];
  return (
    <section role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4">
      <h2 className="text-base font-semibold text-red-900">{t("conflict.title")}</h2>
      <p className="text-sm text-red-900">{t("conflict.intro")}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="p-1">{t("conflict.field")}</th>
              <th scope="col" className="p-1">{t("conflict.theirs")}</th>
              <th scope="col" className="p-1">{t("conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className={row.theirs !== row.yours ? "bg-amber-100 font-medium" : ""}>
                <th scope="row" className="p-1 font-normal">{row.label}</th>
                <td className="p-1"><BidiText>{row.theirs || "—"}</BidiText></td>
                <td className="p-1"><BidiText>{row.yours || "—"}</BidiText></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={onUseMine}>
          {t("conflict.useMine")}
        </Button>
        <Button variant="secondary" onClick={onReload}>
          {t("conflict.reload")}
        </Button>
      </div>
    </section>
  );
}
