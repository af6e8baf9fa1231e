"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { reauthenticateAction } from "../actions";

/** Password (and a code when two-factor sign-in is on) before a sensitive change; then the page reloads. */
export function ReauthForm({ withCode, idPrefix = "reauth" }: { withCode: boolean; idPrefix?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const passwordId = `${idPrefix}-password`;
  const codeId = `${idPrefix}-code`;
  const f = useAppForm({
    defaultValues: { password: "", code: "" },
    toInput: (values: { password: string; code: string }) => values,
    action: (input) => reauthenticateAction(input),
    onSuccess: () => router.refresh(),
    // a wrong password or code is said at its field only
    formMessage: (error) => (error.fieldErrors ? null : error.message),
  });

  return (
    <form {...f.formProps} className="max-w-md space-y-4">
      <Alert tone="info">{t("reauthIntro")}</Alert>
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <Field id={passwordId} label={t("currentPassword")} error={f.errors("password")} required>
        <Input id={passwordId} type="password" autoComplete="current-password" required {...f.register("password")} {...f.aria(passwordId, "password")} />
      </Field>
      {withCode ? (
        <Field id={codeId} label={t("secondFactorCode")} hint={t("secondFactorHint")} error={f.errors("code")} required>
          <Input
            id={codeId}
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={40}
            required
            {...f.register("code")}
            {...f.aria(codeId, "code", { hint: true })}
          />
        </Field>
      ) : null}
      <Button type="submit" disabled={f.pending}>
        {t("reauthSubmit")}
      </Button>
    </form>
  );
}
