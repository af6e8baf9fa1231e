"use client";
// Adding an advocacy action to a case, or recording the response to one.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useAppForm, type FormActionResult } from "@/components/forms/use-app-form";
import { ADVOCACY_TYPES } from "@/lib/protests/format";
import { TypedDateInput } from "@/components/typed-date-input";

type Save = (input: Record<string, string | number>) => Promise<FormActionResult<unknown>>;

/** The one form pattern, with this area's own message keys and the form closed and cleared after a save. */
function useAdvocacyForm(save: Save, defaults: Record<string, string>, onDone: () => void) {
  const t = useTranslations("advocacy");
  const router = useRouter();
  const f = useAppForm<Record<string, string>, Record<string, string>, unknown>({
    defaultValues: defaults,
    toInput: (values) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])),
    action: (input) => save(input),
    onSuccess: (_data, _values, form) => {
      form.reset();
      onDone();
      router.refresh();
    },
    formMessage: (error) => (error.code === "CONFLICT" ? t("conflict") : error.message || t("fixErrors")),
    translate: (key) => (t.has(`validation.${key}` as never) ? t(`validation.${key}` as never) : undefined),
  });
  return { t, f, pending: f.pending, message: f.errors, formError: f.formError, aria: f.aria };
}

export function AdvocacyActionForm({ save, initiallyOpen = false, idPrefix }: { save: Save; initiallyOpen?: boolean; idPrefix?: string }) {
  const [open, setOpen] = useState(initiallyOpen);
  const { t, f, pending, message, formError, aria } = useAdvocacyForm(
    save,
    { type: "APPEAL_KZ_FOREIGN_MINISTRY", date: "", recipient: "", theirReference: "", description: "" },
    () => setOpen(false),
  );
  const generatedId = useId();
  // a stable id when a link (the UN readiness panel) points at the form's first field
  const id = idPrefix ?? generatedId;
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("add")}
      </Button>
    );
  }
  return (
    <form {...f.formProps} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-type`} label={t("fields.type")} required error={message("type")}>
          <Select id={`${id}-type`} {...aria(`${id}-type`, "type")} {...f.register("type")}>
            {ADVOCACY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-date`} label={t("fields.date")} required error={message("date")}>
          <TypedDateInput id={`${id}-date`} {...aria(`${id}-date`, "date")} {...f.register("date")} needs="day" required hasError={Boolean(message("date"))} />
        </Field>
        <Field id={`${id}-recipient`} label={t("fields.recipient")} required error={message("recipient")}>
          <Input id={`${id}-recipient`} {...aria(`${id}-recipient`, "recipient")} {...f.register("recipient")} required maxLength={300} />
        </Field>
        <Field id={`${id}-ref`} label={t("fields.theirReference")} error={message("theirReference")}>
          <Input id={`${id}-ref`} {...aria(`${id}-ref`, "theirReference")} {...f.register("theirReference")} maxLength={200} />
        </Field>
      </div>
      <Field id={`${id}-description`} label={t("fields.description")} error={message("description")}>
        <Textarea id={`${id}-description`} {...aria(`${id}-description`, "description")} {...f.register("description")} rows={3} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

export function AdvocacyResponseForm({ save, version }: { save: Save; version: number }) {
  const [open, setOpen] = useState(false);
  const { t, f, pending, message, formError, aria } = useAdvocacyForm((input) => save({ ...input, version }), { responseDate: "", response: "" }, () => setOpen(false));
  const id = useId();
  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {t("recordResponse")}
      </Button>
    );
  }
  return (
    <form {...f.formProps} className="mt-2 space-y-3">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field id={`${id}-responseDate`} label={t("fields.responseDate")} required error={message("responseDate")}>
        <TypedDateInput id={`${id}-responseDate`} {...aria(`${id}-responseDate`, "responseDate")} {...f.register("responseDate")} needs="day" required hasError={Boolean(message("responseDate"))} />
      </Field>
      <Field id={`${id}-response`} label={t("fields.response")} required error={message("response")}>
        <Textarea id={`${id}-response`} {...aria(`${id}-response`, "response")} {...f.register("response")} rows={3} required />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
