"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/errors";
import { createInviteAction } from "../actions";

const ROLES = ["VOLUNTEER", "COORDINATOR", "ANALYST", "ADMIN"] as const;

export function InviteMemberForm() {
  const t = useTranslations("admin");
  const tRoles = useTranslations("common.roles");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ url: string | null; emailed: boolean } | null>(null);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setError(null);
        setFieldErrors({});
        setCreated(null);
        startTransition(async () => {
          const result = await createInviteAction({ email: form.get("email"), role: form.get("role"), kind: "INVITE" });
          if (result.ok) setCreated(result.data);
          else {
            setError(result.error.message);
            setFieldErrors(result.error.fieldErrors ?? {});
          }
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {created ? <InviteLink url={created.url} emailed={created.emailed} /> : null}
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <Field id="invite-email" label={t("email")} error={fieldErrors.email} required>
          <Input
            id="invite-email"
            name="email"
            type="email"
            required
            aria-invalid={Boolean(fieldErrors.email)}
            aria-describedby={describedBy("invite-email", { error: Boolean(fieldErrors.email) })}
          />
        </Field>
        <Field id="invite-role" label={t("role")} error={fieldErrors.role}>
          <Select id="invite-role" name="role" defaultValue="VOLUNTEER">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          {t("invite")}
        </Button>
      </div>
    </form>
  );
}

/** The one-time link, shown once to copy; or, for an account shared with another group, only where it went. */
export function InviteLink({ url, emailed }: { url: string | null; emailed: boolean }) {
  const t = useTranslations("admin");
  const tCommon = useTranslations("common");
  const [copied, setCopied] = useState(false);
  if (url === null) return <Alert tone={emailed ? "success" : "error"}>{emailed ? t("resetEmailedOnly") : t("resetNotSent")}</Alert>;
  return (
    <Alert tone="success">
      <p>{t("inviteCreated")}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 text-xs" data-testid="invite-link">
          {url}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? tCommon("copied") : tCommon("copy")}
        </Button>
      </div>
      {emailed ? <p className="mt-2">{t("inviteEmailed")}</p> : null}
    </Alert>
  );
}
