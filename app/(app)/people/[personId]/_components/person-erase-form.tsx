"use client";
// The danger zone of a person's page: erase them on a family's request, after choosing a reason and
// typing their name again. It cannot be undone, so the form says what will go before anything happens.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ERASURE_REASONS } from "@/lib/validations/erasure";
import { erasePersonAction } from "../actions";

export function PersonEraseForm({ person }: { person: { id: string; displayName: string; version: number } }) {
  const t = useTranslations("people.erasure");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const f = useAppForm({
    defaultValues: { reason: "", confirmation: "" },
    toInput: (values: { reason: string; confirmation: string }) => ({
      reason: values.reason as (typeof ERASURE_REASONS)[number],
      confirmation: values.confirmation,
      version: person.version,
    }),
    action: (input) => erasePersonAction(person.id, input),
    onSuccess: () => router.refresh(),
  });
  const [reason, confirmation] = useWatch({ control: f.form.control, name: ["reason", "confirmation"] });
  const pending = f.pending;
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
        <form {...f.formProps} className="space-y-3">
          {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
          <Field id="erase-reason" label={t("reason")} required error={f.errors("reason")}>
            <Select
              id="erase-reason"
              required
              {...f.register("reason")}
              {...f.aria("erase-reason", "reason")}
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
            error={f.errors("confirmation")}
          >
            <Input
              id="erase-confirmation"
              required
              autoComplete="off"
              spellCheck={false}
              {...f.register("confirmation")}
              {...f.aria("erase-confirmation", "confirmation", { hint: true })}
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
