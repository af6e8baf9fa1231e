// Recomputes every organisation's audit chain and reports the first event that does not fit:
// a changed field breaks its own hash, a removed or reordered event breaks the next one's link.
import pg from "pg";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../../lib/audit";

export interface ChainProblem {
  organizationId: string | null;
  eventId: string;
  problem: "hash" | "link";
}

export interface VerifyResult {
  events: number;
  chains: number;
  problems: ChainProblem[];
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

export async function verifyAuditChains(ownerUrl: string, key?: string): Promise<VerifyResult> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Read in id order with a cursor-like batch so a large log does not sit in memory at once.
    const lastHash = new Map<string | null, string>();
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
        after = row.id;
      }
    }
    return { events, chains: lastHash.size, problems };
  } finally {
    await client.end();
  }
}
