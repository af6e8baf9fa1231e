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

type Once<T> = { replayed: false; result: T } | { replayed: true; status: number; body: string };

/**
 * Runs `create` at most once per (user, key, request fingerprint) within 24 hours: the first time it
 * returns the result (kept, encrypted, as JSON); later it returns the kept answer instead.
 */
async function once<T>(ctx: Ctx, key: string, hash: string, status: number, create: () => Promise<T>): Promise<Once<T>> {
  if (!KEY.test(key)) throw new AppError("BAD_REQUEST", "The Idempotency-Key must be 1 to 200 visible ASCII characters.", { key: "idempotencyKeyInvalid" });
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
    return { replayed: true, status: existing.status, body: decryptField(existing.responseEnc, context(ctx.userId, key)) ?? "null" };
  }

  let result: T;
  try {
    result = await create();
  } catch (error) {
    // nothing was created: the key is free for the retry
    await withIdentity(scope, (tx) => tx.$executeRaw`DELETE FROM idempotency_keys WHERE "userId" = ${ctx.userId}::uuid AND key = ${key}`).catch(() => {});
    throw error;
  }
  if (result instanceof Response) {
    await withIdentity(scope, (tx) => tx.$executeRaw`DELETE FROM idempotency_keys WHERE "userId" = ${ctx.userId}::uuid AND key = ${key}`).catch(() => {});
    return { replayed: false, result };
  }
  const body = JSON.stringify(result ?? null);
  await withIdentity(scope, (tx) =>
    tx.$executeRaw`UPDATE idempotency_keys SET status = ${status}, "responseEnc" = ${encryptField(body, context(ctx.userId, key))}
                    WHERE "userId" = ${ctx.userId}::uuid AND key = ${key}`,
  );
  return { replayed: false, result };
}

/**
 * An API create with an Idempotency-Key runs once: the first time it returns the handler's result; a
 * retry gets the stored answer as a Response marked `Idempotent-Replayed: true`. Without the header
 * it just runs `create`.
 */
export async function idempotent(request: Request, ctx: Ctx, status: number, create: () => Promise<unknown>): Promise<unknown> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return create();
  const outcome = await once(ctx, key, await requestHash(request, ctx), status, create);
  if (!outcome.replayed) return outcome.result;
  return new Response(outcome.body, { status: outcome.status, headers: { "content-type": "application/json", "Idempotent-Replayed": "true" } });
}

/** A form's submit key: the same submit sent twice (double click, retried after a lost answer) creates once. */
export async function idempotentAction<T>(ctx: Ctx, submission: { key: string; action: string; input: unknown }, create: () => Promise<T>): Promise<T> {
  const hash = createHash("sha256").update(`action ${submission.action} ${ctx.organizationId}\n${JSON.stringify(submission.input ?? null)}`).digest("hex");
  const outcome = await once(ctx, submission.key, hash, 200, create);
  return outcome.replayed ? (JSON.parse(outcome.body) as T) : outcome.result;
}
