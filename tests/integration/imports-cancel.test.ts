// Cancelling an import: whenever the cancel comes — before the job's turn, between batches after some
// rows were written, or after the last batch but before the commit — nothing of the file is kept and the
// job reads "cancelled"; a cancel after the import has committed is refused and the job reads "succeeded".
import { beforeAll, describe, expect, it } from "vitest";
import { benchSheet } from "../../scripts/bench-import";
import { runImport } from "@/lib/imports/commit-import";
import { cancelImportJob, getImportJob, requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { JobCancelled } from "@/lib/jobs/queue";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;

beforeAll(async () => {
  org = await createOrg("Cancel group", "CG");
  coordinator = await createMember(org, "COORDINATOR");
});

const mapping = { entity: "cases" as const, locale: "ru" as const, duplicateDefault: "create" as const };

/** What an import could have left behind in the organisation. */
async function written() {
  const [row] = await ownerQuery<{ people: string; names: string; cases: string; contacts: string; records: string; audits: string }>(
    `SELECT (SELECT count(*) FROM people WHERE "organizationId" = $1) AS people, (SELECT count(*) FROM person_names WHERE "organizationId" = $1) AS names,
            (SELECT count(*) FROM cases WHERE "organizationId" = $1) AS cases, (SELECT count(*) FROM case_contacts WHERE "organizationId" = $1) AS contacts,
            (SELECT count(*) FROM import_records WHERE "organizationId" = $1) AS records,
            (SELECT count(*) FROM audit_events WHERE "organizationId" = $1 AND action IN ('person.create', 'case.create', 'import.commit')) AS audits`,
    [org.id],
  );
  return row;
}
const nothing = { people: "0", names: "0", cases: "0", contacts: "0", records: "0", audits: "0" };

/** An import job claimed as the worker claims it, ready to be run by hand. */
async function runningJob(rows: number) {
  const upload = await uploadImport(coordinator, { fileName: "families.csv", bytes: benchSheet(rows) });
  const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
  await ownerQuery(`UPDATE jobs SET status = 'RUNNING', "startedAt" = now(), attempts = 1 WHERE id = $1`, [job.id]);
  return { upload, job, payload: { uploadId: upload.id, ...mapping, sheet: upload.sheets[0]!.name } };
}

describe("cancelling an import", () => {
  it("keeps nothing when the cancel comes while a later batch is being written, though the first batch was already written", async () => {
    const { job, payload } = await runningJob(2_500);
    let reports = 0;
    const run = runImport(coordinator, payload, {
      jobId: job.id,
      // as the queue's report does: after the first batch the member cancels, and the report notices it
      progress: async () => {
        reports += 1;
        const before = await written();
        expect(before).toEqual(nothing); // the first batch is written only inside the import's transaction
        await cancelImportJob(coordinator, job.id);
        const state = await getImportJob(coordinator, job.id);
        if (state.status !== "RUNNING") throw new JobCancelled();
      },
    });
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(reports).toBe(1);
    expect(await written()).toEqual(nothing);
    expect(await getImportJob(coordinator, job.id)).toMatchObject({ status: "CANCELLED", result: null });
  }, 300_000);

  it("keeps nothing when the cancel comes after the last batch's report, before the commit", async () => {
    const { job, payload } = await runningJob(3);
    const run = runImport(coordinator, payload, {
      jobId: job.id,
      // the cancel lands just after the last report looked: only the import's own last check can see it
      progress: async () => {
        await cancelImportJob(coordinator, job.id);
      },
    });
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(await written()).toEqual(nothing);
    expect(await getImportJob(coordinator, job.id)).toMatchObject({ status: "CANCELLED" });
  });

  it("runs nothing of an import cancelled before its turn", async () => {
    const upload = await uploadImport(coordinator, { fileName: "families.csv", bytes: benchSheet(3) });
    const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
    await cancelImportJob(coordinator, job.id);
    await runQueuedJobsOnce();
    expect(await getImportJob(coordinator, job.id)).toMatchObject({ status: "CANCELLED" });
    expect(await written()).toEqual(nothing);
  });

  it("refuses a cancel after the import committed: the records stay and the job reads succeeded", async () => {
    const upload = await uploadImport(coordinator, { fileName: "families.csv", bytes: benchSheet(3) });
    const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
    await runQueuedJobsOnce();
    const late = await cancelImportJob(coordinator, job.id);
    expect(late).toMatchObject({ status: "SUCCEEDED", result: { cases: 3 } });
    expect(await written()).toMatchObject({ cases: "3", people: "6" });
  });
});
