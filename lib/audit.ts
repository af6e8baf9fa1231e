// Append-only, tamper-evident audit log. Each event is chained to the previous event of the same
// organisation by a keyed hash; `npm run audit:verify` recomputes the chains.
import "server-only";
import { createHmac } from "node:crypto";
import { getEnv } from "./env";
import { forgetStatementArguments, type ReadTx, type Tx } from "./db";
import { Prisma } from "./generated/prisma/client";

export const GENESIS_HASH = "genesis";

export interface AuditInput {
  organizationId: string | null;
  actorUserId: string | null;
  /** dotted verb, e.g. "case.update", "auth.signin.failed", "case.view" */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** names of changed fields, never their values */
  changedFields?: string[];
  /** non-sensitive facts only (ids, counts, formats) */
  metadata?: Record<string, unknown>;
  ipHash?: string | null;
}

export interface ChainedFields {
  organizationId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  changedFields: string[];
  metadata: unknown;
  ipHash: string | null;
  createdAt: Date;
  prevHash: string;
}

/** Stable JSON: object keys sorted, so the same event always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value ?? null);
}

export function hashEvent(fields: ChainedFields, key: string = getEnv().AUDIT_HMAC_KEY): string {
  return createHmac("sha256", key).update(canonical(fields)).digest("hex");
}

/**
 * The SQL expression that takes an organisation's chain lock until the end of the transaction. A read
 * that is audited right after may take it in its own statement (one round trip fewer) and then call
 * `audit(tx, input, { chainLocked: true })`; the chain's head is still read by a later statement, so
 * with a snapshot taken after the lock is held.
 */
export function auditChainLock(organizationId: string | null): Prisma.Sql {
  return Prisma.sql`pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId ?? "none"}`}, 0))`;
}

/**
 * Appends one event inside the caller's transaction, so the event exists exactly when the change does.
 * A transaction-scoped advisory lock per organisation keeps each chain in a single line.
 */
export async function audit(tx: Tx, input: AuditInput, options: { chainLocked?: boolean } = {}): Promise<void> {
  if (!options.chainLocked) await tx.$executeRaw`SELECT ${auditChainLock(input.organizationId)}`;
  const previous = await tx.auditEvent.findFirst({
    where: { organizationId: input.organizationId },
    orderBy: { id: "desc" },
    select: { hash: true },
  });
  const { fields, hash } = chainedEvent(input, previous?.hash ?? GENESIS_HASH);
  await tx.auditEvent.create({
    data: {
      ...fields,
      metadata: fields.metadata as object,
      hash,
    },
  });
}

/** The event as chained after `prevHash`, with its hash; made now unless `createdAt` says when. */
function chainedEvent(input: AuditInput, prevHash: string, createdAt = new Date(Math.floor(Date.now()))): { fields: ChainedFields; hash: string } {
  // Millisecond precision, as the column stores it, so verification recomputes the same hash.
  const fields: ChainedFields = {
    organizationId: input.organizationId,
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    changedFields: input.changedFields ?? [],
    metadata: input.metadata ?? {},
    ipHash: input.ipHash ?? null,
    createdAt,
    prevHash,
  };
  return { fields, hash: hashEvent(fields) };
}

/**
 * `audit` for a transaction of the hot reads' path (withTenantAuditedRead): the same event, the same
 * chain, the same lock, through `pg`: the chain's head, then the insert.
 */
export async function auditPg(tx: ReadTx, input: AuditInput, options: { chainLocked?: boolean } = {}): Promise<void> {
  if (!options.chainLocked) await tx.query(Prisma.sql`SELECT ${auditChainLock(input.organizationId)}`);
  const [previous] = await tx.query<{ hash: string }>(Prisma.sql`
    SELECT hash FROM audit_events
     WHERE ${input.organizationId === null ? Prisma.sql`"organizationId" IS NULL` : Prisma.sql`"organizationId" = ${input.organizationId}::uuid`}
     ORDER BY id DESC LIMIT 1`);
  const { fields, hash } = chainedEvent(input, previous?.hash ?? GENESIS_HASH);
  await tx.query(Prisma.sql`
    INSERT INTO audit_events ("organizationId", "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "ipHash", "createdAt", "prevHash", hash)
    VALUES (${fields.organizationId}::uuid, ${fields.actorUserId}::uuid, ${fields.action}, ${fields.entityType}, ${fields.entityId},
            ${fields.changedFields}::text[], ${JSON.stringify(fields.metadata)}::jsonb, ${fields.ipHash}, ${fields.createdAt}::timestamptz,
            ${fields.prevHash}, ${hash})`);
}

/**
 * Appends many events in one go (a bulk import): one lock and one read of the chain's end, then the
 * events chained in order and inserted in batches. The chain is the same as from one audit() per event.
 */
export async function auditMany(tx: Tx, organizationId: string, inputs: Omit<AuditInput, "organizationId">[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.$executeRaw`SELECT ${auditChainLock(organizationId)}`;
  const previous = await tx.auditEvent.findFirst({ where: { organizationId }, orderBy: { id: "desc" }, select: { hash: true } });
  let prevHash = previous?.hash ?? GENESIS_HASH;
  // one moment for the whole batch: the events were made together
  const createdAt = new Date(Math.floor(Date.now()));
  // 5 000 events chained and inserted at a time (ids assigned in the chain's order, unnest WITH
  // ORDINALITY), so a large import never holds every event's chained row at once
  for (let start = 0; start < inputs.length; start += 5000) {
    const rows = inputs.slice(start, start + 5000).map((input) => {
      const { fields, hash } = chainedEvent({ ...input, organizationId }, prevHash, createdAt);
      prevHash = hash;
      return { ...fields, hash };
    });
    const column = <K extends keyof (typeof rows)[number]>(key: K, as: (value: (typeof rows)[number][K]) => string | null) => rows.map((row) => as(row[key]));
    await tx.$executeRaw`
      INSERT INTO audit_events ("organizationId", "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "ipHash", "createdAt", "prevHash", hash)
      SELECT u.org::uuid, u.actor::uuid, u.action, u.type, u.entity, ARRAY(SELECT json_array_elements_text(u.fields::json)), u.meta::jsonb, u.ip, u.at::timestamptz, u.prev, u.hash
        FROM unnest(${column("organizationId", (v) => v)}::text[], ${column("actorUserId", (v) => v)}::text[], ${column("action", (v) => v)}::text[],
                    ${column("entityType", (v) => v)}::text[], ${column("entityId", (v) => v)}::text[], ${column("changedFields", (v) => JSON.stringify(v))}::text[],
                    ${column("metadata", (v) => JSON.stringify(v))}::text[], ${column("ipHash", (v) => v)}::text[], ${column("createdAt", (v) => v.toISOString())}::text[],
                    ${column("prevHash", (v) => v)}::text[], ${column("hash", (v) => v)}::text[])
             WITH ORDINALITY AS u(org, actor, action, type, entity, fields, meta, ip, at, prev, hash, ord)
       ORDER BY u.ord`;
    forgetStatementArguments();
  }
}

/** Names of the fields whose values differ between two versions of a record. */
export function changedFieldNames(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after)
    .filter((key) => after[key] !== undefined && canonical(before[key]) !== canonical(after[key]))
    .sort();
}
