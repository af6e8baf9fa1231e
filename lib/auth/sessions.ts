// UserSession rows: created at sign-in, checked on every request, revoked at sign-out.
import "server-only";
import type { Ctx, Tenant } from "../authz";
import { authorize, membershipScope, userSessionScope } from "../authz";
import { audit } from "../audit";
import { withIdentity, withTenant, type Tx } from "../db";
import { getEnv } from "../env";
import { AppError, notFound } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { secondFactorRequired } from "./two-factor/policy";

const TOUCH_INTERVAL_MS = 60_000;
/** A password-only session waiting for its code does not wait long. */
export const SECOND_FACTOR_WAIT_MINUTES = 10;
/** How long a re-authentication (password, plus a code when two-factor is on) lets sensitive changes through. */
export const REAUTH_WINDOW_MINUTES = 10;

/**
 * Where a live session stands:
 * - `active`: good for everything its role allows;
 * - `secondFactor`: the password was right but the authenticator code is still owed; good for nothing
 *   except the second-factor page;
 * - `enrolment`: the organisation requires two-factor sign-in for this role and the user has not set it
 *   up; good only for the page where they set it up.
 */
export type SessionStage = "active" | "secondFactor" | "enrolment";

export interface SessionState {
  sessionId: string;
  stage: SessionStage;
  ctx: Ctx;
  user: { id: string; name: string; email: string; twoFactorEnabled: boolean };
  organizations: { id: string; name: string; role: Role }[];
  /** true when two-factor sign-in is required of the user in at least one of their organisations */
  twoFactorRequired: boolean;
  reauthenticatedAt: Date | null;
}

/**
 * Opens a session for a user who has just given a right password. When the user has two-factor sign-in
 * on and has not yet given a code (`secondFactorDone` false), the session is pending until they do.
 */
export async function createSession(input: {
  userId: string;
  userAgent?: string | null;
  organizationId?: string | null;
  secondFactorDone?: boolean;
  reauthenticated?: boolean;
}) {
  const env = getEnv();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + env.SESSION_MAX_HOURS * 3_600_000);
  return withIdentity({ userId: input.userId }, async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { totpEnabledAt: true } });
    const memberships = await tx.membership.findMany({
      where: { userId: input.userId, deactivatedAt: null },
      orderBy: { createdAt: "asc" },
      select: { organizationId: true },
    });
    const organizationId =
      memberships.find((m) => m.organizationId === input.organizationId)?.organizationId ?? memberships[0]?.organizationId ?? null;
    // Without two-factor sign-in there is no second step to wait for.
    const secondFactorDone = user.totpEnabledAt ? (input.secondFactorDone ?? false) : true;
    const session = await tx.userSession.create({
      data: {
        userId: input.userId,
        organizationId,
        expiresAt,
        secondFactorDone,
        reauthenticatedAt: input.reauthenticated && secondFactorDone ? now : null,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true, expiresAt: true },
    });
    return { sessionId: session.id, organizationId, expiresAt: session.expiresAt, secondFactorPending: !secondFactorDone };
  });
}

/**
 * An organisation that ended this member's sessions (an admin's "end sessions", a deactivation) is closed
 * to every session opened before then: this one may neither act in it nor switch into it.
 */
interface SessionRow {
  id: string;
  userId: string;
  organizationId: string | null;
  secondFactorDone: boolean;
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt: Date;
  createdAt: Date;
  reauthenticatedAt: Date | null;
  userName: string;
  userEmail: string;
  userDisabledAt: Date | null;
  userTotpEnabledAt: Date | null;
}

interface MembershipRow {
  organizationId: string;
  role: Role;
  sessionsEndedAt: Date | null;
  organizationName: string;
  require2fa: boolean;
}

function sessionMayActIn(membership: { sessionsEndedAt: Date | null }, session: { createdAt: Date }): boolean {
  return !membership.sessionsEndedAt || session.createdAt.getTime() > membership.sessionsEndedAt.getTime();
}

/**
 * Loads a session in whatever stage it is: it must be neither revoked, idle too long nor past its
 * lifetime; the user not disabled; the membership of the session's organisation active. The role comes
 * from the membership row, so changes act on the next request. Only the sign-in and account-security
 * pages use this directly; everything else goes through `loadSession`.
 */
