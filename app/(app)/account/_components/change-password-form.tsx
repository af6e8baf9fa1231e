"use client";
import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { changePasswordAction } from "../actions";

const FIELDS = [
  { name: "currentPassword", label: "currentPassword", autoComplete: "current-password" },
  { name: "newPassword", label: "newPassword", autoComplete: "new-password", hint: true },
  { name: "newPasswordConfirm", label: "newPasswordConfirm", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  return (
    <form
      ref={formRef}
      className="max-w-md space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setMessage(null);
        setFieldErrors({});
        startTransition(async () => {
          const result = await changePasswordAction(Object.fromEntries(FIELDS.map((f) => [f.name, String(form.get(f.name) ?? "")])));
          if (result.ok) {
            formRef.current?.reset();
            setMessage({ tone: "success", text: t("passwordChanged") });
          } else {
            setMessage({ tone: "error", text: result.error.message });
            setFieldErrors(result.error.fieldErrors ?? {});
          }
        });
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {FIELDS.map((field) => {
        const error = fieldErrors[field.name];
        const hint = "hint" in field;
        return (
          <Field key={field.name} id={field.name} label={t(field.label)} hint={hint ? t("passwordHint") : undefined} error={error} required>
            <Input
              id={field.name}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              required
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy(field.name, { hint, error: Boolean(error) })}
            />
          </Field>
        );
      })}
      <Button type="submit" disabled={pending}>
        {t("changePasswordSubmit")}
      </Button>
    </form>
  );
}
