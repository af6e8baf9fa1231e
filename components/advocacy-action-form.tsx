"use client";
// Adding an advocacy action to a case, or recording the response to one.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions";
import { ADVOCACY_TYPES } from "@/lib/protests/format";
import { TypedDateInput } from "@/components/typed-date-input";

type Save = (input: Record<string, string | number>) => Promise<ActionResult<unknown>>;

function useSubmit(save: Save, onDone: () => void) {
  const t = useTranslations("advocacy");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const message = (field: string) => fieldErrors[field]?.map((m) => (t.has(`validation.${m}` as never) ? t(`validation.${m}` as never) : m));
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await save(input);
      if (result.ok) {
        form.reset();
        onDone();
        router.refresh();
        return;
      }
      setFieldErrors(result.error.fieldErrors ?? {});
      setFormError(result.error.code === "CONFLICT" ? t("conflict") : result.error.message || t("fixErrors"));
    });
  }
  return { t, pending, message, formError, submit };
}

export function AdvocacyActionForm({ save, initiallyOpen = false, idPrefix }: { save: Save; initiallyOpen?: boolean; idPrefix?: string }) {
  const [open, setOpen] = useState(initiallyOpen);
  const { t, pending, message, formError, submit } = useSubmit(save, () => setOpen(false));
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
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate aria-busy={pending}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-type`} label={t("fields.type")} required error={message("type")}>
          <Select id={`${id}-type`} name="type" defaultValue="APPEAL_KZ_FOREIGN_MINISTRY">
            {ADVOCACY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-date`} label={t("fields.date")} required error={message("date")}>
          <TypedDateInput id={`${id}-date`} name="date" needs="day" required hasError={Boolean(message("date"))} />
        </Field>
        <Field id={`${id}-recipient`} label={t("fields.recipient")} required error={message("recipient")}>
          <Input id={`${id}-recipient`} name="recipient" required maxLength={300} />
        </Field>
        <Field id={`${id}-ref`} label={t("fields.theirReference")} error={message("theirReference")}>
          <Input id={`${id}-ref`} name="theirReference" maxLength={200} />
        </Field>
      </div>
      <Field id={`${id}-description`} label={t("fields.description")} error={message("description")}>
        <Textarea id={`${id}-description`} name="description" rows={3} />
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
  const { t, pending, message, formError, submit } = useSubmit((input) => save({ ...input, version }), () => setOpen(false));
  const id = useId();
  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {t("recordResponse")}
      </Button>
    );
  }
  return (
    <form onSubmit={submit} className="mt-2 space-y-3" noValidate aria-busy={pending}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field id={`${id}-responseDate`} label={t("fields.responseDate")} required error={message("responseDate")}>
        <TypedDateInput id={`${id}-responseDate`} name="responseDate" needs="day" required hasError={Boolean(message("responseDate"))} />
      </Field>
      <Field id={`${id}-response`} label={t("fields.response")} required error={message("response")}>
        <Textarea id={`${id}-response`} name="response" rows={3} required />
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
