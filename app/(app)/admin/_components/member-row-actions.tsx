"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeRoleAction, createInviteAction, endMemberSessionsAction, setMemberActiveAction } from "../actions";
import { InviteLink } from "./invite-member-form";

const ROLES = ["ADMIN", "COORDINATOR", "VOLUNTEER", "ANALYST"] as const;

/** Role select, deactivate / reactivate, password reset and ending sessions for one member. */
export function MemberRowActions({
  member,
}: {
  member: { membershipId: string; version: number; role: Role; active: boolean; name: string; email: string };
}) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("common.roles");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ url: string | null; emailed: boolean } | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const ref = { membershipId: member.membershipId, version: member.version };
  const selectId = `role-${member.membershipId}`;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          {t("roleFor", { name: member.name })}
        </label>
        <Select
          id={selectId}
          className="w-auto"
          defaultValue={member.role}
          disabled={pending || !member.active}
          onChange={(event) => {
            const role = event.target.value;
            setError(null);
            startTransition(async () => {
              const result = await changeRoleAction({ ...ref, role });
              if (!result.ok) setError(result.error.message);
            });
          }}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {tRoles(role)}
            </option>
          ))}
        </Select>
        <Button
          variant={member.active ? "danger" : "secondary"}
          disabled={pending}
          onClick={() => {
            setError(null);
            startTransition(async () => {
              const result = await setMemberActiveAction(ref, !member.active);
              if (!result.ok) setError(result.error.message);
            });
          }}
        >
          {member.active ? t("deactivate") : t("reactivate")}
        </Button>
        {member.active ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => {
              setError(null);
              startTransition(async () => {
                const result = await createInviteAction({ email: member.email, role: member.role, kind: "PASSWORD_RESET" });
                if (result.ok) setResetLink(result.data);
                else setError(result.error.message);
              });
            }}
          >
            {t("resetPassword")}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setError(null);
            setEnded(null);
            startTransition(async () => {
              const result = await endMemberSessionsAction({ membershipId: member.membershipId });
              if (result.ok) setEnded(result.data.count);
              else setError(result.error.message);
            });
          }}
        >
          {t("endSessions")}
        </Button>
      </div>
      {ended !== null ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("sessionsEnded", { count: ended })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {resetLink ? <InviteLink url={resetLink.url} emailed={resetLink.emailed} /> : null}
    </div>
  );
}
