// Likely duplicates among people who arrived in bulk (an import, a restore, a large seed) and were never
// compared as they were written: the background scan compares them with the same matching as the person
// form (across scripts and spellings, an identity document's hash first), lists them in "what needs doing
// today" with the time of the last check, creates nothing new when run again, leaves a pair reviewed as
// "not the same person" closed, and never pairs people of two organisations.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { runQueuedJobsOnce } from "../../lib/jobs/worker";
import { nameKeys } from "../../lib/names/keys";
import { reviewDuplicatePair } from "../../lib/people/review-duplicate-pair";
import { requestDuplicateScan, scanDuplicatePeople } from "../../lib/people/scan-duplicates";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

interface BulkPerson {
  name: string;
  gender?: "MALE" | "FEMALE";
  birthYear?: number;
  /** a stand-in for the keyed hash of an identity number */
  documentHash?: string;
}

/** People written straight into the tables, as a bulk load does: no duplicate check runs. */
async function bulkInsertPeople(org: TestOrg, people: BulkPerson[]): Promise<string[]> {
  const ids = people.map(() => randomUUID());
  await ownerQuery(
    `INSERT INTO people (id, "organizationId", "displayName", gender, "birthDate", "birthDatePrecision", "updatedAt")
     SELECT p.id, $1, p.name, p.gender::"Gender", p.birth, CASE WHEN p.birth IS NULL THEN 'UNKNOWN' ELSE 'YEAR' END::"DatePrecision", now()
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[]) AS p(id, name, gender, birth)`,
    [org.id, ids, people.map((p) => p.name), people.map((p) => p.gender ?? "UNKNOWN"), people.map((p) => (p.birthYear ? `${p.birthYear}-01-01` : null))],
  );
  const keys = people.map((p) => nameKeys(p.name));
  await ownerQuery(
    `INSERT INTO person_names ("organizationId", "personId", value, script, kind, "isPrimary", normalized, skeleton)
     SELECT $1, n.person, n.value, n.script::"NameScript", 'LEGAL', true, n.normalized, n.skeleton
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS n(person, value, script, normalized, skeleton)`,
    [org.id, ids, people.map((p) => p.name), keys.map((k) => k.script), keys.map((k) => k.normalized), keys.map((k) => k.skeleton)],
  );
  for (const [i, person] of people.entries()) {
    if (!person.documentHash) continue;
    await ownerQuery(
      `INSERT INTO person_documents ("organizationId", "personId", kind, "numberEnc", "numberHash", "updatedAt") VALUES ($1, $2, 'CN_RESIDENT_ID', 'not-read-here', $3, now())`,
      [org.id, ids[i], person.documentHash],
    );
  }
  return ids;
}

const todo = async (member: TestMember) => (await getDashboard(member, { period: "month" })).needsDoing!.likelyDuplicates;
const pairsOf = (org: TestOrg) =>
  ownerQuery<{ id: string; personAId: string; personBId: string; status: string; reasons: string[] }>(
    `SELECT id, "personAId", "personBId", status::text, reasons FROM person_duplicate_pairs WHERE "organizationId" = $1 ORDER BY "personAId", "personBId"`,
    [org.id],
  );

