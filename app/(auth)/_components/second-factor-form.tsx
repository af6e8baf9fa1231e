"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signIn } from "next-auth/react";

/** One field for either a 6-digit code from the app or a recovery code; Enter submits. */
export function SecondFactorForm() {
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
        const formElement = event.currentTarget;
        const form = new FormData(formElement);
        setError(null);
        startTransition(async () => {
          // next-auth re-issues the cookie, naming the new session row that replaces the pending one
          const result = await signIn("two-factor", { redirect: false, code: String(form.get("code") ?? "") });
          if (result?.ok && !result.error) {
            router.replace("/");
            router.refresh();
            return;
          }
          setError(result?.error ?? t("signInFailed"));
          const input = formElement.elements.namedItem("code");
          if (input instanceof HTMLInputElement) {
            input.select();
            input.focus();
          }
        });
      }}
    >
      <Field id="code" label={t("secondFactorCode")} hint={t("secondFactorHint")} error={error ? [error] : undefined}>
        <Input
          id="code"
          name="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={40}
          required
          autoFocus
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy("code", { hint: true, error: Boolean(error) })}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("secondFactorChecking") : t("secondFactorSubmit")}
      </Button>
    </form>
  );
}
