// Recomputes every organisation's audit chain and reports the first event that does not fit:
// a changed field breaks its own hash, a removed or reordered event breaks the next one's link.
// The newest events have no successor to betray their removal, so the head of each chain (last id,
// last hash, count) is also checkpointed outside the database — in each backup's header, in a file in
// the data folder and in the log — and the chain must still reach every checkpointed head.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../../lib/audit";

export interface ChainProblem {
  organizationId: string | null;
  /** the event at fault; for "truncated", the checkpointed head that is missing or changed; "" for "empty" */
  eventId: string;
  /** hash: altered; link: an earlier event removed or reordered; truncated: events at or before a
   * checkpointed head are missing; empty: no events at all although the database holds records */
  problem: "hash" | "link" | "truncated" | "empty";
}

export interface VerifyResult {
  events: number;
  chains: number;
  /** how many checkpointed heads the chains were checked against */
  checkpoints: number;
  problems: ChainProblem[];
}

/** The head of one organisation's chain ("null" organisation: events outside any organisation). */
export interface AuditHead {
  organizationId: string | null;
  lastId: string;
  lastHash: string;
  count: number;
}

export interface AuditCheckpoint {
  writtenAt: string;
  heads: AuditHead[];
}

interface Row {
  id: string;
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
  hash: string;
}

/** Reads the head of every chain, in the caller's transaction when it has one open. */
export async function readAuditHeads(client: pg.ClientBase): Promise<AuditHead[]> {
  const { rows } = await client.query<{ organizationId: string | null; lastId: string; lastHash: string; count: string }>(
    `SELECT h."organizationId", h.last_id::text AS "lastId", e.hash AS "lastHash", h.n AS count
       FROM (SELECT "organizationId", max(id) AS last_id, count(*) AS n FROM audit_events GROUP BY "organizationId") h
       JOIN audit_events e ON e.id = h.last_id
      ORDER BY h."organizationId" NULLS FIRST`,
  );
  return rows.map((r) => ({ organizationId: r.organizationId, lastId: r.lastId, lastHash: r.lastHash, count: Number(r.count) }));
}

export const CHECKPOINT_FILE = "audit-checkpoint.json";

export function checkpointPath(dataDir: string): string {
  return path.resolve(dataDir, CHECKPOINT_FILE);
}

export function readCheckpointFile(dataDir: string): AuditCheckpoint | undefined {
  let text: string;
  try {
    text = readFileSync(checkpointPath(dataDir), "utf8");
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as AuditCheckpoint;
  if (!Array.isArray(parsed.heads)) throw new Error(`${checkpointPath(dataDir)} is not an audit checkpoint.`);
  return parsed;
}

/**
 * Merges the database's current heads into the data folder's checkpoint file (atomically). A head
 * never moves back: a chain that vanished or got shorter keeps its last known head, so a cut stays
 * visible to every later check.
 */
export async function writeCheckpoint(ownerUrl: string, dataDir: string): Promise<AuditCheckpoint> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let heads: AuditHead[];
  try {
    heads = await readAuditHeads(client);
  } finally {
    await client.end();
  }
  const previous = readCheckpointFile(dataDir)?.heads ?? [];
  const checkpoint: AuditCheckpoint = { writtenAt: new Date().toISOString(), heads: [...furthestHeads([...previous, ...heads]).values()] };
  mkdirSync(dataDir, { recursive: true });
  const file = checkpointPath(dataDir);
  writeFileSync(`${file}.part`, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.part`, file);
  return checkpoint;
}

/** Replaces the checkpoint file with the given heads (after a restore, the backup's). */
export function replaceCheckpointFile(dataDir: string, heads: AuditHead[]): void {
  mkdirSync(dataDir, { recursive: true });
  const file = checkpointPath(dataDir);
  writeFileSync(`${file}.part`, `${JSON.stringify({ writtenAt: new Date().toISOString(), heads }, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.part`, file);
}

/** One log line per chain head: a copy outside the database that a log collector keeps. */
export function checkpointLogLine(head: AuditHead): string {
  return `audit checkpoint: organisation ${head.organizationId ?? "none"} last event ${head.lastId} hash ${head.lastHash} count ${head.count}`;
}

/**
 * For several checkpoints of the same chain only the furthest matters: an earlier head lies on the
 * chain that leads to a later one.
 */
function furthestHeads(checkpoints: AuditHead[]): Map<string | null, AuditHead> {
  const furthest = new Map<string | null, AuditHead>();
  for (const head of checkpoints) {
    const known = furthest.get(head.organizationId);
    if (!known || BigInt(head.lastId) > BigInt(known.lastId)) furthest.set(head.organizationId, head);
  }
  return furthest;
}

export async function verifyAuditChains(
  ownerUrl: string,
  options: string | { key?: string; checkpoints?: AuditHead[] } = {},
): Promise<VerifyResult> {
  const { key, checkpoints = [] } = typeof options === "string" ? { key: options } : options;
  const heads = furthestHeads(checkpoints);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Read in id order with a cursor-like batch so a large log does not sit in memory at once.
    const lastHash = new Map<string | null, string>();
    const counted = new Map<string | null, number>();
    const reached = new Set<string | null>();
    const problems: ChainProblem[] = [];
    let events = 0;
    let after = "0";
    for (;;) {
      const { rows } = await client.query<Row>(
        `SELECT id::text, "organizationId", "actorUserId", action, "entityType", "entityId", "changedFields",
                metadata, "ipHash", "createdAt", "prevHash", hash
           FROM audit_events WHERE audit_events.id > $1::bigint ORDER BY audit_events.id LIMIT 5000`,
        [after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        events += 1;
        const expectedPrev = lastHash.get(row.organizationId) ?? GENESIS_HASH;
        const fields: ChainedFields = {
          organizationId: row.organizationId,
          actorUserId: row.actorUserId,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          changedFields: row.changedFields,
          metadata: row.metadata,
          ipHash: row.ipHash,
          createdAt: row.createdAt,
          prevHash: row.prevHash,
        };
        if (hashEvent(fields, key) !== row.hash) {
          problems.push({ organizationId: row.organizationId, eventId: row.id, problem: "hash" });
        } else if (row.prevHash !== expectedPrev) {
          problems.push({ organizationId: row.organizationId, eventId: row.id, problem: "link" });
        }
        lastHash.set(row.organizationId, row.hash);
        const count = (counted.get(row.organizationId) ?? 0) + 1;
        counted.set(row.organizationId, count);
        const head = heads.get(row.organizationId);
        if (head && head.lastId === row.id) {
          reached.add(row.organizationId);
          if (head.lastHash !== row.hash || head.count !== count) {
            problems.push({ organizationId: row.organizationId, eventId: row.id, problem: "truncated" });
          }
        }
        after = row.id;
      }
    }
    // A checkpointed head that is not in the log any more: the newest events (or the whole chain) were cut.
    for (const head of heads.values()) {
      if (!reached.has(head.organizationId)) problems.push({ organizationId: head.organizationId, eventId: head.lastId, problem: "truncated" });
    }
    // An empty log is only intact in a database with nothing to audit.
    if (events === 0) {
      const { rows } = await client.query<{ records: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM users) AS records`,
      );
      if (rows[0]?.records) problems.push({ organizationId: null, eventId: "", problem: "empty" });
    }
    return { events, chains: lastHash.size, checkpoints: heads.size, problems };
  } finally {
    await client.end();
  }
}
