// Idempotency keys for API creates: a client that lost the answer retries with the same
// Idempotency-Key and gets the first answer back instead of a second record. Kept 24 hours per user.
//
// The key is claimed in its own transaction before the create runs and completed after it, so two
// requests with one key never both create: the second sees the claim (409 while the first runs, the
// stored answer after). A create interrupted between its commit and the completion leaves the claim
// without an answer; that key then answers 409 until it expires — never a duplicate.
import "server-only";
import { createHash } from "node:crypto";
import type { Ctx } from "../authz";
import { decryptField, encryptField } from "../crypto";
import { withIdentity } from "../db";
import { AppError } from "../errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,200}$/;

const context = (userId: string, key: string) => `idempotency:${userId}:${key}`;

async function requestHash(request: Request, ctx: Ctx): Promise<string> {
  const body = Buffer.from(await request.clone().arrayBuffer());
  return createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname} ${ctx.organizationId}\n`)
    .update(body)
    .digest("hex");
}

/**
 * Runs `create` once per (user, Idempotency-Key): the first time it returns the handler's result; a
 * retry gets the stored answer as a Response marked `Idempotent-Replayed: true`. Without the header
 * it just runs `create`.
 */
export async function idempotent(request: Request, ctx: Ctx, status: number, create: () => Promise<unknown>): Promise<unknown> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return create();
  if (!KEY.test(key)) throw new AppError("BAD_REQUEST", "The Idempotency-Key must be 1 to 200 visible ASCII characters.", { key: "idempotencyKeyInvalid" });
  const hash = await requestHash(request, ctx);
  const scope = { userId: ctx.userId };

  const claim = await withIdentity(scope, async (tx) => {
    await tx.$executeRaw`DELETE FROM idempotency_keys WHERE "userId" = ${ctx.userId}::uuid AND "expiresAt" < now()`;
    const inserted = await tx.$queryRaw<{ key: string }[]>`
      INSERT INTO idempotency_keys ("userId", key, "requestHash", "expiresAt")
      VALUES (${ctx.userId}::uuid, ${key}, ${hash}, ${new Date(Date.now() + KEEP_MS)})
      ON CONFLICT DO NOTHING RETURNING key`;
    if (inserted.length > 0) return { owned: true as const };
    const [existing] = await tx.$queryRaw<{ requestHash: string; status: number | null; responseEnc: string | null }[]>`
      SELECT "requestHash", status, "responseEnc" FROM idempotency_keys WHERE "userId" = ${ctx.userId}::uuid AND key = ${key}`;
    return { owned: false as const, existing };
  });

  if (!claim.owned) {
    const existing = claim.existing;
    if (!existing || existing.requestHash !== hash) {
      throw new AppError("INVALID", "This Idempotency-Key was already used for a different request.", { key: "idempotencyKeyReused" });
    }
    if (existing.status === null) {
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being handled; try again in a moment.", { key: "idempotencyInProgress" });
    }
    const body = decryptField(existing.responseEnc, context(ctx.userId, key));
    return new Response(body, { status: existing.status, headers: { "content-type": "application/json", "Idempotent-Replayed": "true" } });
  }

  let result: unknown;
  try {
    result = await create();
  } catch (error) {
    // nothing was created: the key is free for the retry
    await withIdentity(scope, (tx) => tx.$executeRaw`DELETE FROM idempotency_keys WHERE "userId" = ${ctx.userId}::uuid AND key = ${key}`).catch(() => {});
    throw error;
  }
  if (result instanceof Response) return result;
  const body = JSON.stringify(result ?? null);
  await withIdentity(scope, (tx) =>
    tx.$executeRaw`UPDATE idempotency_keys SET status = ${status}, "responseEnc" = ${encryptField(body, context(ctx.userId, key))}
                    WHERE "userId" = ${ctx.userId}::uuid AND key = ${key}`,
  );
  return result;
}
