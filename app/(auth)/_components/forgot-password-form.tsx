"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requestPasswordResetAction } from "../actions";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [sent, setSent] = useState(false);
  const f = useAppForm({
    defaultValues: { email: "" },
    toInput: (values: { email: string }) => values,
    action: (input) => {
      setSent(false);
      return requestPasswordResetAction(input);
    },
    onSuccess: () => setSent(true),
  });

  return (
    <form {...f.formProps} className="space-y-4">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {sent ? <Alert tone="success">{t("forgotSent")}</Alert> : null}
      <Field id="email" label={t("email")} error={f.errors("email")}>
        <Input id="email" type="email" autoComplete="username" required {...f.register("email")} {...f.aria("email", "email")} />
      </Field>
      <Button type="submit" className="w-full" disabled={f.pending}>
        {t("forgotSubmit")}
      </Button>
    </form>
  );
}
