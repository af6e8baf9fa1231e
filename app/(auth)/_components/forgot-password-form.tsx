"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requestPasswordResetAction } from "../actions";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setError(null);
        setSent(false);
        startTransition(async () => {
          const result = await requestPasswordResetAction({ email: String(form.get("email") ?? "") });
          if (result.ok) setSent(true);
          else setError(result.error.message);
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sent ? <Alert tone="success">{t("forgotSent")}</Alert> : null}
      <Field id="email" label={t("email")}>
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {t("forgotSubmit")}
      </Button>
    </form>
  );
}
