"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "../actions";

const FIELDS = [
  { name: "currentPassword", label: "currentPassword", autoComplete: "current-password" },
  { name: "newPassword", label: "newPassword", autoComplete: "new-password", hint: true },
  { name: "newPasswordConfirm", label: "newPasswordConfirm", autoComplete: "new-password" },
] as const;

type Values = Record<(typeof FIELDS)[number]["name"], string>;

export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const [changed, setChanged] = useState(false);
  const f = useAppForm<Values, Values, unknown>({
    defaultValues: { currentPassword: "", newPassword: "", newPasswordConfirm: "" },
    toInput: (values) => values,
    action: (input) => {
      setChanged(false);
      return changePasswordAction(input);
    },
    onSuccess: (_data, _values, form) => {
      form.reset();
      setChanged(true);
    },
  });

  return (
    <form {...f.formProps} className="max-w-md space-y-4">
      {changed ? <Alert tone="success">{t("passwordChanged")}</Alert> : null}
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {FIELDS.map((field) => {
        const hint = "hint" in field;
        return (
          <Field key={field.name} id={field.name} label={t(field.label)} hint={hint ? t("passwordHint") : undefined} error={f.errors(field.name)} required>
            <Input id={field.name} type="password" autoComplete={field.autoComplete} required {...f.register(field.name)} {...f.aria(field.name, field.name, { hint })} />
          </Field>
        );
      })}
      <Button type="submit" disabled={f.pending}>
        {t("changePasswordSubmit")}
      </Button>
    </form>
  );
}
