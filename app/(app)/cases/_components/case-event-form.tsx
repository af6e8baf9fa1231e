"use client";
// Adding or editing a timeline event. Dates are typed as known ("2017", "наурыз 2018", "12.03.2018");
// the place is the gazetteer's, free text only as a last resort.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { CaseEventView } from "@/lib/cases/events";
import { CaseEventType, WarrantShown } from "@/lib/generated/prisma/enums";
import { isLocale } from "@/lib/i18n/config";
import { eventSchema, uncertainDateToInput, updateEventSchema } from "@/lib/validations/case";
import { addEventAction, updateEventAction } from "../actions";
import { PlacePicker, type PlaceChoice } from "@/components/place-picker";
import { TypedDateInput, typedDateText } from "@/components/typed-date-input";

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
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  // on a conflict the typed values stay; saving again applies them over the other change
  const version = useRef(event?.version ?? 1);
  const initialPlace: PlaceChoice = { place: event?.place ?? null, text: event?.place ? "" : (event?.placeText ?? "") };
  const [place, setPlace] = useState<PlaceChoice>(initialPlace);
  // a new picker after a reset: its search text is its own state
  const [placeKey, setPlaceKey] = useState(0);
  const prefix = event ? `event-${event.id}` : "event-new";
  const f = useAppForm({
    defaultValues: {
      type: event?.type ?? (defaultType && (Object.values(CaseEventType) as string[]).includes(defaultType) ? defaultType : ""),
      date: event ? typedDateText(uncertainDateToInput(event.date ? new Date(event.date) : null, event.datePrecision), locale) : "",
      facility: event?.facility ?? "",
      authority: event?.authority ?? "",
      charges: event?.charges ?? "",
      warrantShown: event?.warrantShown ?? "",
      warrantDetails: event?.warrantDetails ?? "",
      sentenceMonths: event?.sentenceMonths?.toString() ?? "",
      description: event?.description ?? "",
    },
    toInput: (values: Record<"type" | "date" | "facility" | "authority" | "charges" | "warrantShown" | "warrantDetails" | "sentenceMonths" | "description", string>) => ({
      ...Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])),
      placeId: place.place?.id ?? "",
      placeText: place.place ? "" : place.text,
      ...(event ? { version: version.current } : {}),
    }),
    schema: event ? updateEventSchema : eventSchema,
    action: (input) => (event ? updateEventAction(caseId, event.id, input) : addEventAction(caseId, input)),
    onSuccess: (_data, _values, form) => {
      if (!event) {
        form.reset();
        setPlace({ place: null, text: "" });
        setPlaceKey((k) => k + 1);
      }
      router.refresh();
      onDone?.();
    },
    onFailure: (error) => {
      const current = error.details?.current as { version?: number } | undefined;
      if (error.code === "CONFLICT" && current?.version) version.current = current.version;
    },
  });
  const { register } = f;
  const err = f.errorsWithin;

  return (
    <form {...f.formProps} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4" aria-label={event ? t("editEvent") : t("addEvent")}>
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <CaseField id={`${prefix}-type`} label={t("event.type")} error={err("type")} required>
          {(aria) => (
            <Select {...aria} {...register("type")} required>
              <option value="">—</option>
              {Object.values(CaseEventType).map((value) => (
                <option key={value} value={value}>{t(`eventType.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <CaseField id={`${prefix}-date`} label={t("event.date")} hint={t("dateHint")} error={err("date")}>
          {(aria) => (
            <TypedDateInput {...aria} hasError={aria["aria-invalid"]} {...register("date")} />
          )}
        </CaseField>
        <CaseField id={`${prefix}-place`} label={t("event.place")} error={[...(err("placeId") ?? []), ...(err("placeText") ?? [])].length ? [...(err("placeId") ?? []), ...(err("placeText") ?? [])] : undefined}>
          {(aria) => <PlacePicker key={placeKey} id={aria.id} locale={locale} value={place} onChange={setPlace} invalid={aria["aria-invalid"]} describedBy={aria["aria-describedby"]} />}
        </CaseField>
        <CaseField id={`${prefix}-facility`} label={t("event.facility")} error={err("facility")}>
          {(aria) => <Input {...aria} dir="auto" {...register("facility")} />}
        </CaseField>
        <CaseField id={`${prefix}-authority`} label={t("event.authority")} error={err("authority")}>
          {(aria) => <Input {...aria} dir="auto" {...register("authority")} />}
        </CaseField>
        <CaseField id={`${prefix}-charges`} label={t("event.charges")} error={err("charges")}>
          {(aria) => <Input {...aria} dir="auto" {...register("charges")} />}
        </CaseField>
        <CaseField id={`${prefix}-sentence`} label={t("event.sentenceMonths")} error={err("sentenceMonths")}>
          {(aria) => <Input {...aria} type="number" min={1} max={600} {...register("sentenceMonths")} />}
        </CaseField>
        <CaseField id={`${prefix}-warrant`} label={t("event.warrantShown")} error={err("warrantShown")}>
          {(aria) => (
            <Select {...aria} {...register("warrantShown")}>
              <option value="">{t("event.warrant.none")}</option>
              {Object.values(WarrantShown).map((value) => (
                <option key={value} value={value}>{t(`event.warrant.${value}`)}</option>
              ))}
            </Select>
          )}
        </CaseField>
        <CaseField id={`${prefix}-warrant-details`} label={t("event.warrantDetails")} error={err("warrantDetails")}>
          {(aria) => <Input {...aria} dir="auto" {...register("warrantDetails")} />}
        </CaseField>
      </div>
      <CaseField id={`${prefix}-description`} label={t("event.description")} error={err("description")}>
        {(aria) => <Textarea {...aria} rows={3} dir="auto" {...register("description")} />}
      </CaseField>
      <div className="flex gap-2">
        <Button type="submit" disabled={f.pending}>
          {f.pending ? t("saving") : event ? t("saveChanges") : t("addEvent")}
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
