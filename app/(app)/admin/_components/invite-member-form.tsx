"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createInviteSchema } from "@/lib/validations/members";
import { createInviteAction } from "../actions";

const ROLES = ["VOLUNTEER", "COORDINATOR", "ANALYST", "ADMIN"] as const;

export function InviteMemberForm() {
  const t = useTranslations("admin");
  const tRoles = useTranslations("common.roles");
  const [created, setCreated] = useState<{ url: string | null; emailed: boolean } | null>(null);
  const f = useAppForm({
    defaultValues: { email: "", role: "VOLUNTEER" },
    toInput: (values: { email: string; role: string }) => ({ ...values, kind: "INVITE" as const }),
    schema: createInviteSchema,
    action: (input) => {
      setCreated(null);
      return createInviteAction(input);
    },
    onSuccess: (data) => setCreated(data),
  });

  return (
    <form {...f.formProps} className="space-y-4">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {created ? <InviteLink url={created.url} emailed={created.emailed} /> : null}
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <Field id="invite-email" label={t("email")} error={f.errors("email")} required>
          <Input id="invite-email" type="email" required {...f.register("email")} {...f.aria("invite-email", "email")} />
        </Field>
        <Field id="invite-role" label={t("role")} error={f.errors("role")}>
          <Select id="invite-role" {...f.register("role")} {...f.aria("invite-role", "role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={f.pending}>
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
