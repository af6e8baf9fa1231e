"use client";
// The protest form: details, sources and fast participant entry (type a name, Enter, next name…). The city
// is a gazetteer place, so protests count by place in every script; a name kept as written is the exception.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { FieldErrors } from "@/lib/errors";
import { useAppForm } from "@/components/forms/use-app-form";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { PlacePicker, type PlaceChoice } from "@/components/place-picker";
import { TypedDateInput, typedDateText } from "@/components/typed-date-input";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ParticipationRole, ProtestKind } from "@/lib/generated/prisma/enums";
import type { PlaceOption } from "@/lib/places/find-places";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { dayAndTimeInstantForForm, PARTICIPATION_ROLES, PROTEST_KINDS, TIME_OF_DAY, toDateTimeLocal } from "@/lib/protests/format";
import { protestCreateSchema, protestUpdateSchema } from "@/lib/validations/protest";
import { createProtestAction, relativeCasesAction, updateProtestAction } from "../actions";

interface ParticipantRow {
  key: string;
  personId: string | null;
  name: string;
  role: ParticipationRole;
  caseId: string;
  cases: { id: string; reference: string; subjectName: string }[];
}

export interface ProtestFormValues {
  id: string;
  version: number;
  startsAt: string;
  city: string;
  placeId: string | null;
  location: string | null;
  kind: ProtestKind;
  organiser: string | null;
  description: string | null;
}

interface Values {
  startsDay: string;
  startsTime: string;
  kind: ProtestKind;
  location: string;
  organiser: string;
  description: string;
}

