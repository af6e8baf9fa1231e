// The newest audit events have no successor whose link would betray their removal: the chain heads
// checkpointed outside the database (data folder file, backup header, log) must catch it.
import { execFile } from "node:child_process";
import { mkdtempSync as makeTempDir, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "../../lib/audit";
import { withTenant } from "../../lib/db";
import { backupDatabase, readBackupManifest } from "../../scripts/lib/backup";
import { checkpointPath, readCheckpointFile, verifyAuditChains, writeCheckpoint } from "../../scripts/lib/audit-verify";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";
import { tsxArgs } from "../../scripts/lib/node-flags";

const tempDirs: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = makeTempDir(prefix);
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const ownerUrl = () => process.env.DATABASE_URL as string;

/** As the database owner, with the append-only trigger off: what an attacker holding the server would do. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await ownerQuery(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
  try {
    await ownerQuery(sql, params);
  } finally {
    await ownerQuery(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
  }
}

async function record(member: TestMember, count: number): Promise<string[]> {
  for (let i = 0; i < count; i += 1) {
    await withTenant(member, (tx) =>
      audit(tx, { organizationId: member.organizationId, actorUserId: member.userId, action: "case.update", entityType: "Case", entityId: `c-${i}` }),
    );
  }
  const rows = await ownerQuery<{ id: string }>(`SELECT id::text FROM audit_events WHERE "organizationId" = $1 ORDER BY id`, [member.organizationId]);
  return rows.map((r) => r.id);
}

function auditVerifyCli(dataDir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      tsxArgs("scripts/audit-verify.ts", ...args),
      { env: { ...process.env, QAMQOR_DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("the audit log's tail", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qamqor-audit-tail-"));
  let a: TestMember;
  let b: TestMember;
  let c: TestMember;

  beforeAll(async () => {
    a = await createMember(await createOrg("Tail A", "TA"), "COORDINATOR");
    b = await createMember(await createOrg("Tail B", "TB"), "COORDINATOR");
    c = await createMember(await createOrg("Tail C", "TC"), "COORDINATOR");
    await record(a, 3);
    await record(b, 1);
    await record(c, 2);
  });

  it("checkpoints each chain's head (last id, hash, count) in the data folder, and the log passes against it", async () => {
    const cli = await auditVerifyCli(dataDir, ["--checkpoint"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/audit checkpoint: organisation [0-9a-f-]{36} last event \d+ hash [0-9a-f]{64} count 3/);
    const checkpoint = readCheckpointFile(dataDir);
    const head = checkpoint?.heads.find((h) => h.organizationId === a.organizationId);
    const [last] = await ownerQuery<{ id: string; hash: string }>(
      `SELECT id::text, hash FROM audit_events WHERE "organizationId" = $1 ORDER BY id DESC LIMIT 1`,
      [a.organizationId],
    );
    expect(head).toEqual({ organizationId: a.organizationId, lastId: last!.id, lastHash: last!.hash, count: 3 });
    // Events appended after the checkpoint are fine.
    await record(a, 1);
    const result = await verifyAuditChains(ownerUrl(), { checkpoints: checkpoint!.heads });
    expect(result.problems).toEqual([]);
    expect(result.checkpoints).toBe(3);
  });

  it("detects that the newest checkpointed events of a chain were deleted, which the chain alone cannot show", async () => {
    const checkpoint = readCheckpointFile(dataDir)!;
    const ids = await record(a, 0);
    // Cut everything from the checkpointed head on: what is left is a perfect, shorter chain.
    await tamper(`DELETE FROM audit_events WHERE "organizationId" = $1 AND id >= $2::bigint`, [a.organizationId, ids[2]]);
    expect((await verifyAuditChains(ownerUrl())).problems).toEqual([]);
    const result = await verifyAuditChains(ownerUrl(), { checkpoints: checkpoint.heads });
    expect(result.problems).toEqual([{ organizationId: a.organizationId, eventId: ids[2], problem: "truncated" }]);
  });

  it("detects that a whole one-event chain was deleted, and keeps its head in later checkpoints", async () => {
    const [bEvent] = await record(b, 0);
    await tamper(`DELETE FROM audit_events WHERE "organizationId" = $1`, [b.organizationId]);
    // A later checkpoint must not forget the vanished chain.
    await writeCheckpoint(ownerUrl(), dataDir);
    const heads = readCheckpointFile(dataDir)!.heads;
    expect(heads.find((h) => h.organizationId === b.organizationId)?.lastId).toBe(bEvent);
    const cli = await auditVerifyCli(dataDir);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`Audit event ${bEvent} (organisation ${b.organizationId}) was checkpointed as the head of its chain`);
    expect(readFileSync(checkpointPath(dataDir), "utf8")).toContain(b.organizationId);
  });

  it("detects a cut tail against the chain heads recorded in a backup's header", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-audit-tail-backup-"));
    const file = path.join(dir, "tail.backup");
    await record(c, 1);
    const backup = await backupDatabase(ownerUrl(), file, { dataDir });
    expect(readBackupManifest(file).auditHeads).toEqual(backup.auditHeads);
    const ids = await record(c, 0);
    await tamper(`DELETE FROM audit_events WHERE id = $1::bigint`, [ids[ids.length - 1]]);
    const result = await verifyAuditChains(ownerUrl(), { checkpoints: readBackupManifest(file).auditHeads });
    expect(result.problems).toContainEqual({ organizationId: c.organizationId, eventId: ids[ids.length - 1], problem: "truncated" });
  });

  it("refuses to call an emptied log intact while the database holds organisations", async () => {
    await tamper(`DELETE FROM audit_events`);
    const result = await verifyAuditChains(ownerUrl());
    expect(result.events).toBe(0);
    expect(result.problems).toEqual([{ organizationId: null, eventId: "", problem: "empty" }]);
  });
});
