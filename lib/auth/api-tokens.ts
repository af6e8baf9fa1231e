// Personal access tokens for the JSON API: issued by an admin, shown once, stored as a sha-256 hash.
// A token acts as its user in its organisation with the user's current role.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { audit } from "../audit";
import { authorize, type Ctx, membershipScope, apiTokenScope } from "../authz";
import { withIdentity, withTenant } from "../db";
import { notFound } from "../errors";

const PREFIX = "qmq_";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The context a bearer token acts with, or null when it is unknown, revoked, expired, or its user or membership is no longer active. */
export async function authenticateApiToken(token: string, options: { ipHash?: string | null } = {}): Promise<Ctx | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const tokenHash = hashApiToken(token);
  return withIdentity({}, async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.api_token_hash', ${tokenHash}, true)`;
    const row = await tx.apiToken.findUnique({
      where: { tokenHash },
      select: { id: true, organizationId: true, userId: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { disabledAt: true } } },
    });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now()) || row.user.disabledAt) return null;
    await tx.$executeRaw`SELECT set_config('app.user_id', ${row.userId}, true), set_config('app.organization_id', ${row.organizationId}, true)`;
    const membership = await tx.membership.findFirst({
      where: { ...membershipScope(row, { active: true }), userId: row.userId },
      select: { role: true },
    });
    if (!membership) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    }
    return { userId: row.userId, organizationId: row.organizationId, role: membership.role, ipHash: options.ipHash ?? null };
  });
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  userName: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export async function findApiTokens(ctx: Ctx): Promise<ApiTokenSummary[]> {
  authorize(ctx, "tokens.manage");
  return withTenant(ctx, async (tx) => {
    const rows = await tx.apiToken.findMany({
      where: apiTokenScope(ctx),
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true, user: { select: { name: true } } },
    });
    return rows.map(({ user, ...row }) => ({ ...row, userName: user.name }));
  });
}

/** Issues a token for the acting admin. The token is returned once and never stored in clear. */
export async function createApiToken(ctx: Ctx, input: { name: string; expiresInDays?: number | null }) {
  authorize(ctx, "tokens.manage");
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return withTenant(ctx, async (tx) => {
    const row = await tx.apiToken.create({
      data: { organizationId: ctx.organizationId, userId: ctx.userId, name: input.name, tokenHash: hashApiToken(token), expiresAt },
      select: { id: true },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "apiToken.create",
      entityType: "ApiToken",
      entityId: row.id,
      changedFields: ["name", "expiresAt"],
      ipHash: ctx.ipHash ?? null,
    });
    return { id: row.id, token };
  });
}

export async function revokeApiToken(ctx: Ctx, tokenId: string): Promise<void> {
  authorize(ctx, "tokens.manage");
  await withTenant(ctx, async (tx) => {
    const result = await tx.apiToken.updateMany({
      where: { ...apiTokenScope(ctx), id: tokenId },
      data: { revokedAt: new Date() },
    });
    if (result.count === 0) throw notFound("token");
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "apiToken.revoke",
      entityType: "ApiToken",
      entityId: tokenId,
      changedFields: ["revokedAt"],
      ipHash: ctx.ipHash ?? null,
    });
  });
}
