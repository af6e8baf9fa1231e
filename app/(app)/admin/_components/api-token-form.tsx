"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createApiTokenSchema } from "@/lib/validations/members";
import { createApiTokenAction, revokeApiTokenAction } from "../actions";

export function ApiTokenForm() {
  const t = useTranslations("admin");
  const [token, setToken] = useState<string | null>(null);
  const f = useAppForm({
    defaultValues: { name: "", expiresInDays: "" },
    toInput: (values: { name: string; expiresInDays: string }) => ({ name: values.name, expiresInDays: values.expiresInDays.trim() === "" ? null : values.expiresInDays.trim() }),
    schema: createApiTokenSchema,
    action: (input) => {
      setToken(null);
      return createApiTokenAction(input);
    },
    onSuccess: (data) => setToken(data.token),
  });
  return (
    <form {...f.formProps} className="space-y-4">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {token ? (
        <Alert tone="success" title={t("tokenCreated")}>
          <code className="break-all rounded bg-white px-2 py-1 text-xs">{token}</code>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <Field id="token-name" label={t("tokenName")} error={f.errors("name")} required>
          <Input id="token-name" required {...f.register("name")} {...f.aria("token-name", "name")} />
        </Field>
        <Field id="token-days" label={t("tokenExpiresInDays")} error={f.errors("expiresInDays")}>
          <Input id="token-days" type="number" min={1} max={3650} inputMode="numeric" {...f.register("expiresInDays")} {...f.aria("token-days", "expiresInDays")} />
        </Field>
        <Button type="submit" disabled={f.pending}>
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
