"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { useAppForm, type FormActionResult } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignInForm() {
  const t = useTranslations("auth");
  const router = useRouter();
  const f = useAppForm({
    defaultValues: { email: "", password: "" },
    toInput: (values: { email: string; password: string }) => values,
    // next-auth's credentials route; a refusal comes back as the translated message in `error`
    action: async (input): Promise<FormActionResult<null>> => {
      const result = await signIn("credentials", { redirect: false, ...input });
      if (!result?.ok || result.error) return { ok: false, error: { code: "UNAUTHENTICATED", message: result?.error ?? t("signInFailed") } };
      return { ok: true, data: null };
    },
    onSuccess: () => {
      // the start page sends a session that still owes its code to the code page
      router.replace("/");
      router.refresh();
    },
  });

  return (
    <form {...f.formProps} className="space-y-4">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <Field id="email" label={t("email")}>
        <Input id="email" type="email" autoComplete="username" required {...f.register("email")} />
      </Field>
      <Field id="password" label={t("password")}>
        <Input id="password" type="password" autoComplete="current-password" required {...f.register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={f.pending}>
        {f.pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
