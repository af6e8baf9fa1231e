// UserSession rows: created at sign-in, checked on every request, revoked at sign-out.
import "server-only";
import type { Ctx, Tenant } from "../authz";
import { authorize, membershipScope, userSessionScope } from "../authz";
import { audit } from "../audit";
import { withIdentity, withSessionRead, withTenant, type SessionRead, type Tx } from "../db";
import { getEnv } from "../env";
import { AppError, notFound } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { isLocale, type Locale } from "../i18n/config";
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
  /** the language to show when this browser has chosen none: the member's saved choice, else the organisation's default */
  preferredLocale: Locale | null;
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

/** `app_session_state`'s answer: the session with its user and live memberships, instants as epoch milliseconds. */
interface SessionStateJson {
  id: string;
  userId: string;
  organizationId: string | null;
  secondFactorDone: boolean;
  revokedAt: number | null;
  expiresAt: number;
  lastSeenAt: number;
  createdAt: number;
  reauthenticatedAt: number | null;
  userName: string;
  userEmail: string;
  userDisabledAt: number | null;
  userTotpEnabledAt: number | null;
  userLocale: string | null;
  memberships: { organizationId: string; role: Role; sessionsEndedAt: number | null; organizationName: string; require2fa: boolean; defaultLocale: string }[];
}

/**
 * An organisation that ended this member's sessions (an admin's "end sessions", a deactivation) is closed
 * to every session opened before then: this one may neither act in it nor switch into it.
 */
function sessionMayActIn(membership: { sessionsEndedAt: Date | null }, session: { createdAt: Date }): boolean {
  return !membership.sessionsEndedAt || session.createdAt.getTime() > membership.sessionsEndedAt.getTime();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a session check decided: the state (or null, refused) and the one write it may need (an idle
 * session revoked, or lastSeenAt moved on at most once a minute), done after the read.
 */
interface SessionDecision {
  state: SessionState | null;
  write: { userId: string; data: { revokedAt: Date } | { lastSeenAt: Date } } | null;
}

function decideSession(row: SessionStateJson | null, now: number, options: { ipHash?: string | null }): SessionDecision {
  const env = getEnv();
  const refused = { state: null, write: null };
  if (!row || row.revokedAt !== null || row.expiresAt <= now || row.userDisabledAt !== null) return refused;
  if (row.lastSeenAt + env.SESSION_IDLE_MINUTES * 60_000 <= now) {
    return { state: null, write: { userId: row.userId, data: { revokedAt: new Date(now) } } };
  }
  const createdAt = new Date(row.createdAt);
  const memberships = row.memberships.filter((m) =>
    sessionMayActIn({ sessionsEndedAt: m.sessionsEndedAt === null ? null : new Date(m.sessionsEndedAt) }, { createdAt }),
  );
  const current = memberships.find((m) => m.organizationId === row.organizationId);
  if (!current) return refused;
  const write = now - row.lastSeenAt >= TOUCH_INTERVAL_MS ? { userId: row.userId, data: { lastSeenAt: new Date(now) } } : null;
  const twoFactorEnabled = row.userTotpEnabledAt !== null;
  if (twoFactorEnabled && !row.secondFactorDone && row.createdAt + SECOND_FACTOR_WAIT_MINUTES * 60_000 <= now) return { state: null, write };
  // Decided per organisation at every request: the same person may be an admin here and a volunteer there.
  const stage: SessionStage =
    twoFactorEnabled && !row.secondFactorDone
      ? "secondFactor"
      : !twoFactorEnabled && secondFactorRequired(current.role, current.require2fa)
        ? "enrolment"
        : "active";
  return {
    state: {
      sessionId: row.id,
      stage,
      ctx: { userId: row.userId, organizationId: current.organizationId, role: current.role, ipHash: options.ipHash ?? null },
      user: { id: row.userId, name: row.userName, email: row.userEmail, twoFactorEnabled },
      organizations: memberships.map((m) => ({ id: m.organizationId, name: m.organizationName, role: m.role })),
      twoFactorRequired: memberships.some((m) => secondFactorRequired(m.role, m.require2fa)),
      reauthenticatedAt: row.reauthenticatedAt === null ? null : new Date(row.reauthenticatedAt),
      preferredLocale: isLocale(row.userLocale) ? row.userLocale : isLocale(current.defaultLocale) ? current.defaultLocale : null,
    },
    write,
  };
}

/** The session check's write, in its own short transaction: rare (an idle session, once a minute a touch). */
async function applySessionWrite(sessionId: string, write: NonNullable<SessionDecision["write"]>): Promise<void> {
  await withIdentity({ userId: write.userId }, (tx) => tx.userSession.update({ where: { id: sessionId }, data: write.data }));
}

/**
 * Checks `sessionId` in the read transaction `session` opened (see withSessionRead): the decision, then
 * its write when one is due, before anything else runs.
 */
async function checkSessionRead(sessionId: string, session: SessionRead, options: { ipHash?: string | null }): Promise<SessionState | null> {
  const decision = decideSession(session.state as SessionStateJson | null, Date.now(), options);
  if (decision.write) await applySessionWrite(sessionId, decision.write);
  return decision.state;
}

/**
 * Loads a session in whatever stage it is: it must be neither revoked, idle too long nor past its
 * lifetime; the user not disabled; the membership of the session's organisation active. The role comes
 * from the membership row, so changes act on the next request. Only the sign-in and account-security
 * pages use this directly; everything else goes through `loadSession`.
 */
export async function inspectSession(sessionId: string, options: { ipHash?: string | null } = {}): Promise<SessionState | null> {
  // Checked on every request, so one round trip (BEGIN, the identity and app_session_state together)
  // and the COMMIT; an id that is not a UUID names no session.
  if (!UUID.test(sessionId)) return null;
  return withSessionRead(sessionId, (session) => checkSessionRead(sessionId, session, options));
}

/**
 * Runs `work` for a fully signed-in session inside the session check's own read transaction, which
 * `withTenantRead` then reuses for the session's organisation: an API read is BEGIN with the check, the
 * work, COMMIT. `work` gets null when there is no such session (or it still owes its second factor);
 * a session that must first set up two-factor sign-in is refused as in loadSession.
 */
export async function withLoadedSession<T>(
  sessionId: string,
  options: { ipHash?: string | null },
  work: (session: SessionState | null) => Promise<T>,
): Promise<T> {
  if (!UUID.test(sessionId)) return work(null);
  return withSessionRead(sessionId, async (read) => {
    const session = await checkSessionRead(sessionId, read, options);
    if (!session || session.stage === "secondFactor") return work(null);
    if (session.stage === "enrolment") throw enrolmentRequired();
    return read.actAs({ organizationId: session.ctx.organizationId, userId: session.ctx.userId }, () => work(session));
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
