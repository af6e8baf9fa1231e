// Self-service "forgot password": the link goes only to the account's own e-mail address. Everyone gets
// the same answer after about the same time, whether or not the address is known, and requests are
// throttled per address and per e-mail.
import "server-only";
import { randomBytes } from "node:crypto";
import { lookupHash } from "../crypto";
import { oneAtATime, withIdentity } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { auditInEach, hashInviteToken, INVITE_TTL_HOURS, inviteEmail, organizationsOfUser } from "./invites";
import { emailedLinksAvailable, sendMail } from "./mail";
import { inviteScope } from "@/lib/authz";

export const RESET_WINDOW_MINUTES = 60;
/** requests from one address in the window (across e-mails) before it must wait */
export const RESET_REQUESTS_PER_ADDRESS = 10;
/** links sent to one e-mail in the window; further requests are answered the same and send nothing */
export const RESET_LINKS_PER_ACCOUNT = 3;
/** every answer takes at least this long, so the work done for a known address does not show */
export const RESET_ANSWER_MS = 400;

export const resetThrottled = () =>
  new AppError("RATE_LIMITED", `Too many requests from this address. Try again in ${RESET_WINDOW_MINUTES} minutes.`, {
    key: "passwordResetThrottled",
    values: { minutes: RESET_WINDOW_MINUTES },
  });

const resetEmailHash = (email: string) => lookupHash(email, "password-reset");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a new-password link to `email` when it belongs to an active account with an active membership;
 * otherwise does nothing. Either way it answers the same (nothing), after at least RESET_ANSWER_MS.
 * Throws RATE_LIMITED (for any address, known or not) when this client address asked too often.
 */
export async function requestPasswordReset(input: { email: string; ipHash: string }): Promise<void> {
  const started = Date.now();
  try {
    await requestWithoutPadding(input);
  } finally {
    await sleep(Math.max(0, RESET_ANSWER_MS - (Date.now() - started)));
  }
}

async function requestWithoutPadding(input: { email: string; ipHash: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const emailHash = resetEmailHash(email);
  const since = new Date(Date.now() - RESET_WINDOW_MINUTES * 60_000);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3_600_000);

  const prepared = await withIdentity({}, async (tx) => {
    const [fromAddress, forAccount] = await oneAtATime([
      () => tx.passwordResetRequest.count({ where: { ipHash: input.ipHash, createdAt: { gte: since } } }),
      () => tx.passwordResetRequest.count({ where: { emailHash, createdAt: { gte: since } } }),
    ]);
    if (fromAddress >= RESET_REQUESTS_PER_ADDRESS) return "throttled" as const;
    await tx.passwordResetRequest.create({ data: { emailHash, ipHash: input.ipHash } });
    if (forAccount >= RESET_LINKS_PER_ACCOUNT || !emailedLinksAvailable()) return null;

    const user = await tx.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
    if (!user || user.disabledAt) return null;
    await tx.$executeRaw`SELECT set_config('app.user_id', ${user.id}, true)`;
    const home = await tx.membership.findFirst({
      where: { userId: user.id, deactivatedAt: null },
      orderBy: { createdAt: "asc" },
      select: { organizationId: true, role: true },
    });
    if (!home) return null;
    const organizations = await organizationsOfUser(tx, user.id, user.id);
    await tx.$executeRaw`SELECT set_config('app.organization_id', ${home.organizationId}, true)`;
    // a new link replaces any earlier unused one for the same address
    await tx.invite.updateMany({
      where: { ...inviteScope(home, { pending: true }), email, kind: "PASSWORD_RESET" },
      data: { revokedAt: new Date() },
    });
    const invite = await tx.invite.create({
      data: { organizationId: home.organizationId, email, role: home.role, kind: "PASSWORD_RESET", tokenHash: hashInviteToken(token), expiresAt, emailOnly: true },
      select: { id: true },
    });
    await auditInEach(tx, organizations, home.organizationId, {
      actorUserId: user.id,
      action: "auth.passwordReset.requested",
      entityType: "Invite",
      entityId: invite.id,
      metadata: { by: "self", delivery: "email" },
      ipHash: input.ipHash,
    });
    return { ctx: { userId: user.id, organizationId: home.organizationId, role: home.role } };
  });

  if (prepared === "throttled") throw resetThrottled();
  if (!prepared) return;
  const url = `${getEnv().PUBLIC_URL!.replace(/\/$/, "")}/invite/${token}`;
  const message = await inviteEmail(prepared.ctx, "PASSWORD_RESET", url);
  // Not awaited: a slow mail server must not make a known address answer later than an unknown one.
  void sendMail({ to: email, ...message });
}
