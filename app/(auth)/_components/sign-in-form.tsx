"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signIn } from "next-auth/react";

export function SignInForm() {
  const t = useTranslations("auth");
  const router = useRouter();
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
          // next-auth's credentials route; a refusal comes back as the translated message in `error`
          const result = await signIn("credentials", {
            redirect: false,
            email: String(form.get("email") ?? ""),
            password: String(form.get("password") ?? ""),
          });
          if (!result?.ok || result.error) {
            setError(result?.error ?? t("signInFailed"));
            return;
          }
          // the start page sends a session that still owes its code to the code page
          router.replace("/");
          router.refresh();
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
