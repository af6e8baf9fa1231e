"use server";
// Thin actions of the account pages: password, re-authentication, two-factor sign-in, sessions.
import { cookies, headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { assertActionOrigin, type ActionResult } from "@/lib/actions";
import { localizedErrorBody } from "@/lib/api/localize-error";
import { changePassword } from "@/lib/auth/change-password";
import { reauthenticate } from "@/lib/auth/reauthenticate";
import { ipHashFrom } from "@/lib/auth/request-info";
import { currentSessionId } from "@/lib/auth/context";
import { oidcSettings } from "@/lib/auth/auth-options";
import { linkCookieValue, SESSION_COOKIE, sessionCookieOptions, sessionCookieValue, sessionMaxAgeSeconds, SSO_LINK_COOKIE, SSO_LINK_MINUTES } from "@/lib/auth/cookies";
import { inspectSession, signOutEverywhere } from "@/lib/auth/sessions";
import { assertMayLinkProviderAccount } from "@/lib/auth/single-sign-on";
import { AppError } from "@/lib/errors";
import { beginTwoFactorSetup, confirmTwoFactorSetup, newRecoveryCodes, turnOffTwoFactor, type TwoFactorSetup } from "@/lib/auth/two-factor/account";
import { changePasswordSchema, reauthenticateSchema, signOutEverywhereSchema, twoFactorConfirmSchema } from "@/lib/validations/auth";

/**
 * Runs account work for the session in the cookie. Unlike runAction it also serves a session that must
 * first set up two-factor sign-in: these actions are how it does so. The services check the session.
 */
async function accountAction<T>(work: (sessionId: string, ipHash: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    await assertActionOrigin();
    const sessionId = await currentSessionId();
    if (!sessionId) throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
    return { ok: true, data: await work(sessionId, ipHashFrom(await headers())) };
  } catch (error) {
    unstable_rethrow(error);
    const { body } = await localizedErrorBody(error);
    const { code, message, fieldErrors, details } = body.error;
    return { ok: false, error: { code, message, ...(fieldErrors ? { fieldErrors } : {}), ...(details ? { details } : {}) } };
  }
}

async function fullSession(sessionId: string, ipHash: string) {
  const session = await inspectSession(sessionId, { ipHash });
  if (!session || session.stage === "secondFactor") throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
  return session;
}

// Prove again who one is (password, plus a code when two-factor sign-in is on) before a sensitive change.
export async function reauthenticateAction(input: unknown): Promise<ActionResult<null>> {
  return accountAction(async (sessionId, ipHash) => {
    const data = reauthenticateSchema.parse(input);
    const next = await reauthenticate(sessionId, { password: data.password, code: data.code }, { ipHash });
    // a new session id, like any sign-in: the next-auth cookie is re-issued naming the new row
    (await cookies()).set(SESSION_COOKIE, await sessionCookieValue(next.sessionId), sessionCookieOptions(sessionMaxAgeSeconds(), await headers()));
    revalidatePath("/account", "layout");
    return null;
  });
}

// Change one's own password; other sessions of the user end.
export async function changePasswordAction(input: unknown): Promise<ActionResult<null>> {
  return accountAction(async (sessionId, ipHash) => {
    const session = await fullSession(sessionId, ipHash);
    if (session.stage !== "active") throw new AppError("FORBIDDEN", "Set up two-factor sign-in first.", { key: "twoFactorEnrolmentRequired" });
    const data = changePasswordSchema.parse(input);
    await changePassword(session.ctx, { currentPassword: data.currentPassword, newPassword: data.newPassword }, { sessionId });
    return null;
  });
}

// Start setting up an authenticator app: the secret and its QR code.
export async function beginTwoFactorSetupAction(): Promise<ActionResult<TwoFactorSetup>> {
  return accountAction((sessionId) => beginTwoFactorSetup(sessionId));
}

// Turn two-factor sign-in on with a first code; the recovery codes come back once.
export async function confirmTwoFactorSetupAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return accountAction(async (sessionId) => {
    const data = twoFactorConfirmSchema.parse(input);
    const recoveryCodes = await confirmTwoFactorSetup(sessionId, data.code);
    return { recoveryCodes };
  });
}

// Turn two-factor sign-in off (refused when a group requires it of the user's role).
export async function turnOffTwoFactorAction(): Promise<ActionResult<null>> {
  return accountAction(async (sessionId) => {
    await turnOffTwoFactor(sessionId);
    revalidatePath("/account", "layout");
    return null;
  });
}

// Replace the recovery codes; the new ones come back once.
export async function newRecoveryCodesAction(): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return accountAction(async (sessionId) => ({ recoveryCodes: await newRecoveryCodes(sessionId) }));
}

// Sign out on every device: "others" keeps this one, "all" ends this one too and goes to sign-in.
export async function signOutEverywhereAction(input: unknown): Promise<ActionResult<{ count: number }>> {
  const result = await accountAction(async (sessionId, ipHash) => {
    const { scope } = signOutEverywhereSchema.parse(input);
    const session = await fullSession(sessionId, ipHash);
    const count = await signOutEverywhere(session, scope);
    if (scope === "all") (await cookies()).delete(SESSION_COOKIE);
    revalidatePath("/account", "layout");
    return { count, scope };
  });
  if (result.ok && result.data.scope === "all") redirect("/login");
  return result.ok ? { ok: true, data: { count: result.data.count } } : result;
}

// Start linking one's account at the group's identity provider (after a fresh re-authentication): a
// short-lived cookie tells next-auth's callback that the provider account is to be linked, not signed in.
export async function beginSingleSignOnLinkAction(): Promise<ActionResult<null>> {
  return accountAction(async (sessionId, ipHash) => {
    if (!oidcSettings()) throw new AppError("NOT_FOUND", "Single sign-on is not set up here.", { key: "notFound" });
    await assertMayLinkProviderAccount(sessionId, { ipHash });
    (await cookies()).set(SSO_LINK_COOKIE, await linkCookieValue(sessionId), sessionCookieOptions(SSO_LINK_MINUTES * 60, await headers()));
    return null;
  });
}
