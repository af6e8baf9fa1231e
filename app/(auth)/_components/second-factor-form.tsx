"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { useAppForm, type FormActionResult } from "@/components/forms/use-app-form";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** One field for either a 6-digit code from the app or a recovery code; Enter submits. */
export function SecondFactorForm() {
  const t = useTranslations("auth");
  const router = useRouter();
  const f = useAppForm({
    defaultValues: { code: "" },
    toInput: (values: { code: string }) => values,
    // next-auth re-issues the cookie, naming the new session row that replaces the pending one
    action: async (input): Promise<FormActionResult<null>> => {
      const result = await signIn("two-factor", { redirect: false, code: input.code });
      if (result?.ok && !result.error) return { ok: true, data: null };
      return { ok: false, error: { code: "UNAUTHENTICATED", message: result?.error ?? t("signInFailed") } };
    },
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
    onFailure: () => {
      // the code typed is selected, ready to be typed over
      requestAnimationFrame(() => (document.getElementById("code") as HTMLInputElement | null)?.select());
    },
  });
  // whatever went wrong is said at the one field
  const error = f.formError ? [f.formError] : undefined;

  return (
    <form {...f.formProps} className="space-y-4">
      <Field id="code" label={t("secondFactorCode")} hint={t("secondFactorHint")} error={error}>
        <Input
          id="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={40}
          required
          autoFocus
          {...f.register("code")}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy("code", { hint: true, error: Boolean(error) })}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={f.pending}>
        {f.pending ? t("secondFactorChecking") : t("secondFactorSubmit")}
      </Button>
    </form>
  );
}
