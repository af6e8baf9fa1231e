"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { acceptInviteAction } from "../actions";

/** Sets a password for an invite or a reset; an existing account joins with its current password. */
export function InviteForm({ token, hasAccount, reset }: { token: string; hasAccount: boolean; reset: boolean }) {
  const t = useTranslations("auth");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const joinOnly = hasAccount && !reset;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const password = String(form.get("password") ?? "");
        setError(null);
        setFieldErrors({});
        startTransition(async () => {
          const result = await acceptInviteAction({
            token,
            name: joinOnly ? "-" : String(form.get("name") ?? ""),
            password,
            passwordConfirm: joinOnly ? password : String(form.get("passwordConfirm") ?? ""),
          });
          if (result && !result.ok) {
            setError(result.error.message);
            setFieldErrors(result.error.fieldErrors ?? {});
          }
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {joinOnly ? <p className="text-sm text-slate-700">{t("inviteExistingAccount")}</p> : null}
      {!joinOnly && !reset ? (
        <Field id="name" label={t("name")} error={fieldErrors.name} required>
          <Input id="name" name="name" autoComplete="name" required aria-invalid={Boolean(fieldErrors.name)} aria-describedby={describedBy("name", { error: Boolean(fieldErrors.name) })} />
        </Field>
      ) : null}
      <Field id="password" label={joinOnly ? t("password") : t("newPassword")} hint={joinOnly ? undefined : t("passwordHint")} error={fieldErrors.password} required>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete={joinOnly ? "current-password" : "new-password"}
          required
          aria-invalid={Boolean(fieldErrors.password)}
          aria-describedby={describedBy("password", { hint: !joinOnly, error: Boolean(fieldErrors.password) })}
        />
      </Field>
      {!joinOnly ? (
        <Field id="passwordConfirm" label={t("newPasswordConfirm")} error={fieldErrors.passwordConfirm} required>
          <Input
            id="passwordConfirm"
            name="passwordConfirm"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={Boolean(fieldErrors.passwordConfirm)}
            aria-describedby={describedBy("passwordConfirm", { error: Boolean(fieldErrors.passwordConfirm) })}
          />
        </Field>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {joinOnly ? t("join") : reset ? t("setPassword") : t("acceptInvite")}
      </Button>
    </form>
  );
}