export async function inspectSession(sessionId: string, options: { ipHash?: string | null } = {}): Promise<SessionState | null> {
  const env = getEnv();
  const now = Date.now();
  // Checked on every request, so two statements instead of Prisma's six: the session with its user (the
  // same statement says who we are, for the memberships' row-level security), then the memberships with
  // their organisations.
  return withIdentity({}, async (tx) => {
    const [session] = await tx.$queryRaw<SessionRow[]>`
      SELECT s.id, s."userId", s."organizationId", s."secondFactorDone", s."revokedAt", s."expiresAt", s."lastSeenAt",
             s."createdAt", s."reauthenticatedAt", u.name AS "userName", u.email AS "userEmail", u."disabledAt" AS "userDisabledAt",
             u."totpEnabledAt" AS "userTotpEnabledAt", set_config('app.user_id', s."userId"::text, true) AS "actingAs"
        FROM user_sessions s JOIN users u ON u.id = s."userId"
       WHERE s.id = ${sessionId}::uuid`;
    if (!session || session.revokedAt || session.expiresAt.getTime() <= now || session.userDisabledAt) return null;
    if (session.lastSeenAt.getTime() + env.SESSION_IDLE_MINUTES * 60_000 <= now) {
      await tx.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date(now) } });
      return null;
    }
    const memberships = (
      await tx.$queryRaw<MembershipRow[]>`
        SELECT m."organizationId", m.role::text AS role, m."sessionsEndedAt", o.name AS "organizationName", o."require2fa"
          FROM memberships m JOIN organizations o ON o.id = m."organizationId"
         WHERE m."userId" = ${session.userId}::uuid AND m."deactivatedAt" IS NULL
         ORDER BY m."createdAt"`
    ).filter((m) => sessionMayActIn(m, session));
    const current = memberships.find((m) => m.organizationId === session.organizationId);
    if (!current) return null;
    if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await tx.userSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
    }
    const twoFactorEnabled = Boolean(session.userTotpEnabledAt);
    if (twoFactorEnabled && !session.secondFactorDone && session.createdAt.getTime() + SECOND_FACTOR_WAIT_MINUTES * 60_000 <= now) return null;
    // Decided per organisation at every request: the same person may be an admin here and a volunteer there.
    const stage: SessionStage =
      twoFactorEnabled && !session.secondFactorDone
        ? "secondFactor"
        : !twoFactorEnabled && secondFactorRequired(current.role, current.require2fa)
          ? "enrolment"
          : "active";
    return {
      sessionId: session.id,
      stage,
      ctx: { userId: session.userId, organizationId: current.organizationId, role: current.role, ipHash: options.ipHash ?? null },
      user: { id: session.userId, name: session.userName, email: session.userEmail, twoFactorEnabled },
      organizations: memberships.map((m) => ({ id: m.organizationId, name: m.organizationName, role: m.role })),
      twoFactorRequired: memberships.some((m) => secondFactorRequired(m.role, m.require2fa)),
      reauthenticatedAt: session.reauthenticatedAt,
    };
  });
}

/**
 * The session for pages, server actions and the API: only a fully signed-in session counts. A session
 * still owing its second factor is treated as no session at all (401); a session whose user must first
 * set up two-factor sign-in is refused with FORBIDDEN `twoFactorEnrolmentRequired` (403).
 */
export async function loadSession(sessionId: string, options: { ipHash?: string | null } = {}): Promise<SessionState | null> {
  const session = await inspectSession(sessionId, options);
  if (!session || session.stage === "secondFactor") return null;
  if (session.stage === "enrolment") throw enrolmentRequired();
  return session;
}

export const enrolmentRequired = () =>
  new AppError("FORBIDDEN", "Your group requires two-factor sign-in: set it up on your account page first.", {
    key: "twoFactorEnrolmentRequired",
  });

/** Whether the session re-authenticated recently enough for a sensitive change (what the pages show). */
export function recentlyReauthenticated(session: Pick<SessionState, "reauthenticatedAt">, now: number = Date.now()): boolean {
  return Boolean(session.reauthenticatedAt && session.reauthenticatedAt.getTime() >= now - REAUTH_WINDOW_MINUTES * 60_000);
}