describe("the scan for likely duplicates among bulk-loaded people", () => {
  let org: TestOrg;
  let other: TestOrg;
  let coordinator: TestMember;
  let latin: string, cyrillic: string, documentA: string, documentB: string;

  beforeAll(async () => {
    org = await createOrg("Bulk duplicates group", "BD");
    other = await createOrg("Other bulk group", "BO");
    coordinator = await createMember(org, "COORDINATOR");
    [latin, cyrillic, documentA, documentB] = await bulkInsertPeople(org, [
      { name: "Maksutkhan Dauletbekuly", gender: "MALE", birthYear: 1968 },
      { name: "Мақсұтхан Дәулетбекұлы", gender: "MALE", birthYear: 1968 },
      // different names, the same identity number
      { name: "Zhanar Abenova", gender: "FEMALE", documentHash: "same-number-hash" },
      { name: "Гүлнар Серікқызы", gender: "FEMALE", documentHash: "same-number-hash" },
      { name: "Yerlan Tokhtarov", gender: "MALE", birthYear: 1980 },
    ]) as [string, string, string, string];
    // the same names in another organisation, and the same document hash
    await bulkInsertPeople(other, [
      { name: "Maqsutkhan Dauletbekuly", gender: "MALE", birthYear: 1968 },
      { name: "Zhanar Abenova", gender: "FEMALE", documentHash: "same-number-hash" },
    ]);
  });

  it("finds nothing before the scan and says the people were not checked yet", async () => {
    const list = await todo(coordinator);
    expect(list.count).toBe(0);
    expect(list.checkedAt).toBeNull();
  });

  it("lists the same person written in two scripts, and two people with one identity number, after the scan", async () => {
    const before = Date.now();
    const result = await scanDuplicatePeople(org.id, { batchSize: 2 });
    expect(result.people).toBe(5);
    expect(result.newPairs).toBe(2);
    const list = await todo(coordinator);
    expect(list.count).toBe(2);
    const byPeople = new Map(list.items.map((item) => [[item.first.id, item.second.id].sort().join(" "), item]));
    const names = byPeople.get([latin, cyrillic].sort().join(" "));
    expect(names?.href).toBe(`/people/${names!.first.id}/merge?other=${names!.second.id}`);
    const documents = byPeople.get([documentA, documentB].sort().join(" "));
    expect(documents?.score).toBe(1);
    expect((await pairsOf(org)).find((pair) => [pair.personAId, pair.personBId].includes(documentA))?.reasons).toContain("sameDocument");
    expect(Date.parse(list.checkedAt!)).toBeGreaterThanOrEqual(before - 1_000);
  });

  it("creates nothing new when run again", async () => {
    const before = await pairsOf(org);
    const again = await scanDuplicatePeople(org.id);
    expect(again.newPairs).toBe(0);
    expect(await pairsOf(org)).toEqual(before);
  });

  it("leaves a pair reviewed as not the same person closed", async () => {
    const list = await todo(coordinator);
    const names = list.items.find((item) => [item.first.id, item.second.id].includes(latin))!;
    await reviewDuplicatePair(coordinator, names.id, { decision: "NOT_SAME" });
    await scanDuplicatePeople(org.id);
    const after = await todo(coordinator);
    expect(after.count).toBe(1);
    expect(after.items.map((item) => item.id)).not.toContain(names.id);
    expect((await pairsOf(org)).find((pair) => pair.id === names.id)?.status).toBe("NOT_SAME");
  });

  it("never pairs people of two organisations", async () => {
    await scanDuplicatePeople(other.id);
    const orgPeople = await ownerQuery<{ id: string; organizationId: string }>(`SELECT id, "organizationId" FROM people WHERE "organizationId" = ANY($1::uuid[])`, [[org.id, other.id]]);
    const orgOf = new Map(orgPeople.map((p) => [p.id, p.organizationId]));
    const all = await ownerQuery<{ organizationId: string; personAId: string; personBId: string }>(
      `SELECT "organizationId", "personAId", "personBId" FROM person_duplicate_pairs WHERE "organizationId" = ANY($1::uuid[])`,
      [[org.id, other.id]],
    );
    expect(all.length).toBeGreaterThan(0);
    for (const pair of all) {
      expect(orgOf.get(pair.personAId)).toBe(pair.organizationId);
      expect(orgOf.get(pair.personBId)).toBe(pair.organizationId);
    }
    // the other organisation has one person of each name: nothing to pair there
    expect(await pairsOf(other)).toEqual([]);
  });

  it("runs as a background job when requested, and a request names only the current organisation", async () => {
    const third = await createOrg("Queued scan group", "QS");
    const thirdCoordinator = await createMember(third, "COORDINATOR");
    await bulkInsertPeople(third, [{ name: "Ainur Qasymova" }, { name: "Айнұр Қасымова" }]);
    await requestDuplicateScan(third.id);
    // a second request while the first waits is the same job
    await requestDuplicateScan(third.id);
    const queued = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`duplicate-scan:${third.id}`]);
    expect(queued[0]!.n).toBe(1);
    await runQueuedJobsOnce();
    const list = await todo(thirdCoordinator);
    expect(list.count).toBe(1);
    expect(list.checkedAt).not.toBeNull();
    const { withTenant } = await import("../../lib/db");
    await expect(withTenant({ organizationId: org.id }, (tx) => tx.$queryRaw`SELECT app_request_duplicate_scan(${third.id}::uuid)`)).rejects.toThrow(/only for the current organisation/);
  });
});
