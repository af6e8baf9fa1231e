// The archive export as a background job (kind "archive"): the whole organisation read in one
// REPEATABLE READ snapshot, so every reference in the archive points at a record that is in it too.
import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { db, withTenant } from "@/lib/db";
import { attachmentContext, readDecryptedStream } from "@/lib/files/storage";
import type { JobFileOnDisk, JobRunContext } from "@/lib/jobs/kinds";
import { writeArchive, type ArchiveQuery } from "./write-archive";

/** a large organisation takes minutes; the snapshot must outlast it */
const SNAPSHOT_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export async function runArchiveExport(ctx: Ctx, _payload: Record<string, unknown>, run: JobRunContext): Promise<JobFileOnDisk> {
  authorize(ctx, "archive.export");
  // audited before the snapshot is taken, so the archive's own log shows who took it
  await withTenant(ctx, (tx) =>
    audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "archive.export", entityType: "Job", entityId: run.jobId, ipHash: ctx.ipHash }),
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), "qamqor-archive-"));
  const file = path.join(dir, "archive.zip");
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    const manifest = await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.organization_id', ${ctx.organizationId}, true), set_config('app.user_id', ${ctx.userId}, true)`;
        const query: ArchiveQuery = (sql, params) => tx.$queryRawUnsafe(sql, ...params);
        return writeArchive({
          query,
          organizationId: ctx.organizationId,
          file,
          readFile: (attachment) => readDecryptedStream(ctx.organizationId, attachment.storageKey, attachmentContext(attachment.id), attachment.keyId),
          onProgress: (done, total) => run.progress(done, total),
        });
      },
      { isolationLevel: "RepeatableRead", maxWait: 10_000, timeout: SNAPSHOT_TIMEOUT_MS },
    );
    // the queue streams the file into storage, encrypted under this installation's key, then removes it;
    // the passphrase comes at download
    const records = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
    return { path: file, cleanup: removeDir, fileName: `${manifest.organization.slug}-archive-${manifest.createdAt.slice(0, 10)}.zip`, mimeType: "application/zip", records };
  } catch (error) {
    await removeDir();
    throw error;
  }
}
