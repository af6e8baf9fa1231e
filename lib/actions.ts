// The one wrapper for "use server" actions: who is acting, then the work, then a plain result the form
// can show (messages translated, per-field errors, never a stack trace).
import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { Ctx, Permission } from "./authz";
import { authorize } from "./authz";
import { getSessionAnyStage } from "./auth/context";
import { idempotentAction } from "./api/idempotency";
import { localizedErrorBody } from "./api/localize-error";
import { AppError, type ErrorCode, type FieldErrors } from "./errors";
import { isSameOrigin } from "./security/origin";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> } };

/**
 * Refuses a server action that does not come from our own pages: Next.js compares a present Origin with
 * the host, but lets a request without one through, and believes X-Forwarded-Host.
 */
export async function assertActionOrigin(): Promise<void> {
  const requestHeaders = await headers();
  if (isSameOrigin(requestHeaders)) return;
  throw requestHeaders.get("origin")
    ? new AppError("FORBIDDEN", "This request did not come from this site and was refused.", { key: "crossSite" })
    : new AppError("FORBIDDEN", "This request did not say which site it came from and was refused.", { key: "originRequired" });
}

/**
 * What an action needs, said at its door like apiHandler's: a permission from lib/authz.ts, checked before
 * the work runs, or "member" for work any signed-in member may do (the shared gazetteer). Required, so an
 * action cannot leave a reader to dig into the service to learn who may call it.
 */
export type ActionAccess = { permission: Permission; access?: never } | { access: "member"; permission?: never };

export type RunActionOptions = ActionAccess & {
  /** a create form's submit key (one per submit): the same submission sent again creates nothing more */
  submission?: { key: unknown; action: string; input: unknown };
};

export async function runAction<T>(work: (ctx: Ctx) => Promise<T>, options: RunActionOptions): Promise<ActionResult<T>> {
  try {
    await assertActionOrigin();
    const session = await getSessionAnyStage();
    if (session?.stage === "enrolment") {
      // a clear reason for an admin or coordinator whose group requires two-factor sign-in they have not set up
      throw new AppError("FORBIDDEN", "Set up two-factor sign-in first.", { key: "twoFactorEnrolmentRequired" });
    }
    const ctx = session?.stage === "active" ? session.ctx : null;
    if (!ctx) throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
    if (options.permission) authorize(ctx, options.permission);
    const { submission } = options;
    if (submission && typeof submission.key === "string") {
      return { ok: true, data: await idempotentAction(ctx, { key: submission.key, action: submission.action, input: submission.input }, () => work(ctx)) };
    }
    return { ok: true, data: await work(ctx) };
  } catch (error) {
    // redirect() and notFound() inside the work are navigation, not failures
    unstable_rethrow(error);
    const { body } = await localizedErrorBody(error);
    const { code, message, fieldErrors, details } = body.error;
    return { ok: false, error: { code, message, ...(fieldErrors ? { fieldErrors } : {}), ...(details ? { details } : {}) } };
  }
}

