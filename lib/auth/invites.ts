// One-time invite links: an admin invites by e-mail and role (or starts a password reset); whoever opens
// the link sets a password. Tokens are 32 random bytes, stored only as their sha-256, valid 72 hours, once.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { audit, type AuditInput } from "../audit";
import { authorize, type Ctx, membershipScope, inviteScope } from "../authz";
import { withIdentity, withTenant, type Tx } from "../db";
import { getEnv } from "../env";
import { AppError, invalid, notFound } from "../errors";
import type { InviteKind, Role } from "../generated/prisma/enums";
import { hashPassword, verifyPassword } from "./password";
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale } from "../i18n/config";
import { loadMessages } from "../i18n/messages";
import { emailedLinksAvailable, sendMail } from "./mail";
import { assertStrongPassword } from "./password-policy";

export const INVITE_TTL_HOURS = 72;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CreatedInvite {
  inviteId: string;
  /**
   * the one-time link, shown to the admin once; null when it went only to the member's own e-mail (a
   * password reset for an account that also belongs to another organisation)
   */
  url: string | null;
  emailed: boolean;
  expiresAt: Date;
}

/**
 * Every organisation the user belongs to (active or not), read inside `tx` as that user: the acting
 * admin's own view of memberships shows only their organisation.
 */
export async function organizationsOfUser(tx: Tx, userId: string, actingUserId: string | null): Promise<string[]> {
  await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
  const rows = await tx.membership.findMany({ where: { userId }, select: { organizationId: true }, orderBy: { createdAt: "asc" } });
  await tx.$executeRaw`SELECT set_config('app.user_id', ${actingUserId ?? ""}, true)`;
  return rows.map((row) => row.organizationId);
}

/**
 * Writes the same event into the audit log of each of `organizationIds`, then returns the transaction to
 * `homeOrganizationId`: what happens to a shared account must be visible to every group it belongs to.
 */
export async function auditInEach(tx: Tx, organizationIds: string[], homeOrganizationId: string, event: Omit<AuditInput, "organizationId">): Promise<void> {
  for (const organizationId of organizationIds) {
    await tx.$executeRaw`SELECT set_config('app.organization_id', ${organizationId}, true)`;
    await audit(tx, { ...event, organizationId });
  }
  await tx.$executeRaw`SELECT set_config('app.organization_id', ${homeOrganizationId}, true)`;
}

export const resetNeedsMail = () =>
  new AppError(
    "FORBIDDEN",
    "This person also belongs to another group, so a new-password link can only be sent to their own e-mail address, and this installation sends no e-mail. Ask them to use \"Forgot password\" once e-mail is set up (SMTP_URL and PUBLIC_URL).",
    { key: "resetNeedsMail" },
  );

/**
 * Invites someone to the acting admin's organisation, or (PASSWORD_RESET) lets an existing member set a
 * new password. A reset for an account that also belongs to another organisation is never shown to the
 * admin: it goes to the member's own e-mail (refused when no e-mail is set up) and is audited in every
 * organisation of the account.
 */
export async function createInvite(ctx: Ctx, input: { email: string; role: Role; kind?: InviteKind }, options: { origin?: string } = {}): Promise<CreatedInvite> {
  authorize(ctx, "users.manage");
  const email = input.email.trim().toLowerCase();
  const kind = input.kind ?? "INVITE";
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3_600_000);

  const { invite, shared } = await withTenant(ctx, async (tx) => {
    const member = await tx.membership.findFirst({
      where: { ...membershipScope(ctx), user: { email } },
      select: { role: true, deactivatedAt: true, userId: true },
    });
    if (kind === "PASSWORD_RESET" && !member) throw notFound("member");
    const organizations = kind === "PASSWORD_RESET" && member ? await organizationsOfUser(tx, member.userId, ctx.userId) : [ctx.organizationId];
    const others = organizations.filter((id) => id !== ctx.organizationId);
    if (others.length > 0 && !emailedLinksAvailable()) throw resetNeedsMail();
    if (kind === "INVITE" && member && !member.deactivatedAt) {
      throw new AppError("CONFLICT", "This person is already a member.", { key: "alreadyMember", fieldErrors: { email: ["alreadyMember"] } });
    }
    // a new link replaces any earlier unused one for the same address
    await tx.invite.updateMany({
      where: { ...inviteScope(ctx, { pending: true }), email },
      data: { revokedAt: new Date() },
    });
    const row = await tx.invite.create({
      data: {
        organizationId: ctx.organizationId,
        email,
        role: kind === "PASSWORD_RESET" && member ? member.role : input.role,
        kind,
        tokenHash: hashInviteToken(token),
        expiresAt,
        createdById: ctx.userId,
        emailOnly: others.length > 0,
      },
      select: { id: true },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: kind === "PASSWORD_RESET" ? "invite.passwordReset" : "invite.create",
      entityType: "Invite",
      entityId: row.id,
      changedFields: ["email", "role", "kind", "expiresAt"],
      ipHash: ctx.ipHash ?? null,
    });
    if (others.length > 0) {
      await auditInEach(tx, others, ctx.organizationId, {
        actorUserId: ctx.userId,
        action: "invite.passwordReset.elsewhere",
        entityType: "User",
        entityId: member!.userId,
        metadata: { requestedIn: ctx.organizationId, delivery: "email" },
        ipHash: ctx.ipHash ?? null,
      });
    }
    return { invite: row, shared: others.length > 0 };
  });

  // A shared account's link is built only from PUBLIC_URL: a forged Host header must not send the
  // member a link to someone else's server.
  const base = (shared ? getEnv().PUBLIC_URL : (getEnv().PUBLIC_URL ?? options.origin)) ?? "";
  const url = `${base.replace(/\/$/, "")}/invite/${token}`;
  const emailed = await sendMail({ to: email, ...(await inviteEmail(ctx, kind, url)) });
  return { inviteId: invite.id, url: shared ? null : url, emailed, expiresAt };
}

