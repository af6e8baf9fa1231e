// Signing in through the group's OpenID Connect provider. It only ever lets in people who already are
// active members here, found by an e-mail address the provider says it has verified; it never creates a
// user or a membership. Two-factor sign-in applies afterwards exactly as after a password.
import "server-only";
import { withIdentity } from "../db";
import { createSession } from "./sessions";
import { completeSignIn, recordAttempt, signInEmailHash } from "./sign-in";

export type SingleSignOnRefusal = "ssoEmailUnverified" | "ssoNotMember" | "ssoAccountDisabled";

export interface ProviderIdentity {
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
  const emailHash = signInEmailHash(email);
  const refuse = async (reason: SingleSignOnRefusal, userId: string | null) => {
    await recordAttempt({ emailHash, ipHash: request.ipHash, success: false, userId, action: "auth.sso.refused", reason });
    return { ok: false as const, reason };
  };
  // An address the provider has not checked could be anyone's: matching on it would let a stranger in.
  if (!email || !identity.emailVerified) return refuse("ssoEmailUnverified", null);

  const user = await withIdentity({}, (tx) => tx.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } }));
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
