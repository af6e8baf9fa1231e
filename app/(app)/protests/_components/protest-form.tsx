"use client";
// The protest form: details, sources and fast participant entry (type a name, Enter, next name…).
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmitKey } from "@/components/use-submit-key";
import type { ParticipationRole, ProtestKind } from "@/lib/generated/prisma/enums";
import { fromDateTimeLocal, PARTICIPATION_ROLES, PROTEST_KINDS, toDateTimeLocal } from "@/lib/protests/format";
import { createProtestAction, relativeCasesAction, updateProtestAction } from "../actions";
import { dateInputBounds } from "@/lib/validations/dates";


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
  location: string | null;
  kind: ProtestKind;
  organiser: string | null;
  description: string | null;
}

export function ProtestForm({ existing }: { existing?: ProtestFormValues }) {
  const t = useTranslations("protests");
  const router = useRouter();
  const submitKey = useSubmitKey();
  const formId = useId();
  const [pending, startTransition] = useTransition();
  const [participants, setParticipants] = useState<ParticipantRow[]>([]);
  const [sources, setSources] = useState<{ key: string; title: string; url: string }[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const counter = useRef(0);
  const id = (name: string) => `${formId}-${name}`;
  // the picker is remounted empty after each pick, and focus returns to it for the next name
  const [pickerKey, setPickerKey] = useState(0);

  /** Messages our area owns arrive as keys; common ones arrive translated. */
  const message = (field: string): string[] | undefined =>
    fieldErrors[field]?.map((m) => (t.has(`validation.${m}` as never) ? t(`validation.${m}` as never) : m));

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

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const details = {
      startsAt: fromDateTimeLocal(text("startsAt")),
      city: text("city"),
      location: text("location"),
      kind: text("kind") as ProtestKind,
      organiser: text("organiser"),
      description: text("description"),
    };
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = existing
        ? await updateProtestAction(existing.id, { ...details, version: existing.version })
        : await createProtestAction({
            ...details,
            sources: sources.filter((s) => s.title.trim() || s.url.trim()).map((s) => ({ title: s.title.trim() || s.url.trim(), url: s.url.trim() })),
            participants: participants.map((p) =>
              p.personId
                ? { personId: p.personId, role: p.role, caseId: p.caseId || null }
                : { newPerson: { name: p.name }, role: p.role },
            ),
          }, submitKey.current());
      if (result.ok) {
        submitKey.renew();
        router.push(`/protests/${result.data.id}`);
        router.refresh();
        return;
      }
      setFieldErrors(result.error.fieldErrors ?? {});
      setFormError(result.error.code === "CONFLICT" ? t("conflict") : result.error.message || t("fixErrors"));
    });
  }

  const err = (name: string) => Boolean(fieldErrors[name]);

  return (
    <form onSubmit={submit} className="space-y-6" noValidate aria-busy={pending}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("startsAt")} label={t("fields.startsAt")} required error={message("startsAt")}>
          <Input
            id={id("startsAt")}
            name="startsAt"
            type="datetime-local"
            required
            {...dateInputBounds("upcoming", "datetime-local")}
            defaultValue={toDateTimeLocal(existing?.startsAt ?? null)}
            aria-invalid={err("startsAt")}
            aria-describedby={describedBy(id("startsAt"), { error: err("startsAt") })}
          />
        </Field>
        <Field id={id("kind")} label={t("fields.kind")} required error={message("kind")}>
          <Select id={id("kind")} name="kind" defaultValue={existing?.kind ?? "PICKET"} aria-invalid={err("kind")}>
            {PROTEST_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("city")} label={t("fields.city")} required error={message("city")}>
          <Input
            id={id("city")}
            name="city"
            required
            maxLength={120}
            defaultValue={existing?.city ?? ""}
            aria-invalid={err("city")}
            aria-describedby={describedBy(id("city"), { error: err("city") })}
          />
        </Field>
        <Field id={id("location")} label={t("fields.location")} hint={t("fields.locationHint")} error={message("location")}>
          <Input id={id("location")} name="location" maxLength={200} defaultValue={existing?.location ?? ""} aria-describedby={`${id("location")}-hint`} />
        </Field>
        <Field id={id("organiser")} label={t("fields.organiser")} error={message("organiser")}>
          <Input id={id("organiser")} name="organiser" maxLength={200} defaultValue={existing?.organiser ?? ""} />
        </Field>
      </div>
      <Field id={id("description")} label={t("fields.description")} error={message("description")}>
        <Textarea id={id("description")} name="description" rows={4} defaultValue={existing?.description ?? ""} />
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
                      {message(`participants.${index}.personId`)?.map((m) => (
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
                <Field id={id(`source-title-${source.key}`)} label={t("fields.sourceTitle")} error={message(`sources.${index}.title`)}>
                  <Input
                    id={id(`source-title-${source.key}`)}
                    value={source.title}
                    onChange={(e) => setSources((rows) => rows.map((row) => (row.key === source.key ? { ...row, title: e.target.value } : row)))}
                  />
                </Field>
                <Field id={id(`source-url-${source.key}`)} label={t("fields.sourceUrl")} error={message(`sources.${index}.url`)}>
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
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <a href={existing ? `/protests/${existing.id}` : "/protests"} className={buttonClasses("secondary")}>
          {t("cancel")}
        </a>
      </div>
    </form>
  );
}
