// What a large import leaves in the server's memory once it is done: the database driver's debug module
// keeps the arguments of the last 100 statements whether or not debugging is on, and an import's
// statements carry thousands of rows' names, hashes and ids each. The import forgets them batch by batch,
// so the server holds none of the sheet's values afterwards, and the live heap does not grow by a batch's
// worth of arguments per batch (BENCHMARKS.md, "Spreadsheet import").
import { getLogs } from "@prisma/debug";
import { beforeAll, describe, expect, it } from "vitest";
import { benchSheet } from "../../scripts/bench-import";
import { runImport } from "@/lib/imports/commit-import";
import { previewImport } from "@/lib/imports/preview-import";
import { skeletonKey } from "@/lib/names/keys";
import { requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;

beforeAll(async () => {
  org = await createOrg("Memory group", "MG");
  coordinator = await createMember(org, "COORDINATOR");
});

const mapping = { entity: "cases" as const, locale: "ru" as const, duplicateDefault: "create" as const };
const ROWS = 4_500; // three batches

/** The sheet's subjects' names, as the file spells them. */
function subjectNames(bytes: Buffer): string[] {
  return bytes.toString("utf8").replace(/^\uFEFF/, "").split("\r\n").slice(1).map((line) => line.split(";")[0]!);
}

describe("what an import leaves in memory", () => {
  it("keeps none of the sheet's name keys in the driver's statement log after a preview of three batches", async () => {
    const bytes = benchSheet(ROWS, 23);
    const upload = await uploadImport(coordinator, { fileName: "memory.csv", bytes });
    const preview = await previewImport(coordinator, { uploadId: upload.id, ...mapping });
    expect(preview.counts.rows).toBe(ROWS);
    const log = getLogs(Number.MAX_SAFE_INTEGER);
    // the preview looks names up by their spelling-independent keys
    const kept = subjectNames(bytes).map(skeletonKey).filter((key) => log.includes(`"${key}"`));
    expect(kept).toEqual([]);
  });

  it("keeps none of the sheet's names, phones' hashes or new ids in the driver's statement log after committing three batches", async () => {
    const bytes = benchSheet(ROWS, 29);
    const upload = await uploadImport(coordinator, { fileName: "memory.csv", bytes });
    const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
    await ownerQuery(`UPDATE jobs SET status = 'RUNNING', "startedAt" = now(), attempts = 1 WHERE id = $1`, [job.id]);
    await runImport(coordinator, { uploadId: upload.id, ...mapping, sheet: upload.sheets[0]!.name }, { jobId: job.id, progress: async () => {} });

    const [counts] = await ownerQuery<{ cases: string }>(`SELECT count(*) AS cases FROM cases WHERE "organizationId" = $1`, [org.id]);
    expect(Number(counts!.cases)).toBe(ROWS);
    const log = getLogs(Number.MAX_SAFE_INTEGER);
    expect(subjectNames(bytes).filter((name) => log.includes(name))).toEqual([]);
    const written = await ownerQuery<{ id: string; phoneHash: string | null }>(`SELECT id, "phoneHash" FROM people WHERE "organizationId" = $1`, [org.id]);
    expect(written.filter((person) => log.includes(person.id) || (person.phoneHash && log.includes(person.phoneHash)))).toEqual([]);
    // what is left is a few short statements (the job's result, the chain's head), not megabytes of rows
    expect(log.length).toBeLessThan(50_000);
  });
});