/** Refuses a sensitive change unless the session re-authenticated within the last few minutes. */
export async function assertRecentReauthentication(sessionId: string, userId: string): Promise<void> {
  const session = await withIdentity({ userId }, (tx) =>
    tx.userSession.findFirst({ where: { id: sessionId, userId, revokedAt: null }, select: { reauthenticatedAt: true } }),
  );
  const since = Date.now() - REAUTH_WINDOW_MINUTES * 60_000;
  if (!session?.reauthenticatedAt || session.reauthenticatedAt.getTime() < since) {
    throw new AppError("FORBIDDEN", "Confirm it is you: enter your password again (and a code if you use two-factor sign-in).", {
      key: "reauthRequired",
      values: { minutes: REAUTH_WINDOW_MINUTES },
      details: { reauthRequired: true },
    });
  }
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

export interface ActiveSession {
  id: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The user's own live sessions, newest first, for the account page. */
export async function findOwnSessions(session: Pick<SessionState, "sessionId" | "ctx">): Promise<ActiveSession[]> {
  const env = getEnv();
  const idleSince = new Date(Date.now() - env.SESSION_IDLE_MINUTES * 60_000);
  const rows = await withIdentity({ userId: session.ctx.userId }, (tx) =>
    tx.userSession.findMany({
      where: { userId: session.ctx.userId, revokedAt: null, expiresAt: { gt: new Date() }, lastSeenAt: { gt: idleSince } },
      select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true },
      orderBy: { lastSeenAt: "desc" },
      take: 50,
    }),
  );
  return rows.map((row) => ({ ...row, current: row.id === session.sessionId }));
}

/**
 * "Sign out everywhere": ends the user's sessions on every device — all of them, this one included
 * (`scope: "all"`), or all but this one (`scope: "others"`).
 */
export async function signOutEverywhere(session: Pick<SessionState, "sessionId" | "ctx">, scope: "all" | "others"): Promise<number> {
  const { ctx } = session;
  return withTenant(ctx, async (tx) => {
    const result = await tx.userSession.updateMany({
      where: { userId: ctx.userId, revokedAt: null, ...(scope === "others" ? { id: { not: session.sessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "auth.sessions.ended",
      entityType: "User",
      entityId: ctx.userId,
      metadata: { by: "self", scope, count: result.count },
      ipHash: ctx.ipHash ?? null,
    });
    return result.count;
  });
}

/**
 * An admin ends a member's access to their organisation through every session open now (a lost phone, a
 * shared computer). Sessions now in this organisation are revoked; sessions in the member's other
 * organisations keep working but can no longer switch into this one. The member stays a member and may
 * sign in again; a member of another organisation is simply not found.
 */
export async function endMemberSessions(ctx: Ctx, input: { membershipId: string }): Promise<number> {
  authorize(ctx, "users.manage");
  return withTenant(ctx, async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { ...membershipScope(ctx), id: input.membershipId },
      select: { id: true, userId: true },
    });
    if (!membership) throw notFound("member");
    const result = await endSessionsInOrganization(tx, membership, ctx.organizationId);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "auth.sessions.ended",
      entityType: "Membership",
      entityId: membership.id,
      metadata: { by: "admin", scope: "all", count: result.count },
      ipHash: ctx.ipHash ?? null,
    });
    return result.count;
  });
}

/**
 * Ends a member's sessions in one organisation only: revokes those whose current organisation it is and
 * closes it to the member's older sessions elsewhere (see sessionMayActIn).
 */
export async function endSessionsInOrganization(tx: Tx, membership: { id: string; userId: string }, organizationId: string): Promise<{ count: number }> {
  const now = new Date();
  const tenant: Tenant = { organizationId };
  await tx.membership.update({ where: { id: membership.id }, data: { sessionsEndedAt: now } });
  return tx.userSession.updateMany({
    where: { ...userSessionScope(tenant), userId: membership.userId, revokedAt: null },
    data: { revokedAt: now },
  });
}

/**
 * Moves a session to another organisation of the same user. An organisation the user is not an active
 * member of is refused as not found, and the attempt is audited.
 */
export async function switchOrganization(sessionId: string, organizationId: string, options: { ipHash?: string | null } = {}) {
  const result = await withIdentity({}, async (tx) => {
    const session = await tx.userSession.findUnique({
      where: { id: sessionId },
      select: { userId: true, organizationId: true, revokedAt: true, createdAt: true },
    });
    if (!session || session.revokedAt) return { ok: false as const, userId: null };
    await tx.$executeRaw`SELECT set_config('app.user_id', ${session.userId}, true)`;
    // there is no member context yet: the organisation asked for is the tenant the membership must be in
    const target: Tenant = { organizationId };
    const membership = /^[0-9a-f-]{36}$/i.test(organizationId)
      ? await tx.membership.findFirst({ where: { ...membershipScope(target, { active: true }), userId: session.userId }, select: { id: true, sessionsEndedAt: true } })
      : null;
    if (!membership || !sessionMayActIn(membership, session)) return { ok: false as const, userId: session.userId };
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
