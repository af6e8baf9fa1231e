import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCtx } from "@/lib/auth/context";
import { findMembers } from "@/lib/members/members";
import { AdminTabs } from "./_components/admin-tabs";
import { InviteMemberForm } from "./_components/invite-member-form";
import { MemberRowActions } from "./_components/member-row-actions";

export default async function AdminMembersPage() {
  const ctx = await requireCtx("users.manage");
  const { members, invites } = await findMembers(ctx);
  const t = await getTranslations("admin");
  const tRoles = await getTranslations("common.roles");
  const tCommon = await getTranslations("common");
  const locale = (await getLocale()) as Locale;
  const when = (date: Date | null) => (date ? formatDateTime(date, locale) : tCommon("never"));

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AdminTabs current="members" />
      <section aria-labelledby="invite-title" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="invite-title" className="mb-3 text-lg font-semibold">
          {t("inviteTitle")}
        </h2>
        <InviteMemberForm />
      </section>
      <section aria-labelledby="members-title" className="mb-8">
        <h2 id="members-title" className="mb-3 text-lg font-semibold">
          {t("membersTitle")}
        </h2>
        <Table caption={t("membersTitle")}>
          <thead>
            <tr>
              <Th>{t("name")}</Th>
              <Th>{t("email")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("lastSignIn")}</Th>
              <Th>{tCommon("actions")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => (
              <tr key={member.membershipId}>
                <Td>
                  {member.name}
                  <span className="block text-xs text-slate-600">{tRoles(member.role)}</span>
                </Td>
                <Td className="break-all">{member.email}</Td>
                <Td>{member.active ? t("active") : t("deactivated")}</Td>
                <Td>{when(member.lastSignInAt)}</Td>
                <Td>{member.userId === ctx.userId ? null : <MemberRowActions member={member} />}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="invites-title">
        <h2 id="invites-title" className="mb-3 text-lg font-semibold">
          {t("pendingInvites")}
        </h2>
        {invites.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noInvites")}</p>
        ) : (
          <Table caption={t("pendingInvites")}>
            <thead>
              <tr>
                <Th>{t("email")}</Th>
                <Th>{t("role")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("expires")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invites.map((invite) => (
                <tr key={invite.id}>
                  <Td className="break-all">{invite.email}</Td>
                  <Td>{tRoles(invite.role)}</Td>
                  <Td>{t(`kind${invite.kind}`)}</Td>
                  <Td>{when(invite.expiresAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}
