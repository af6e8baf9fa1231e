"use client";
// The danger zone of a person's page: erase them on a family's request, after choosing a reason and
// typing their name again. It cannot be undone, so the form says what will go before anything happens.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ERASURE_REASONS } from "@/lib/validations/erasure";
import { erasePersonAction } from "../actions";

export function PersonEraseForm({ person }: { person: { id: string; displayName: string; version: number } }) {
  const t = useTranslations("people.erasure");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const matches = confirmation.trim().toLocaleLowerCase() === person.displayName.trim().toLocaleLowerCase();

  return (
    <section aria-labelledby="erase-title" className="rounded-md border border-red-300 bg-red-50/40 p-4">
      <h2 id="erase-title" className="mb-2 text-lg font-semibold text-red-900">
        {t("title")}
      </h2>
      <p className="mb-3 text-sm text-slate-800">{t("explain")}</p>
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t("start")}
        </Button>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              const result = await erasePersonAction(person.id, { reason: reason as (typeof ERASURE_REASONS)[number], confirmation, version: person.version });
              if (result.ok) {
                router.refresh();
                return;
              }
              setErrors(result.error.fieldErrors ?? {});
              setMessage(result.error.message);
            });
          }}
        >
          {message ? <Alert tone="error">{message}</Alert> : null}
          <Field id="erase-reason" label={t("reason")} required error={errors.reason}>
            <Select
              id="erase-reason"
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={describedBy("erase-reason", { error: Boolean(errors.reason) })}
            >
              <option value="">{t("chooseReason")}</option>
              {ERASURE_REASONS.map((value) => (
                <option key={value} value={value}>
                  {t(`reasons.${value}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="erase-confirmation"
            label={t("confirmLabel", { name: person.displayName })}
            hint={t("confirmHint")}
            required
            error={errors.confirmation}
          >
            <Input
              id="erase-confirmation"
              required
              autoComplete="off"
              spellCheck={false}
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              aria-invalid={errors.confirmation ? true : undefined}
              aria-describedby={describedBy("erase-confirmation", { hint: true, error: Boolean(errors.confirmation) })}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending || !reason || !matches}>
              {pending ? t("erasing") : t("confirm")}
            </Button>
            <Button variant="ghost" disabled={pending} onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
