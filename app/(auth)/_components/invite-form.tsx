"use client";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { acceptInviteAction } from "../actions";

/** Sets a password for an invite or a reset; an existing account joins with its current password. */
export function InviteForm({ token, hasAccount, reset }: { token: string; hasAccount: boolean; reset: boolean }) {
  const t = useTranslations("auth");
  const joinOnly = hasAccount && !reset;
  const f = useAppForm({
    defaultValues: { name: "", password: "", passwordConfirm: "" },
    toInput: (values: { name: string; password: string; passwordConfirm: string }) => ({
      token,
      name: joinOnly ? "-" : values.name,
      password: values.password,
      passwordConfirm: joinOnly ? values.password : values.passwordConfirm,
    }),
    // an accepted invite goes on to the app; only a refusal comes back
    action: async (input) => (await acceptInviteAction(input)) ?? { ok: true as const, data: null },
  });
  const aria = (name: string, hint = false) => f.aria(name, name, { hint });

  return (
    <form {...f.formProps} className="space-y-4">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {joinOnly ? <p className="text-sm text-slate-700">{t("inviteExistingAccount")}</p> : null}
      {!joinOnly && !reset ? (
        <Field id="name" label={t("name")} error={f.errors("name")} required>
          <Input id="name" autoComplete="name" required {...f.register("name")} {...aria("name")} />
        </Field>
      ) : null}
      <Field id="password" label={joinOnly ? t("password") : t("newPassword")} hint={joinOnly ? undefined : t("passwordHint")} error={f.errors("password")} required>
        <Input id="password" type="password" autoComplete={joinOnly ? "current-password" : "new-password"} required {...f.register("password")} {...aria("password", !joinOnly)} />
      </Field>
      {!joinOnly ? (
        <Field id="passwordConfirm" label={t("newPasswordConfirm")} error={f.errors("passwordConfirm")} required>
          <Input id="passwordConfirm" type="password" autoComplete="new-password" required {...f.register("passwordConfirm")} {...aria("passwordConfirm")} />
        </Field>
      ) : null}
      <Button type="submit" className="w-full" disabled={f.pending}>
        {joinOnly ? t("join") : reset ? t("setPassword") : t("acceptInvite")}
      </Button>
    </form>
  );
}
