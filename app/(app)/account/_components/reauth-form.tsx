"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { reauthenticateAction } from "../actions";

/** Password (and a code when two-factor sign-in is on) before a sensitive change; then the page reloads. */
export function ReauthForm({ withCode, idPrefix = "reauth" }: { withCode: boolean; idPrefix?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const passwordId = `${idPrefix}-password`;
  const codeId = `${idPrefix}-code`;

  return (
    <form
      className="max-w-md space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setError(null);
        setFieldErrors({});
        startTransition(async () => {
          const result = await reauthenticateAction({ password: String(form.get("password") ?? ""), code: String(form.get("code") ?? "") });
          if (result.ok) router.refresh();
          else {
            setError(result.error.fieldErrors ? null : result.error.message);
            setFieldErrors(result.error.fieldErrors ?? {});
          }
        });
      }}
    >
      <Alert tone="info">{t("reauthIntro")}</Alert>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id={passwordId} label={t("currentPassword")} error={fieldErrors.password} required>
        <Input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(fieldErrors.password)}
          aria-describedby={describedBy(passwordId, { error: Boolean(fieldErrors.password) })}
        />
      </Field>
      {withCode ? (
        <Field id={codeId} label={t("secondFactorCode")} hint={t("secondFactorHint")} error={fieldErrors.code} required>
          <Input
            id={codeId}
            name="code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={40}
            required
            aria-invalid={Boolean(fieldErrors.code)}
            aria-describedby={describedBy(codeId, { hint: true, error: Boolean(fieldErrors.code) })}
          />
        </Field>
      ) : null}
      <Button type="submit" disabled={pending}>
        {t("reauthSubmit")}
      </Button>
    </form>
  );
}
