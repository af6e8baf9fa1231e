// Background reports: the queue runs them as their owner with progress, a cancelled one is not made, a
// failed one can be retried, the file is kept encrypted until its expiry and then deleted.
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { storedFilePath } from "@/lib/files/storage";
import { cancelJob, cleanupExpiredJobFiles, enqueueJob, findMyJobs, getJob, retryJob } from "@/lib/jobs/queue";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { resetEnvCache } from "@/lib/env";
import { downloadJobReport } from "@/lib/reports/request-report";
import { rotateJobFiles } from "../../scripts/lib/rotate-keys";
import { unzipWithPassword } from "@/lib/reports/zip";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { writeFixtureCases, type FixtureCase } from "../helpers/report-fixtures";

const fixture = (level: FixtureCase["level"], n: string): FixtureCase => ({
  level,
  names: [`Yerbol Job${n}`, `Ербол Жоб${n}`],
  relativeName: `Гүлнар Жоб${n}`,
  phone: `+7 702 000 00${n}`,
  birthDate: "1980-01-02",
  summary: `summary ${n}`,
  eventDescription: `event ${n}`,
  facility: `facility ${n}`,
  placeText: `village ${n}`,
  sourceTitle: `source ${n}`,
  advocacyResponse: `response ${n}`,
  policeDescription: `police ${n}`,
  lawyer: `lawyer ${n}`,
});

let org: TestOrg;
let coordinator: TestMember;
let other: TestMember;
const registerJob = () => ({ kind: "report" as const, payload: { kind: "register", format: "csv", from: null, to: null }, total: 2 });

beforeAll(async () => {
  org = await createOrg("Jobs group", "JB");
  coordinator = await createMember(org, "COORDINATOR");
  other = await createMember(org, "COORDINATOR");
  await writeFixtureCases(org.id, "JB", [fixture("PRIVATE", "01"), fixture("PUBLIC", "02")]);
});

async function storageOf(jobId: string): Promise<{ storageKey: string | null; expiresAt: Date | null }> {
  const [row] = await ownerQuery<{ storageKey: string | null; expiresAt: Date | null }>(`SELECT "storageKey", "expiresAt" FROM jobs WHERE id = $1`, [jobId]);
  return row!;
}

