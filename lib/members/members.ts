// The organisation's members: list, change role, deactivate, reactivate. Changes act on the member's
// next request, because every request reads the membership (lib/auth/sessions.ts).
import "server-only";
import { audit } from "../audit";
import { endSessionsInOrganization } from "../auth/sessions";
import { authorize, type Ctx, membershipScope, inviteScope } from "../authz";
import { withTenant, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { staleVersion } from "../service-kit";

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  version: number;
  lastSignInAt: Date | null;
}

export interface PendingInvite {
  id: string;
  email: string;
  role: Role;
  kind: "INVITE" | "PASSWORD_RESET";
  expiresAt: Date;
}

export async function findMembers(ctx: Ctx): Promise<{ members: MemberRow[]; invites: PendingInvite[] }> {
  authorize(ctx, "users.manage");
  return withTenant(ctx, async (tx) => {
    const rows = await tx.membership.findMany({
      where: membershipScope(ctx),
      include: { user: { select: { name: true, email: true, lastSignInAt: true } } },
      orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { user: { name: "asc" } }],
    });
    const invites = await tx.invite.findMany({
      where: { ...inviteScope(ctx, { pending: true }), expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, kind: true, expiresAt: true },
      orderBy: { createdAt: "desc" },
    });
    return {
      members: rows.map((m) => ({
        membershipId: m.id,
        userId: m.userId,
        name: m.user.name,
        email: m.user.email,
        role: m.role,
        active: m.deactivatedAt === null,
        version: m.version,
        lastSignInAt: m.user.lastSignInAt,
      })),
      invites,
    };
  });
}

async function loadMembership(tx: Tx, ctx: Ctx, membershipId: string) {
  const membership = await tx.membership.findFirst({ where: { ...membershipScope(ctx), id: membershipId } });
  if (!membership) throw notFound("member");
  return membership;
}

/** The organisation must keep at least one active admin. */
async function assertAnotherAdmin(tx: Tx, ctx: Ctx, membershipId: string) {
  const others = await tx.membership.count({
    where: { ...membershipScope(ctx, { active: true }), role: "ADMIN", id: { not: membershipId } },
  });
  if (others === 0) throw new AppError("CONFLICT", "The group must keep at least one active administrator.", { key: "lastAdmin" });
}

async function updateMembership(
  tx: Tx,
  ctx: Ctx,
  current: { id: string; version: number },
  expectedVersion: number,
  data: { role?: Role; deactivatedAt?: Date | null },
) {
  const result = await tx.membership.updateMany({
    where: { ...membershipScope(ctx), id: current.id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (result.count === 0) throw staleVersion("member", { ...current });
}

export async function changeMemberRole(ctx: Ctx, input: { membershipId: string; version: number; role: Role }): Promise<void> {
  authorize(ctx, "users.manage");
  await withTenant(ctx, async (tx) => {
    const membership = await loadMembership(tx, ctx, input.membershipId);
    if (membership.role === input.role) return;
    if (membership.role === "ADMIN" && membership.deactivatedAt === null) await assertAnotherAdmin(tx, ctx, membership.id);
    await updateMembership(tx, ctx, membership, input.version, { role: input.role });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "membership.roleChange",
      entityType: "Membership",
      entityId: membership.id,
      changedFields: ["role"],
      metadata: { from: membership.role, to: input.role },
      ipHash: ctx.ipHash ?? null,
    });
  });
}

export async function deactivateMember(ctx: Ctx, input: { membershipId: string; version: number }): Promise<void> {
  authorize(ctx, "users.manage");
  await withTenant(ctx, async (tx) => {
    const membership = await loadMembership(tx, ctx, input.membershipId);
    if (membership.deactivatedAt) return;
    if (membership.role === "ADMIN") await assertAnotherAdmin(tx, ctx, membership.id);
    await updateMembership(tx, ctx, membership, input.version, { deactivatedAt: new Date() });
    // their sessions in this organisation end now, and older sessions elsewhere cannot switch back in
    // after a reactivation; their sessions in other organisations go on
    await endSessionsInOrganization(tx, membership, ctx.organizationId);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "membership.deactivate",
      entityType: "Membership",
      entityId: membership.id,
      changedFields: ["deactivatedAt"],
      ipHash: ctx.ipHash ?? null,
    });
  });
}

export async function reactivateMember(ctx: Ctx, input: { membershipId: string; version: number }): Promise<void> {
  authorize(ctx, "users.manage");
  await withTenant(ctx, async (tx) => {
    const membership = await loadMembership(tx, ctx, input.membershipId);
    if (!membership.deactivatedAt) return;
    await updateMembership(tx, ctx, membership, input.version, { deactivatedAt: null });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "membership.reactivate",
      entityType: "Membership",
      entityId: membership.id,
      changedFields: ["deactivatedAt"],
      ipHash: ctx.ipHash ?? null,
    });
  });
}
