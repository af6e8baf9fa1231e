"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signInAction } from "../actions";

export function SignInForm() {
  const t = useTranslations("auth");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setError(null);
        startTransition(async () => {
          const result = await signInAction({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
          if (result && !result.ok) setError(result.error.message);
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" label={t("email")}>
        <Input id="email" name="email" type="email" autoComplete="username" required aria-describedby={describedBy("email", {})} />
      </Field>
      <Field id="password" label={t("password")}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