/** The invitation e-mail in the organisation's default language (the invitee has not chosen one yet). */
export async function inviteEmail(ctx: Ctx, kind: InviteKind, url: string): Promise<{ subject: string; text: string }> {
  const org = await withTenant(ctx, (tx) =>
    tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { name: true, defaultLocale: true } }),
  );
  const locale = isLocale(org?.defaultLocale) ? org.defaultLocale : DEFAULT_LOCALE;
  const translate = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as (
    key: string,
    values: Record<string, string | number>,
  ) => string;
  const t = (key: string, values: Record<string, string | number>) => translate(`auth.inviteEmail.${key}`, values);
  const values = { organization: org?.name ?? "Qamqor", hours: INVITE_TTL_HOURS, url };
  return kind === "PASSWORD_RESET"
    ? { subject: t("resetSubject", values), text: t("resetBody", values) }
    : { subject: t("inviteSubject", values), text: t("inviteBody", values) };
}

export type InviteStatus = "valid" | "expired" | "used" | "revoked";

export interface InviteView {
  email: string;
  kind: InviteKind;
  role: Role;
  organizationName: string;
  status: InviteStatus;
  /** whether the invitee already has an account (an INVITE then only adds the membership) */
  hasAccount: boolean;
}

function statusOf(invite: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }): InviteStatus {
  if (invite.usedAt) return "used";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}

async function findInvite(tx: Tx, tokenHash: string) {
  const invite = await tx.invite.findUnique({ where: { tokenHash } });
  if (!invite) return null;
  // The token proves the organisation: work inside it from here on (row-level security).
  await tx.$executeRaw`SELECT set_config('app.organization_id', ${invite.organizationId}, true)`;
  return invite;
}

/** What the invite page shows. An unknown token is NOT_FOUND. */
export async function getInvite(token: string): Promise<InviteView> {
  const tokenHash = hashInviteToken(token);
  return withIdentity({ inviteTokenHash: tokenHash }, async (tx) => {
    const invite = await findInvite(tx, tokenHash);
    if (!invite) throw new AppError("NOT_FOUND", "This invite link is not valid.", { key: "inviteInvalid" });
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: invite.organizationId }, select: { name: true } });
    const user = await tx.user.findUnique({ where: { email: invite.email }, select: { passwordHash: true } });
    return {
      email: invite.email,
      kind: invite.kind,
      role: invite.role,
      organizationName: organization.name,
      status: statusOf(invite),
      hasAccount: Boolean(user?.passwordHash),
    };
  });
}

/**
 * Uses an invite: creates the account (or sets the new password, for a reset, ending all the user's
 * sessions), adds or reactivates the membership, and spends the link. Expired, used or revoked links are
 * refused and the attempt audited.
 */
