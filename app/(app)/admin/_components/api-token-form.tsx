"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { createApiTokenAction, revokeApiTokenAction } from "../actions";

export function ApiTokenForm() {
  const t = useTranslations("admin");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [token, setToken] = useState<string | null>(null);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const days = String(form.get("expiresInDays") ?? "").trim();
        setError(null);
        setFieldErrors({});
        setToken(null);
        startTransition(async () => {
          const result = await createApiTokenAction({ name: form.get("name"), expiresInDays: days === "" ? null : days });
          if (result.ok) setToken(result.data.token);
          else {
            setError(result.error.message);
            setFieldErrors(result.error.fieldErrors ?? {});
          }
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {token ? (
        <Alert tone="success" title={t("tokenCreated")}>
          <code className="break-all rounded bg-white px-2 py-1 text-xs">{token}</code>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <Field id="token-name" label={t("tokenName")} error={fieldErrors.name} required>
          <Input id="token-name" name="name" required aria-invalid={Boolean(fieldErrors.name)} aria-describedby={describedBy("token-name", { error: Boolean(fieldErrors.name) })} />
        </Field>
        <Field id="token-days" label={t("tokenExpiresInDays")} error={fieldErrors.expiresInDays}>
          <Input id="token-days" name="expiresInDays" type="number" min={1} max={3650} inputMode="numeric" />
        </Field>
        <Button type="submit" disabled={pending}>
          {t("createToken")}
        </Button>
      </div>
    </form>
  );
}

export function RevokeTokenButton({ tokenId }: { tokenId: string }) {
  const t = useTranslations("admin");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await revokeApiTokenAction({ tokenId });
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        {t("revoke")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