export function ProtestForm({ existing, place: existingPlace }: { existing?: ProtestFormValues; place?: PlaceOption | null }) {
  const t = useTranslations("protests");
  const current = useLocale();
  const locale: Locale = isLocale(current) ? current : "en";
  const router = useRouter();
  const formId = useId();
  const [participants, setParticipants] = useState<ParticipantRow[]>([]);
  const [sources, setSources] = useState<{ key: string; title: string; url: string }[]>([]);
  const [city, setCity] = useState<PlaceChoice>(
    existingPlace ? { place: existingPlace, text: "" } : { place: null, text: existing?.city ?? "" },
  );
  const counter = useRef(0);
  const id = (name: string) => `${formId}-${name}`;
  // the picker is remounted empty after each pick, and focus returns to it for the next name
  const [pickerKey, setPickerKey] = useState(0);

  function addPerson(pick: PersonPick | null) {
    if (!pick) return;
    setPickerKey((k) => k + 1);
    requestAnimationFrame(() => document.getElementById(id("participant-picker"))?.focus());
    counter.current += 1;
    const key = `p${counter.current}`;
    setParticipants((rows) => [...rows, { key, personId: pick.id, name: pick.displayName, role: "PARTICIPANT", caseId: "", cases: [] }]);
    if (pick.id) {
      void relativeCasesAction(pick.id).then((result) => {
        if (result.ok && result.data.length > 0) {
          setParticipants((rows) =>
            rows.map((row) => (row.key === key ? { ...row, cases: result.data, caseId: result.data.length === 1 ? result.data[0]!.id : "" } : row)),
          );
        }
      });
    }
  }

  const details = (values: Values) => ({
    startsAt: dayAndTimeInstantForForm(values.startsDay, values.startsTime, locale),
    // the gazetteer's English name, as the demo data and the city filter read it
    city: city.place ? city.place.nameEn : city.text.trim(),
    placeId: city.place?.id ?? null,
    location: values.location.trim(),
    kind: values.kind,
    organiser: values.organiser.trim(),
    description: values.description.trim(),
  });
  const starts = toDateTimeLocal(existing?.startsAt ?? null);
  const f = useAppForm({
    defaultValues: {
      startsDay: typedDateText(starts.slice(0, 10), locale),
      startsTime: starts.slice(11, 16),
      kind: existing?.kind ?? "PICKET",
      location: existing?.location ?? "",
      organiser: existing?.organiser ?? "",
      description: existing?.description ?? "",
    },
    toInput: (values: Values) => ({
      ...details(values),
      ...(existing ? { version: existing.version } : {}),
      sources: sources.filter((s) => s.title.trim() || s.url.trim()).map((s) => ({ title: s.title.trim() || s.url.trim(), url: s.url.trim() })),
      participants: participants.map((p) =>
        p.personId ? { personId: p.personId, role: p.role, caseId: p.caseId || null } : { newPerson: { name: p.name }, role: p.role },
      ),
    }),
    schema: existing ? protestUpdateSchema : protestCreateSchema,
    // the day is checked by the schema (as startsAt); the time needs its own word when it is missing or no time
    check: (values): FieldErrors => {
      const time = values.startsTime.trim();
      if (!time) return values.startsDay.trim() ? { startsTime: ["required"] } : {};
      return TIME_OF_DAY.test(time) ? {} : { startsTime: ["invalidTime"] };
    },
    action: ({ sources: sourceList, participants: people, ...protest }, submitKey) =>
      existing
        ? updateProtestAction(existing.id, { ...protest, version: existing.version })
        : createProtestAction({ ...protest, sources: sourceList, participants: people }, submitKey),
    onSuccess: (data) => {
      router.push(`/protests/${data.id}`);
      router.refresh();
    },
    formMessage: (error) => (error.code === "CONFLICT" ? t("conflict") : error.message || t("fixErrors")),
    translate: (key) => (t.has(`validation.${key}` as never) ? t(`validation.${key}` as never) : undefined),
    // the place and the name as written are one field on screen
    fieldPath: (path) => (path === "placeId" ? "city" : path),
  });
  const { register, errors } = f;
  const aria = (name: string, hint = false) => f.aria(id(name), name, { hint });
  const cityAria = aria("city", true);

  return (
    <form {...f.formProps} className="space-y-6">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid grid-cols-[1fr_8rem] gap-3">
          <Field id={id("startsAt")} label={t("fields.startsDay")} required error={errors("startsAt")}>
            <TypedDateInput id={id("startsAt")} needs="day" required hasError={Boolean(errors("startsAt"))} {...aria("startsAt")} {...register("startsDay")} />
          </Field>
          <Field id={id("startsTime")} label={t("fields.startsTime")} hint={t("fields.startsTimeHint")} required error={errors("startsTime")}>
            <Input id={id("startsTime")} inputMode="numeric" autoComplete="off" placeholder="11:00" maxLength={5} required {...register("startsTime")} {...aria("startsTime", true)} />
          </Field>
        </div>
        <Field id={id("kind")} label={t("fields.kind")} required error={errors("kind")}>
          <Select id={id("kind")} {...register("kind")} {...aria("kind")}>
            {PROTEST_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("city")} label={t("fields.city")} hint={t("fields.cityHint")} required error={errors("city")}>
          <PlacePicker id={id("city")} locale={locale} value={city} onChange={setCity} invalid={cityAria["aria-invalid"]} describedBy={cityAria["aria-describedby"]} />
        </Field>
        <Field id={id("location")} label={t("fields.location")} hint={t("fields.locationHint")} error={errors("location")}>
          <Input id={id("location")} maxLength={200} {...register("location")} {...aria("location", true)} />
        </Field>
        <Field id={id("organiser")} label={t("fields.organiser")} error={errors("organiser")}>
          <Input id={id("organiser")} maxLength={200} {...register("organiser")} {...aria("organiser")} />
        </Field>
      </div>
      <Field id={id("description")} label={t("fields.description")} error={errors("description")}>
        <Textarea id={id("description")} rows={4} {...register("description")} {...aria("description")} />
      </Field>

      {existing ? null : (
        <>
          <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">{t("fields.participants")}</legend>
            <PersonPicker
              key={pickerKey}
              id={id("participant-picker")}
              label={t("addParticipant")}
              value={null}
              onChange={addPerson}
              create="deferred"
              excludeIds={participants.flatMap((p) => (p.personId ? [p.personId] : []))}
            />
            <p className="text-xs text-slate-600">{t("addParticipantHint")}</p>
            {participants.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noParticipants")}</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label={t("fields.participants")}>
                {participants.map((p, index) => (
                  <li key={p.key} className="flex flex-wrap items-end gap-3 py-2" data-testid="participant-row">
                    <span className="min-w-40 flex-1 font-medium text-slate-900">
                      {p.name}
                      {p.personId ? null : <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">{t("newPersonBadge")}</span>}
                      {errors(`participants.${index}.personId`)?.map((m) => (
                        <span key={m} className="block text-sm text-red-700" role="alert">
                          {m}
                        </span>
                      ))}
                    </span>
                    <label className="text-sm">
                      <span className="block text-slate-700">{t("fields.role")}</span>
                      <Select
                        value={p.role}
                        onChange={(e) =>
                          setParticipants((rows) => rows.map((row) => (row.key === p.key ? { ...row, role: e.target.value as ParticipationRole } : row)))
                        }
                      >
                        {PARTICIPATION_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </Select>
                    </label>
                    {p.cases.length > 0 ? (
                      <label className="text-sm">
                        <span className="block text-slate-700">{t("fields.forCase")}</span>
                        <Select
                          value={p.caseId}
                          onChange={(e) => setParticipants((rows) => rows.map((row) => (row.key === p.key ? { ...row, caseId: e.target.value } : row)))}
                        >
                          <option value="">—</option>
                          {p.cases.map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.reference} · {c.subjectName}
                            </option>
                          ))}
                        </Select>
                      </label>
                    ) : null}
                    <Button variant="ghost" onClick={() => setParticipants((rows) => rows.filter((row) => row.key !== p.key))}>
                      {t("removeParticipant", { name: p.name })}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>

          <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">{t("fields.sources")}</legend>
            {sources.map((source, index) => (
              <div key={source.key} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
                <Field id={id(`source-title-${source.key}`)} label={t("fields.sourceTitle")} error={errors(`sources.${index}.title`)}>
                  <Input
                    id={id(`source-title-${source.key}`)}
                    value={source.title}
                    onChange={(e) => setSources((rows) => rows.map((row) => (row.key === source.key ? { ...row, title: e.target.value } : row)))}
                  />
                </Field>
                <Field id={id(`source-url-${source.key}`)} label={t("fields.sourceUrl")} error={errors(`sources.${index}.url`)}>
                  <Input
                    id={id(`source-url-${source.key}`)}
                    type="url"
                    value={source.url}
                    onChange={(e) => setSources((rows) => rows.map((row) => (row.key === source.key ? { ...row, url: e.target.value } : row)))}
                  />
                </Field>
                <Button variant="ghost" onClick={() => setSources((rows) => rows.filter((row) => row.key !== source.key))}>
                  {t("removeSource")}
                </Button>
              </div>
            ))}
            <Button
              variant="secondary"
              onClick={() => {
                counter.current += 1;
                setSources((rows) => [...rows, { key: `s${counter.current}`, title: "", url: "" }]);
              }}
            >
              {t("addSource")}
            </Button>
          </fieldset>
        </>
      )}

      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={f.pending}>
          {f.pending ? t("saving") : t("save")}
        </Button>
        <a href={existing ? `/protests/${existing.id}` : "/protests"} className={buttonClasses("secondary")}>
          {t("cancel")}
        </a>
      </div>
    </form>
  );
}
