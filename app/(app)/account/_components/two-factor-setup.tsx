"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { beginTwoFactorSetupAction, confirmTwoFactorSetupAction } from "../actions";

/** Set up an authenticator app: start, scan the QR code (or type the secret), confirm a code; the recovery codes go up. */
export function TwoFactorSetup({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);

  const onFailure = (result: { error: { message: string; details?: Record<string, unknown> } }) => {
    if (result.error.details?.reauthRequired) router.refresh();
    setError(result.error.message);
  };

  if (!setup) {
    return (
      <div className="space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button
          disabled={pending}
          onClick={() => {
            setError(null);
            startTransition(async () => {
              const result = await beginTwoFactorSetupAction();
              if (result.ok) setSetup(result.data);
              else onFailure(result);
            });
          }}
        >
          {t("twoFactorStart")}
        </Button>
      </div>
    );
  }

  return <ConfirmSetupForm setup={setup} onEnabled={onEnabled} />;
}

/** Scan the code (or type the secret), then confirm one code from the app. */
function ConfirmSetupForm({ setup, onEnabled }: { setup: { secret: string; qrSvg: string }; onEnabled: (recoveryCodes: string[]) => void }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const f = useAppForm({
    defaultValues: { code: "" },
    toInput: (values: { code: string }) => values,
    action: (input) => confirmTwoFactorSetupAction(input),
    onSuccess: (data) => {
      onEnabled(data.recoveryCodes);
      router.refresh();
    },
    onFailure: (error) => {
      if (error.details?.reauthRequired) router.refresh();
    },
  });
  // whatever went wrong is said at the one field
  const error = f.errors("code") ?? (f.formError ? [f.formError] : undefined);

  return (
    <form {...f.formProps} className="max-w-md space-y-4">
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>{t("twoFactorStepApp")}</li>
        <li>{t("twoFactorStepScan")}</li>
        <li>{t("twoFactorStepCode")}</li>
      </ol>
      {/* drawn on the server by the qrcode package from our own data: no third-party request, no script */}
      <div
        role="img"
        aria-label={t("twoFactorQrLabel")}
        className="h-48 w-48 rounded border border-slate-200 bg-white [&>svg]:h-full [&>svg]:w-full"
        dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
      />
      <div>
        <p className="text-sm text-slate-700">{t("twoFactorSecretLabel")}</p>
        <code data-testid="totp-secret" className="mt-1 block rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all select-all">
          {setup.secret}
        </code>
      </div>
      <Field id="setup-code" label={t("twoFactorFirstCode")} error={error} required>
        <Input
          id="setup-code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={12}
          required
          autoFocus
          {...f.register("code")}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy("setup-code", { error: Boolean(error) })}
        />
      </Field>
      <Button type="submit" disabled={f.pending}>
        {t("twoFactorConfirm")}
      </Button>
    </form>
  );
}