describe("background report jobs", () => {
  it("runs a queued report as its owner, shows full progress and keeps the file encrypted for the retention period", async () => {
    const job = await enqueueJob(coordinator, registerJob());
    expect(job).toMatchObject({ status: "QUEUED", percent: 0, total: 2 });
    await runQueuedJobsOnce();
    const done = await getJob(coordinator, job.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", percent: 100, recordCount: 2, fileAvailable: true });
    expect(done.fileName).toMatch(/^police-action-register_jb-.+\.csv$/);
    const { storageKey, expiresAt } = await storageOf(job.id);
    // seven days by default (organisation setting)
    expect(Math.round((expiresAt!.getTime() - new Date(done.finishedAt!).getTime()) / 86_400_000)).toBe(7);
    const onDisk = readFileSync(storedFilePath(org.id, storageKey!));
    expect(onDisk.includes(Buffer.from("Гүлнар"))).toBe(false);
    const file = await downloadJobReport(coordinator, job.id);
    expect(file.bytes.toString("utf8")).toContain("Гүлнар Жоб01");
    const zipped = await downloadJobReport(coordinator, job.id, { zipPassword: "a long password" });
    expect((await unzipWithPassword(zipped.bytes, "a long password")).bytes.toString("utf8")).toContain("Гүлнар Жоб02");
    const audits = await ownerQuery<{ action: string }>(`SELECT action FROM audit_events WHERE "entityId" = $1 ORDER BY id`, [job.id]);
    expect(audits.map((row) => row.action)).toEqual(["job.enqueue", "report.generate", "report.download", "report.download"]);
  });

  it("shows a member only their own jobs", async () => {
    const mine = await enqueueJob(other, registerJob());
    expect((await findMyJobs(coordinator)).map((job) => job.id)).not.toContain(mine.id);
    await expect(getJob(coordinator, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(downloadJobReport(coordinator, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await cancelJob(other, mine.id);
  });

  it("does not make a report that was cancelled while waiting, and can retry it", async () => {
    const job = await enqueueJob(coordinator, registerJob());
    expect((await cancelJob(coordinator, job.id)).status).toBe("CANCELLED");
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "CANCELLED", fileAvailable: false });
    await expect(downloadJobReport(coordinator, job.id)).rejects.toMatchObject({ key: "reportNotReady" });
    expect((await retryJob(coordinator, job.id)).status).toBe("QUEUED");
    await runQueuedJobsOnce();
    expect((await getJob(coordinator, job.id)).status).toBe("SUCCEEDED");
  });

  it("fails a job whose owner lost the right to it, and succeeds on retry once they have it again", async () => {
    const job = await enqueueJob(coordinator, registerJob());
    await ownerQuery(`UPDATE memberships SET role = 'VOLUNTEER' WHERE "userId" = $1`, [coordinator.userId]);
    await runQueuedJobsOnce();
    await ownerQuery(`UPDATE memberships SET role = 'COORDINATOR' WHERE "userId" = $1`, [coordinator.userId]);
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "FAILED", error: "forbidden" });
    await retryJob(coordinator, job.id);
    await runQueuedJobsOnce();
    expect((await getJob(coordinator, job.id)).status).toBe("SUCCEEDED");
  });

  it("deletes the file after its expiry and says so on download", async () => {
    const job = await enqueueJob(coordinator, registerJob());
    await runQueuedJobsOnce();
    const { storageKey } = await storageOf(job.id);
    const path = storedFilePath(org.id, storageKey!);
    expect(existsSync(path)).toBe(true);
    await ownerQuery(`UPDATE jobs SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [job.id]);
    expect(await cleanupExpiredJobFiles()).toBeGreaterThanOrEqual(1);
    expect(existsSync(path)).toBe(false);
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "SUCCEEDED", fileAvailable: false });
    await expect(downloadJobReport(coordinator, job.id)).rejects.toMatchObject({ key: "reportExpired" });
  });

  it("re-encrypts a finished report's file with the new key when the keys are rotated, and it still downloads once the old key is gone", async () => {
    const useActiveKey = (id: string) => {
      process.env.ENCRYPTION_ACTIVE_KEY = id;
      resetEnvCache();
    };
    const saved = process.env.ENCRYPTION_KEYS as string;
    try {
      useActiveKey("test0");
      const job = await enqueueJob(coordinator, registerJob());
      await runQueuedJobsOnce();
      const before = await storageOf(job.id);
      const [{ keyId: oldKey } = { keyId: "" }] = await ownerQuery<{ keyId: string }>(`SELECT "keyId" FROM jobs WHERE id = $1`, [job.id]);
      expect(oldKey).toBe("test0");
      useActiveKey("test1");
      const result = await rotateJobFiles(process.env.DATABASE_URL as string);
      expect(result.reencrypted).toBeGreaterThanOrEqual(1);
      const after = await storageOf(job.id);
      const [{ keyId: newKey } = { keyId: "" }] = await ownerQuery<{ keyId: string }>(`SELECT "keyId" FROM jobs WHERE id = $1`, [job.id]);
      expect(newKey).toBe("test1");
      expect(after.storageKey).not.toBe(before.storageKey);
      expect(existsSync(storedFilePath(org.id, before.storageKey!))).toBe(false);
      // only the new key left: the file still opens, and nothing is left to rotate
      process.env.ENCRYPTION_KEYS = saved.split(",").filter((key) => key.startsWith("test1:")).join(",");
      resetEnvCache();
      expect((await downloadJobReport(coordinator, job.id)).bytes.toString("utf8")).toContain("Гүлнар Жоб01");
      expect((await rotateJobFiles(process.env.DATABASE_URL as string)).reencrypted).toBe(0);
    } finally {
      process.env.ENCRYPTION_KEYS = saved;
      useActiveKey("test1");
    }
  });
});
