"use server";
// Thin server actions of the sign-in pages: accepting invites, switching organisation and choosing the
// interface language (also offered before sign-in). Signing in
// (password, then a code when two-factor sign-in is on) and out goes through next-auth's routes
// (app/api/auth/[...nextauth]).
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { assertActionOrigin, type ActionResult } from "@/lib/actions";
import { localizedErrorBody } from "@/lib/api/localize-error";
import { SESSION_COOKIE, sessionCookieOptions, sessionCookieValue, sessionMaxAgeSeconds } from "@/lib/auth/cookies";
import { requestPasswordReset } from "@/lib/auth/forgot-password";
import { acceptInvite } from "@/lib/auth/invites";
import { ipHashFrom } from "@/lib/auth/request-info";
import { createSession, switchOrganization } from "@/lib/auth/sessions";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { setLocaleSchema } from "@/lib/i18n/schema";
import { currentSessionId, getCtx } from "@/lib/auth/context";
import { setUserLocale } from "@/lib/users/set-locale";
import { acceptInviteSchema, forgotPasswordSchema, switchOrganizationSchema } from "@/lib/validations/auth";

async function failure(error: unknown): Promise<ActionResult<never>> {
  const { body } = await localizedErrorBody(error);
  const { code, message, fieldErrors, details } = body.error;
  return { ok: false, error: { code, message, ...(fieldErrors ? { fieldErrors } : {}), ...(details ? { details } : {}) } };
}

/** The same next-auth session cookie its sign-in writes, naming a session opened here. */
async function setSessionCookie(sessionId: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, await sessionCookieValue(sessionId), sessionCookieOptions(sessionMaxAgeSeconds(), await headers()));
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
    const sessionId = await currentSessionId();
    if (!sessionId) redirect("/login");
    await switchOrganization(sessionId, data.organizationId, { ipHash: ipHashFrom(await headers()) });
  } catch (error) {
    unstable_rethrow(error);
    return failure(error);
  }
  redirect("/");
}

// The interface language: remembered in this browser (cookie, same attributes as the session cookie,
// kept for a year) and, when signed in, on the member's user record so it follows them.
export async function setLocaleAction(input: unknown): Promise<ActionResult<{ locale: Locale }>> {
  try {
    await assertActionOrigin();
    const data = setLocaleSchema.parse(input);
    (await cookies()).set(LOCALE_COOKIE, data.locale, sessionCookieOptions(60 * 60 * 24 * 365, await headers()));
    const ctx = await getCtx();
    if (ctx) await setUserLocale(ctx, data);
    return { ok: true, data: { locale: data.locale } };
  } catch (error) {
    return failure(error);
  }
}
