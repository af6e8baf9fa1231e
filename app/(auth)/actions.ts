"use server";
// Thin server actions for signing in (password, then a second factor when it is on) and out, accepting
// invites and switching organisation.
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { assertActionOrigin, type ActionResult } from "@/lib/actions";
import { localizedErrorBody } from "@/lib/api/localize-error";
import { requestPasswordReset } from "@/lib/auth/forgot-password";
import { acceptInvite } from "@/lib/auth/invites";
import { ipHashFrom } from "@/lib/auth/request-info";
import { SESSION_COOKIE, readSessionToken, sessionCookieOptions, signSessionId } from "@/lib/auth/session-token";
import { createSession, revokeSession, switchOrganization } from "@/lib/auth/sessions";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { signIn } from "@/lib/auth/sign-in";
import { getEnv } from "@/lib/env";
import { acceptInviteSchema, forgotPasswordSchema, secondFactorSchema, signInSchema, switchOrganizationSchema } from "@/lib/validations/auth";

async function failure(error: unknown): Promise<ActionResult<never>> {
  const { body } = await localizedErrorBody(error);
  const { code, message, fieldErrors, details } = body.error;
  return { ok: false, error: { code, message, ...(fieldErrors ? { fieldErrors } : {}), ...(details ? { details } : {}) } };
}

async function setSessionCookie(sessionId: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, signSessionId(sessionId), sessionCookieOptions(getEnv().SESSION_MAX_HOURS * 3600, await headers()));
}

// Sign in with e-mail and password; on success the browser goes to the start page, or to the
// second-factor page when the account uses an authenticator app.
export async function signInAction(input: unknown): Promise<ActionResult<never>> {
  let next = "/";
  try {
    await assertActionOrigin();
    const data = signInSchema.parse(input);
    const requestHeaders = await headers();
    const session = await signIn({
      email: data.email,
      password: data.password,
      ipHash: ipHashFrom(requestHeaders),
      userAgent: requestHeaders.get("user-agent"),
    });
    await setSessionCookie(session.sessionId);
    if (session.secondFactorPending) next = "/login/two-factor";
  } catch (error) {
    return failure(error);
  }
  redirect(next);
}

// The second step: a code from the authenticator app or a recovery code. The pending session is
// replaced by a new one, so the cookie changes too.
export async function secondFactorAction(input: unknown): Promise<ActionResult<never>> {
  try {
    await assertActionOrigin();
    const data = secondFactorSchema.parse(input);
    const sessionId = readSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
    if (!sessionId) redirect("/login");
    const requestHeaders = await headers();
    const session = await completeSecondFactor({
      sessionId,
      code: data.code,
      ipHash: ipHashFrom(requestHeaders),
      userAgent: requestHeaders.get("user-agent"),
    });
    await setSessionCookie(session.sessionId);
  } catch (error) {
    unstable_rethrow(error);
    return failure(error);
  }
  redirect("/");
}

// Sign out: the session row is revoked, so the cookie is worthless even if it was copied.
export async function signOutAction(): Promise<void> {
  // another site cannot sign a member out either
  if (!(await assertActionOrigin().then(() => true, () => false))) return;
  const store = await cookies();
  const sessionId = readSessionToken(store.get(SESSION_COOKIE)?.value);
  if (sessionId) await revokeSession(sessionId, { ipHash: ipHashFrom(await headers()) });
  store.delete(SESSION_COOKIE);
  redirect("/login");
}

// "Forgot password": e-mails a new-password link when the address belongs to an account; the answer is
// the same either way.
export async function requestPasswordResetAction(input: unknown): Promise<ActionResult<null>> {
  try {
    await assertActionOrigin();
    const data = forgotPasswordSchema.parse(input);
    await requestPasswordReset({ email: data.email, ipHash: ipHashFrom(await headers()) });
    return { ok: true, data: null };
  } catch (error) {
    return failure(error);
  }
}

// Use an invite or password-reset link, then sign in straight away.
export async function acceptInviteAction(input: unknown): Promise<ActionResult<never>> {
  try {
    await assertActionOrigin();
    const data = acceptInviteSchema.parse(input);
    const requestHeaders = await headers();
    const ipHash = ipHashFrom(requestHeaders);
    const accepted = await acceptInvite({ token: data.token, name: data.name, password: data.password }, { ipHash });
    const session = await createSession({
      userId: accepted.userId,
      organizationId: accepted.organizationId,
      userAgent: requestHeaders.get("user-agent"),
      // a new password was just set; an account with two-factor sign-in still owes its code
      reauthenticated: true,
    });
    await setSessionCookie(session.sessionId);
  } catch (error) {
    return failure(error);
  }
  redirect("/");
}

// Switch the session to another of the user's organisations.
export async function switchOrganizationAction(input: unknown): Promise<ActionResult<never>> {
  try {
    await assertActionOrigin();
    const data = switchOrganizationSchema.parse(input);
    const sessionId = readSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
    if (!sessionId) redirect("/login");
    await switchOrganization(sessionId, data.organizationId, { ipHash: ipHashFrom(await headers()) });
  } catch (error) {
    unstable_rethrow(error);
    return failure(error);
  }
  redirect("/");
}
