// UserSession rows: created at sign-in, checked on every request, revoked at sign-out.
import "server-only";
import type { Ctx } from "../authz";
import { audit } from "../audit";
import { withIdentity } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";

const TOUCH_INTERVAL_MS = 60_000;

export interface SessionState {
  sessionId: string;
  ctx: Ctx;
  user: { id: string; name: string; email: string };
  organizations: { id: string; name: string; role: Role }[];
}

/** Opens a session for a user who has just proved who they are, in their first active organisation. */
export async function createSession(input: { userId: string; userAgent?: string | null; organizationId?: string | null }) {
  const env = getEnv();
  const expiresAt = new Date(Date.now() + env.SESSION_MAX_HOURS * 3_600_000);
  return withIdentity({ userId: input.userId }, async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { userId: input.userId, deactivatedAt: null },
      orderBy: { createdAt: "asc" },
      select: { organizationId: true },
    });
    const organizationId =
      memberships.find((m) => m.organizationId === input.organizationId)?.organizationId ?? memberships[0]?.organizationId ?? null;
    const session = await tx.userSession.create({
      data: { userId: input.userId, organizationId, expiresAt, userAgent: input.userAgent?.slice(0, 300) ?? null },
      select: { id: true, expiresAt: true },
    });
    return { sessionId: session.id, organizationId, expiresAt: session.expiresAt };
  });
}

/**
 * Loads a session and everything a request needs from the database: the session must be neither
 * revoked, idle too long nor past its lifetime; the user not disabled; the membership of the session's
 * organisation active. The role comes from the membership row, so changes act on the next request.
 */
export async function loadSession(sessionId: string, options: { ipHash?: string | null } = {}): Promise<SessionState | null> {
  const env = getEnv();
  const now = Date.now();
  return withIdentity({}, async (tx) => {
    const session = await tx.userSession.findUnique({
      where: { id: sessionId },
      include: { user: { select: { id: true, name: true, email: true, disabledAt: true } } },
    });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= now || session.user.disabledAt) return null;
    if (session.lastSeenAt.getTime() + env.SESSION_IDLE_MINUTES * 60_000 <= now) {
      await tx.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date(now) } });
      return null;
    }
    // Memberships are visible to their own user only: say who we are inside this transaction.
    await tx.$executeRaw`SELECT set_config('app.user_id', ${session.userId}, true)`;
    const memberships = await tx.membership.findMany({
      where: { userId: session.userId, deactivatedAt: null },
      include: { organization: { select: { id: true, name: true } } },
      orderBy: { createdAt: "asc" },
    });
    const current = memberships.find((m) => m.organizationId === session.organizationId);
    if (!current) return null;
    if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await tx.userSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
    }
    return {
      sessionId: session.id,
      ctx: { userId: session.userId, organizationId: current.organizationId, role: current.role, ipHash: options.ipHash ?? null },
      user: { id: session.user.id, name: session.user.name, email: session.user.email },
      organizations: memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, role: m.role })),
    };
  });
}

/** Ends one session (sign-out). Harmless when it is already gone. */
export async function revokeSession(sessionId: string, options: { ipHash?: string | null } = {}): Promise<void> {
  await withIdentity({}, async (tx) => {
    const session = await tx.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, organizationId: true, revokedAt: true } });
    if (!session || session.revokedAt) return;
    await tx.userSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await audit(tx, {
      organizationId: null,
      actorUserId: session.userId,
      action: "auth.signout",
      entityType: "UserSession",
      entityId: sessionId,
      ipHash: options.ipHash ?? null,
    });
  });
}

/** Ends every session of a user (password change, admin "sign out everywhere", deactivation). */
export async function revokeAllSessions(userId: string, options: { exceptSessionId?: string } = {}): Promise<number> {
  return withIdentity({ userId }, async (tx) => {
    const result = await tx.userSession.updateMany({
      where: { userId, revokedAt: null, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    return result.count;
  });
}

/**
 * Moves a session to another organisation of the same user. An organisation the user is not an active
 * member of is refused as not found, and the attempt is audited.
 */
export async function switchOrganization(sessionId: string, organizationId: string, options: { ipHash?: string | null } = {}) {
  const result = await withIdentity({}, async (tx) => {
    const session = await tx.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, organizationId: true, revokedAt: true } });
    if (!session || session.revokedAt) return { ok: false as const, userId: null };
    await tx.$executeRaw`SELECT set_config('app.user_id', ${session.userId}, true)`;
    const membership = /^[0-9a-f-]{36}$/i.test(organizationId)
      ? await tx.membership.findFirst({ where: { userId: session.userId, organizationId, deactivatedAt: null }, select: { id: true } })
      : null;
    if (!membership) return { ok: false as const, userId: session.userId };
    await tx.userSession.update({ where: { id: sessionId }, data: { organizationId } });
    await audit(tx, {
      organizationId: null,
      actorUserId: session.userId,
      action: "auth.organization.switch",
      entityType: "Organization",
      entityId: organizationId,
      metadata: { from: session.organizationId },
      ipHash: options.ipHash ?? null,
    });
    return { ok: true as const, userId: session.userId };
  });
  if (!result.ok) {
    // Recorded in its own transaction: the refusal must stay on record even though nothing changed.
    await withIdentity({}, (tx) =>
      audit(tx, {
        organizationId: null,
        actorUserId: result.userId,
        action: "auth.organization.switch.refused",
        entityType: "Organization",
        entityId: organizationId.slice(0, 64),
        ipHash: options.ipHash ?? null,
      }),
    );
    throw new AppError("NOT_FOUND", "That organisation was not found among yours.", { key: "organizationNotFound" });
  }
}
