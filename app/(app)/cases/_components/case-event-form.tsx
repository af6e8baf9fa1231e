"use client";
// Adding or editing a timeline event. Dates are typed as known ("2017", "наурыз 2018", "12.03.2018");
// the place is the gazetteer's, free text only as a last resort.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CaseField, errorsFor, useFocusFirstError } from "@/components/case-form-parts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { CaseEventView } from "@/lib/cases/events";
import type { FieldErrors } from "@/lib/errors";
import { CaseEventType, WarrantShown } from "@/lib/generated/prisma/enums";
import { uncertainDateToInput } from "@/lib/validations/case";
import { addEventAction, updateEventAction } from "../actions";
import { PlacePicker, type PlaceChoice } from "@/components/place-picker";
import { TypedDateInput } from "@/components/typed-date-input";

export function CaseEventForm({
  caseId,
  event,
  onDone,
  defaultType,
}: {
  caseId: string;
  event?: CaseEventView;
  onDone?: () => void;
  /** preselected type of a new event (a link from the UN readiness panel) */
  defaultType?: string;
}) {
  const t = useTranslations("cases");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [version, setVersion] = useState(event?.version ?? 1);
  const locale = useLocale();
  const initialPlace: PlaceChoice = { place: event?.place ?? null, text: event?.place ? "" : (event?.placeText ?? "") };
  const [place, setPlace] = useState<PlaceChoice>(initialPlace);
  // a new picker after a reset: its search text is its own state
  const [placeKey, setPlaceKey] = useState(0);
  const prefix = event ? `event-${event.id}` : "event-new";
  const err = (path: string) => errorsFor(fieldErrors, path);
  const formRef = useFocusFirstError(fieldErrors);

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4"
      aria-label={event ? t("editEvent") : t("addEvent")}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const text = (name: string) => String(data.get(name) ?? "").trim();
        const input = {
          type: text("type"),
          date: text("date"),
          placeId: place.place?.id ?? "",
          placeText: place.place ? "" : place.text,
          facility: text("facility"),
          authority: text("authority"),
          charges: text("charges"),
          warrantShown: text("warrantShown"),
          warrantDetails: text("warrantDetails"),
          sentenceMonths: text("sentenceMonths"),
          description: text("description"),
          ...(event ? { version } : {}),
        };
        setFieldErrors({});
        setFormError(null);
        startTransition(async () => {
          const result = event ? await updateEventAction(caseId, event.id, input) : await addEventAction(caseId, input);
          if (result.ok) {
            if (!event) {
              form.reset();
              setPlace({ place: null, text: "" });
              setPlaceKey((k) => k + 1);
            }
            router.refresh();
            onDone?.();
            return;
          }
          setFormError(result.error.message);
          setFieldErrors(result.error.fieldErrors ?? {});
          // on a conflict keep the typed values; saving again applies them over the other change
          const current = result.error.details?.current as { version?: number } | undefined;
          if (result.error.code === "CONFLICT" && current?.version) setVersion(current.version);
        });
      }}
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <CaseField id={`${prefix}-type`} label={t("event.type")} error={err("type")} required>
          {(aria) => (
            <Select {...aria} name="type" defaultValue={event?.type ?? (defaultType && (Object.values(CaseEventType) as string[]).includes(defaultType) ? defaultType : "")} required>
              <option value="">—</option>
              {Object.values(CaseEventType).map((value) => (
                <option key={value} value={value}>{t(`eventType.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <CaseField id={`${prefix}-date`} label={t("event.date")} hint={t("dateHint")} error={err("date")}>
          {(aria) => (
            <TypedDateInput {...aria} hasError={aria["aria-invalid"]} name="date" defaultValue={event ? uncertainDateToInput(event.date ? new Date(event.date) : null, event.datePrecision) : ""} />
          )}
        </CaseField>
        <CaseField id={`${prefix}-place`} label={t("event.place")} error={[...(err("placeId") ?? []), ...(err("placeText") ?? [])].length ? [...(err("placeId") ?? []), ...(err("placeText") ?? [])] : undefined}>
          {(aria) => <PlacePicker key={placeKey} id={aria.id} locale={locale} value={place} onChange={setPlace} invalid={aria["aria-invalid"]} describedBy={aria["aria-describedby"]} />}
        </CaseField>
        <CaseField id={`${prefix}-facility`} label={t("event.facility")} error={err("facility")}>
          {(aria) => <Input {...aria} name="facility" dir="auto" defaultValue={event?.facility ?? ""} />}
        </CaseField>
        <CaseField id={`${prefix}-authority`} label={t("event.authority")} error={err("authority")}>
          {(aria) => <Input {...aria} name="authority" dir="auto" defaultValue={event?.authority ?? ""} />}
        </CaseField>
        <CaseField id={`${prefix}-charges`} label={t("event.charges")} error={err("charges")}>
          {(aria) => <Input {...aria} name="charges" dir="auto" defaultValue={event?.charges ?? ""} />}
        </CaseField>
        <CaseField id={`${prefix}-sentence`} label={t("event.sentenceMonths")} error={err("sentenceMonths")}>
          {(aria) => <Input {...aria} name="sentenceMonths" type="number" min={1} max={600} defaultValue={event?.sentenceMonths ?? ""} />}
        </CaseField>
        <CaseField id={`${prefix}-warrant`} label={t("event.warrantShown")} error={err("warrantShown")}>
          {(aria) => (
            <Select {...aria} name="warrantShown" defaultValue={event?.warrantShown ?? ""}>
              <option value="">{t("event.warrant.none")}</option>
              {Object.values(WarrantShown).map((value) => (
                <option key={value} value={value}>{t(`event.warrant.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <CaseField id={`${prefix}-warrant-details`} label={t("event.warrantDetails")} error={err("warrantDetails")}>
          {(aria) => <Input {...aria} name="warrantDetails" dir="auto" defaultValue={event?.warrantDetails ?? ""} />}
        </CaseField>
      </div>
      <CaseField id={`${prefix}-description`} label={t("event.description")} error={err("description")}>
        {(aria) => <Textarea {...aria} name="description" rows={3} dir="auto" defaultValue={event?.description ?? ""} />}
      </CaseField>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : event ? t("saveChanges") : t("addEvent")}
        </Button>
        {onDone ? (
          <Button variant="ghost" onClick={onDone}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** A timeline entry's edit toggle: the form opens in place. */
export function CaseEventEditToggle({ caseId, event, label, initiallyOpen = false }: { caseId: string; event: CaseEventView; label: string; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  return <CaseEventForm caseId={caseId} event={event} onDone={() => setOpen(false)} />;
}