export async function acceptInvite(
  input: { token: string; name: string; password: string },
  options: { ipHash?: string | null } = {},
): Promise<{ userId: string; organizationId: string }> {
  const tokenHash = hashInviteToken(input.token);
  const outcome = await withIdentity({ inviteTokenHash: tokenHash }, async (tx) => {
    const invite = await findInvite(tx, tokenHash);
    if (!invite) return { refused: "inviteInvalid" as const, invite: null };
    const status = statusOf(invite);
    if (status !== "valid") return { refused: status === "expired" ? ("inviteExpired" as const) : ("inviteUsed" as const), invite };

    let user = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true, passwordHash: true } });
    const changedFields: string[] = [];
    // An existing account joins with its own password: the link alone must not open someone's account.
    if (invite.kind === "INVITE" && user?.passwordHash && !(await verifyPassword(user.passwordHash, input.password))) {
      throw invalid("The password is not right for this account.", { password: ["currentPasswordWrong"] });
    }
    // An account without a password that already belongs to another group is not this group's to open.
    if (invite.kind === "INVITE" && user && !user.passwordHash) {
      const elsewhere = (await organizationsOfUser(tx, user.id, null)).some((id) => id !== invite.organizationId);
      if (elsewhere) throw invalid("This account belongs to another group: use \"Forgot password\" on the sign-in page first.", { password: ["useForgotPassword"] });
    }
    // A reset link an admin has seen opens this organisation's accounts only: if the account has since
    // joined another organisation, that admin's link must not open it.
    if (invite.kind === "PASSWORD_RESET" && !invite.emailOnly && user) {
      const elsewhere = (await organizationsOfUser(tx, user.id, null)).some((id) => id !== invite.organizationId);
      if (elsewhere) return { refused: "resetLinkShared" as const, invite };
    }
    if (invite.kind === "PASSWORD_RESET" || !user?.passwordHash) {
      assertStrongPassword(input.password, { email: invite.email });
      const passwordHash = await hashPassword(input.password);
      if (user) {
        await tx.user.update({ where: { id: user.id }, data: { passwordHash, version: { increment: 1 } } });
        changedFields.push("passwordHash");
      } else {
        user = await tx.user.create({ data: { email: invite.email, name: input.name.trim(), passwordHash }, select: { id: true, passwordHash: true } });
        changedFields.push("email", "name", "passwordHash");
      }
    }
    if (invite.kind === "PASSWORD_RESET") {
      await tx.userSession.updateMany({ where: { userId: user!.id, revokedAt: null }, data: { revokedAt: new Date() } });
    } else {
      await tx.membership.upsert({
        where: { userId_organizationId: { userId: user!.id, organizationId: invite.organizationId } },
        create: { userId: user!.id, organizationId: invite.organizationId, role: invite.role },
        update: { role: invite.role, deactivatedAt: null, version: { increment: 1 } },
      });
      changedFields.push("membership");
    }
    await tx.invite.update({ where: { id: invite.id }, data: { usedAt: new Date() } });
    await audit(tx, {
      organizationId: invite.organizationId,
      actorUserId: user!.id,
      action: invite.kind === "PASSWORD_RESET" ? "invite.passwordReset.accept" : "invite.accept",
      entityType: "Invite",
      entityId: invite.id,
      changedFields,
      ipHash: options.ipHash ?? null,
    });
    if (invite.kind === "PASSWORD_RESET") {
      // the new password opens every group of the account: each of them sees that it was set
      const others = (await organizationsOfUser(tx, user!.id, null)).filter((id) => id !== invite.organizationId);
      await auditInEach(tx, others, invite.organizationId, {
        actorUserId: user!.id,
        action: "invite.passwordReset.accept",
        entityType: "User",
        entityId: user!.id,
        changedFields,
        metadata: { resetIn: invite.organizationId },
        ipHash: options.ipHash ?? null,
      });
    }
    return { refused: null, invite, userId: user!.id };
  });

  if (outcome.refused) {
    const invite = outcome.invite;
    // The refusal is recorded on its own: nothing else happened.
    await withIdentity({ inviteTokenHash: tokenHash }, async (tx) => {
      if (invite) await tx.$executeRaw`SELECT set_config('app.organization_id', ${invite.organizationId}, true)`;
      await audit(tx, {
        organizationId: invite?.organizationId ?? null,
        actorUserId: null,
        action: "invite.refused",
        entityType: "Invite",
        entityId: invite?.id ?? null,
        metadata: { reason: outcome.refused },
        ipHash: options.ipHash ?? null,
      });
    });
    const messages = {
      inviteInvalid: "This invite link is not valid.",
      inviteExpired: "This invite link has expired. Ask your administrator for a new one.",
      inviteUsed: "This invite link has already been used. Ask your administrator for a new one.",
      resetLinkShared: 'This link no longer works: the account now belongs to another group too. Use "Forgot password" on the sign-in page.',
    } as const;
    throw new AppError(outcome.refused === "inviteInvalid" ? "NOT_FOUND" : "INVALID", messages[outcome.refused], { key: outcome.refused });
  }
  return { userId: outcome.userId!, organizationId: outcome.invite!.organizationId };
}
