// The acting user's context for server components, server actions and route handlers, built from the
// session cookie and checked against the database on every request.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Ctx, type Permission } from "../authz";
import { ipHashFrom } from "./request-info";
import { SESSION_COOKIE, readSessionToken } from "./session-token";
import { loadSession, type SessionState } from "./sessions";

/** The whole session (context, user, organisations to switch to), or null when signed out. Loaded once per request. */
export const getSession = cache(async (): Promise<SessionState | null> => {
  const sessionId = readSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!sessionId) return null;
  return loadSession(sessionId, { ipHash: ipHashFrom(await headers()) });
});

/** The acting user's context, or null when not signed in (or the session, user or membership is no longer valid). */
export async function getCtx(): Promise<Ctx | null> {
  return (await getSession())?.ctx ?? null;
}

/**
 * For server components and server actions: sends the signed-out to /login; a role without
 * `permission` gets the not-found page, as for a record it may not see.
 */
export async function requireCtx(permission?: Permission): Promise<Ctx> {
  const ctx = await getCtx();
  if (!ctx) redirect("/login");
  if (permission && !can(ctx, permission)) notFound();
  return ctx;
}
