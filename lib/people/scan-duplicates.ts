// The background scan for likely duplicate people among records that arrived in bulk (a spreadsheet
// import, a restore, a large seed, an older database), which the person form never compared. It walks an
// organisation's live people in bounded batches (one short transaction each) and records each one's likely
// duplicates exactly as a person written through the form is (recordDuplicatePairs): same ranking across
// scripts and spellings, identity-document hash first. Inserting is idempotent and a pair reviewed as
// "not the same person" stays closed, so a scan may run again at any time. When it has been through every
// person, the organisation's duplicatesScannedAt is set to the time it started (shown as "last checked").
// API:
//   requestDuplicateScan(organizationId, tx?)   queue a scan (one waiting scan per organisation)
//   requestPendingDuplicateScans()              queue one for every organisation never scanned (at start)
//   runDuplicateScanTask(payload)               the queue's task: one part of a scan, the rest queued again
//   scanDuplicatePeople(organizationId)         the whole scan now (tests, scripts)
import "server-only";
import { audit } from "@/lib/audit";
import type { Ctx } from "@/lib/authz";
import { db, withTenant, type Tx } from "@/lib/db";
import { recordDuplicatePairs } from "./duplicate-pairs";
import { personScope } from "@/lib/authz";

/** graphile-worker's task name (the SQL function app_request_duplicate_scan queues it). */
export const DUPLICATE_SCAN_TASK = "qamqor_duplicate_scan";
/** People compared per transaction: a few seconds at most even on a loaded server (a person's ranking is several look-ups). */
export const DUPLICATE_SCAN_BATCH = 25;
/** A batch's transaction may run this long (the default is for requests); a slower one is rolled back and the part retried. */
const BATCH_TIMEOUT_MS = 60_000;
/** People compared per run of the task; the rest is queued again, so reports and imports take turns with a long scan. */
export const DUPLICATE_SCAN_PER_RUN = 2_000;
/** No user acts in a scan; the nil id names no member (the audit records no actor). */
const SYSTEM_USER_ID = "00000000-0000-0000-0000-000000000000";

/** Where a scan is: the last person compared, when it started, and what it has done so far. */
export interface DuplicateScanProgress {
  after: string | null;
  startedAt: string;
  people: number;
  newPairs: number;
}

/**
 * Queues a scan of the organisation's people. Inside a caller's transaction (`tx`, which must be in that
 * organisation) the request commits or rolls back with the caller's work.
 */
export async function requestDuplicateScan(organizationId: string, tx?: Tx, progress?: DuplicateScanProgress): Promise<void> {
  const state = progress ? JSON.stringify(progress) : null;
  const request = (t: Tx) => t.$queryRaw`SELECT app_request_duplicate_scan(${organizationId}::uuid, ${state}::jsonb) AS queued`;
  if (tx) await request(tx);
  else await withTenant({ organizationId }, request);
}

/** Queues a scan for every organisation never scanned (after the migration that added scans, or a restore). */
export async function requestPendingDuplicateScans(): Promise<number> {
  const [row] = await db().$queryRaw<{ queued: number }[]>`SELECT app_request_pending_duplicate_scans() AS queued`;
  return row?.queued ?? 0;
}

/** The queue's task: one part of a scan, and the next part queued when people are left. */
export async function runDuplicateScanTask(payload: Record<string, unknown>): Promise<void> {
  const organizationId = typeof payload.organizationId === "string" ? payload.organizationId : null;
  if (!organizationId) return;
  const progress = parseProgress(payload);
  const next = await scanDuplicatePeoplePart(organizationId, progress, DUPLICATE_SCAN_PER_RUN);
  if (next) await requestDuplicateScan(organizationId, undefined, next);
}

function parseProgress(payload: Record<string, unknown>): DuplicateScanProgress {
  const { after, startedAt, people, newPairs } = payload;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return {
    after: typeof after === "string" && uuid.test(after) ? after : null,
    startedAt: typeof startedAt === "string" && !Number.isNaN(Date.parse(startedAt)) ? startedAt : new Date().toISOString(),
    people: typeof people === "number" ? people : 0,
    newPairs: typeof newPairs === "number" ? newPairs : 0,
  };
}

/** Compares every live person of the organisation with the others, then records the time (tests, scripts). */
export async function scanDuplicatePeople(organizationId: string, options: { batchSize?: number } = {}): Promise<DuplicateScanProgress> {
  let progress: DuplicateScanProgress = { after: null, startedAt: new Date().toISOString(), people: 0, newPairs: 0 };
  for (;;) {
    const next = await scanDuplicatePeoplePart(organizationId, progress, Number.MAX_SAFE_INTEGER, options.batchSize);
    if (!next) return progress;
    progress = next;
  }
}

/**
 * Compares up to `limit` people after `progress.after`, batch by batch (each its own transaction, so a
 * stop loses one batch at most). Returns where to go on, or null when every person has been compared: the
 * organisation's duplicatesScannedAt is then the time the scan started (anyone written since was compared
 * as they were written) and the scan is audited. `progress` is updated in place as batches finish.
 */
async function scanDuplicatePeoplePart(organizationId: string, progress: DuplicateScanProgress, limit: number, batchSize = DUPLICATE_SCAN_BATCH): Promise<DuplicateScanProgress | null> {
  // the scan acts for the organisation: every live person, as a coordinator would see them
  const ctx: Ctx = { userId: SYSTEM_USER_ID, organizationId, role: "ADMIN" };
  let done = 0;
  while (done < limit) {
    const after = progress.after;
    const take = Math.min(batchSize, limit - done);
    const batch = await withTenant(ctx, async (tx) => {
      const rows = await tx.person.findMany({
        where: { ...personScope(ctx), erasedAt: null, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take,
        select: { id: true },
      });
      let created = 0;
      for (const { id } of rows) created += await recordDuplicatePairs(tx, ctx, id);
      return { ids: rows.map((row) => row.id), created };
    }, { timeout: BATCH_TIMEOUT_MS });
    done += batch.ids.length;
    progress.people += batch.ids.length;
    progress.newPairs += batch.created;
    progress.after = batch.ids.at(-1) ?? progress.after;
    // fewer than asked: nobody is left after the last one
    if (batch.ids.length < take) {
      await finishScan(ctx, progress);
      return null;
    }
  }
  return progress;
}

async function finishScan(ctx: Ctx, progress: DuplicateScanProgress): Promise<void> {
  await withTenant(ctx, async (tx) => {
    // not the settings' updatedAt/version: a scan is not an edit of the organisation
    await tx.$executeRaw`UPDATE organizations SET "duplicatesScannedAt" = ${new Date(progress.startedAt)} WHERE id = ${ctx.organizationId}::uuid`;
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: null,
      action: "person.duplicate.scan",
      entityType: "Organization",
      entityId: ctx.organizationId,
      metadata: { people: progress.people, newPairs: progress.newPairs },
    });
  });
}
