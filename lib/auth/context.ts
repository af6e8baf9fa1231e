// The acting user's context for server components, server actions and route handlers, built from the
// next-auth session cookie and checked against the database on every request.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Ctx, type Permission } from "../authz";
import { ipHashFrom } from "./request-info";
import { readSessionCookie, SESSION_COOKIE } from "./cookies";
import { inspectSession, type SessionState } from "./sessions";

export const SECOND_FACTOR_PATH = "/login/two-factor";
export const ENROLMENT_PATH = "/account/two-factor";

/** The session id from next-auth's session cookie, or null. */
export async function currentSessionId(): Promise<string | null> {
  return readSessionCookie((await cookies()).get(SESSION_COOKIE)?.value);
}

/**
 * The session in whatever stage it is (see SessionStage), or null when signed out. Loaded once per
 * request. Only the sign-in steps and the account-security page look at unfinished sessions.
 */
export const getSessionAnyStage = cache(async (): Promise<SessionState | null> => {
  const sessionId = await currentSessionId();
  if (!sessionId) return null;
  return inspectSession(sessionId, { ipHash: ipHashFrom(await headers()) });
});

/** The fully signed-in session, or null (signed out, or a second factor or two-factor set-up still owed). */
export async function getSession(): Promise<SessionState | null> {
  const session = await getSessionAnyStage();
  return session?.stage === "active" ? session : null;
}

/** Where an unfinished session must go before anything else, or null when it may go anywhere. */
export function pathForStage(session: SessionState | null): string | null {
  if (!session) return "/login";
  if (session.stage === "secondFactor") return SECOND_FACTOR_PATH;
  if (session.stage === "enrolment") return ENROLMENT_PATH;
  return null;
}

/**
 * The acting user's context, or null when not signed in, still owing the second factor or still owing
 * a required two-factor set-up: server actions (runAction) then refuse as signed out, pages redirect
 * through requireCtx, and the API refuses through loadSession.
 */
export async function getCtx(): Promise<Ctx | null> {
  return (await getSession())?.ctx ?? null;
}

/**
 * For server components and server actions: sends the signed-out to /login and unfinished sessions to
 * their next step; a role without `permission` gets the not-found page, as for a record it may not see.
 */
export async function requireCtx(permission?: Permission): Promise<Ctx> {
  return (await requireSession(permission)).ctx;
}

/** As requireCtx, with the whole session (user, organisations). */
export async function requireSession(permission?: Permission): Promise<SessionState> {
  const session = await getSessionAnyStage();
  const next = pathForStage(session);
  if (next || !session) redirect(next ?? "/login");
  if (permission && !can(session.ctx, permission)) notFound();
  return session;
}

/**
 * For the account-security page and its actions: a full session, or one that must set up two-factor
 * sign-in before anything else (that page is where it does so).
 */
export async function requireSecuritySession(): Promise<SessionState> {
  const session = await getSessionAnyStage();
  if (!session) redirect("/login");
  if (session.stage === "secondFactor") redirect(SECOND_FACTOR_PATH);
  return session;
}
