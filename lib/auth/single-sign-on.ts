// Signing in through the group's OpenID Connect provider. It only ever lets in people who already are
// active members here: found by the provider account they linked from their account page, or else by
// an e-mail address the provider says it has verified. It never creates a user or a membership.
// Two-factor sign-in applies afterwards exactly as after a password.
import "server-only";
import { audit } from "../audit";
import { withIdentity } from "../db";
import { AppError } from "../errors";
import { createSession, inspectSession, recentlyReauthenticated } from "./sessions";
import { completeSignIn, recordAttempt, signInEmailHash } from "./sign-in";

export type SingleSignOnRefusal = "ssoEmailUnverified" | "ssoNotMember" | "ssoAccountDisabled";

export interface ProviderIdentity {
  issuer: string;
  /** the provider's `sub` for this person */
  subject: string;
  email: string | null | undefined;
  /** the provider's `email_verified` claim */
  emailVerified: boolean;
}

/**
 * Opens a session for the member the provider vouched for, or says why not. The session is pending
 * (`secondFactorPending`) when the member uses an authenticator app: the code page comes next.
 */
export async function signInWithProvider(
  identity: ProviderIdentity,
  request: { ipHash: string; userAgent?: string | null },
): Promise<{ ok: true; sessionId: string; secondFactorPending: boolean } | { ok: false; reason: SingleSignOnRefusal }> {
  const email = identity.email?.trim().toLowerCase() ?? "";
  const emailHash = signInEmailHash(email || `${identity.issuer} ${identity.subject}`);
  const refuse = async (reason: SingleSignOnRefusal, userId: string | null) => {
    await recordAttempt({ emailHash, ipHash: request.ipHash, success: false, userId, action: "auth.sso.refused", reason });
    return { ok: false as const, reason };
  };

  const user = await withIdentity({}, async (tx) => {
    const linked = await tx.userIdentity.findUnique({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      select: { user: { select: { id: true, disabledAt: true } } },
    });
    if (linked) return linked.user;
    // An address the provider has not checked could be anyone's: matching on it would let a stranger in.
    if (!email || !identity.emailVerified) return "unverified" as const;
    return tx.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
  });
  if (user === "unverified") return refuse("ssoEmailUnverified", null);
  if (!user) return refuse("ssoNotMember", null);
  if (user.disabledAt) return refuse("ssoAccountDisabled", user.id);

  // Not a re-authentication: sensitive changes still ask for the password here.
  const session = await createSession({ userId: user.id, userAgent: request.userAgent });
  if (!session.organizationId) {
    await withIdentity({}, (tx) => tx.userSession.update({ where: { id: session.sessionId }, data: { revokedAt: new Date() } }));
    return refuse("ssoNotMember", user.id);
  }
  if (!session.secondFactorPending) {
    await completeSignIn({ userId: user.id, organizationId: session.organizationId, sessionId: session.sessionId, emailHash, ipHash: request.ipHash });
  }
  return { ok: true, sessionId: session.sessionId, secondFactorPending: session.secondFactorPending };
}

export type LinkOutcome = "linked" | "ssoAlreadyLinked" | "sessionGone";

/**
 * Links the provider account just used to the user of a live session that re-authenticated in the last
 * few minutes (a new way in is a sensitive change). One provider account belongs to one user.
 */
export async function linkProviderAccount(sessionId: string, identity: Pick<ProviderIdentity, "issuer" | "subject">, options: { ipHash: string }): Promise<LinkOutcome> {
  const session = await inspectSession(sessionId, { ipHash: options.ipHash });
  if (!session || session.stage !== "active" || !recentlyReauthenticated(session)) return "sessionGone";
  const userId = session.user.id;
  return withIdentity({ userId }, async (tx) => {
    const existing = await tx.userIdentity.findUnique({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      select: { userId: true },
    });
    if (existing && existing.userId !== userId) {
      await audit(tx, { organizationId: null, actorUserId: userId, action: "auth.sso.link.refused", entityType: "User", entityId: userId, ipHash: options.ipHash });
      return "ssoAlreadyLinked" as const;
    }
    if (!existing) {
      const row = await tx.userIdentity.create({ data: { userId, issuer: identity.issuer, subject: identity.subject }, select: { id: true } });
      await audit(tx, { organizationId: null, actorUserId: userId, action: "auth.sso.linked", entityType: "UserIdentity", entityId: row.id, ipHash: options.ipHash });
    }
    return "linked" as const;
  });
}

/** Whether the user has linked an account at this provider (for the account page). */
export async function hasLinkedProviderAccount(userId: string, issuer: string): Promise<boolean> {
  return withIdentity({ userId }, async (tx) => (await tx.userIdentity.count({ where: { userId, issuer } })) > 0);
}

/** The first step of linking: only a fully signed-in session that re-authenticated recently. */
export async function assertMayLinkProviderAccount(sessionId: string, options: { ipHash: string }): Promise<void> {
  const session = await inspectSession(sessionId, { ipHash: options.ipHash });
  if (!session || session.stage !== "active") throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
  if (!recentlyReauthenticated(session)) {
    throw new AppError("FORBIDDEN", "Confirm it is you: enter your password again (and a code if you use two-factor sign-in).", {
      key: "reauthRequired",
      values: { minutes: 10 },
      details: { reauthRequired: true },
    });
  }
}
