// Likely duplicate people in "what needs doing today": recorded as people are entered, by the same
// detection the person form uses; a pair reviewed as "not the same person" is not offered again, a merge
// resolves it; only coordinators and admins see or decide them, and each decision is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { createPerson } from "../../lib/people/create-person";
import { mergePeople } from "../../lib/people/merge-people";
import { reviewDuplicatePair } from "../../lib/people/review-duplicate-pair";
import { updatePerson } from "../../lib/people/update-person";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const duplicates = async (member: TestMember) => (await getDashboard(member, { period: "month" })).needsDoing?.likelyDuplicates ?? null;

describe("likely duplicate people in what needs doing today", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let admin: TestMember;
  let volunteer: TestMember;
  let analyst: TestMember;
  let elsewhere: TestMember;

  beforeAll(async () => {
    org = await createOrg("Duplicates group", "DU");
    coordinator = await createMember(org, "COORDINATOR");
    admin = await createMember(org, "ADMIN");
    volunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    elsewhere = await createMember(await createOrg("Other duplicates group", "DO"), "COORDINATOR");
  });

  it("lists two records of the same name, entered by a volunteer, with a link to compare them", async () => {
    const first = await createPerson(volunteer, { names: [{ value: "Maksutkhan Dauletbekuly" }], gender: "MALE", birthDate: "1968", birthDatePrecision: "YEAR" });
    const second = await createPerson(volunteer, { names: [{ value: "Мақсұтхан Дәулетбекұлы" }], gender: "MALE", birthDate: "1968", birthDatePrecision: "YEAR" });
    await createPerson(volunteer, { names: [{ value: "Gulnara Serikkyzy" }], gender: "FEMALE" });
    const list = (await duplicates(coordinator))!;
    expect(list.count).toBe(1);
    expect(list.items[0]).toMatchObject({ first: { id: first.id }, second: { id: second.id }, href: `/people/${first.id}/merge?other=${second.id}` });
    expect((await duplicates(admin))!.count).toBe(1);
  });

  it("shows them to coordinators and admins only, and lets no one else decide", async () => {
    const [pair] = await ownerQuery<{ id: string }>(`SELECT id FROM person_duplicate_pairs WHERE "organizationId" = $1`, [org.id]);
    await expect(getDashboard(volunteer, { period: "month" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await duplicates(analyst)).toBeNull();
    await expect(reviewDuplicatePair(volunteer, pair!.id, { decision: "NOT_SAME" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewDuplicatePair(analyst, pair!.id, { decision: "NOT_SAME" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewDuplicatePair(elsewhere, pair!.id, { decision: "NOT_SAME" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reviewDuplicatePair(coordinator, pair!.id, { decision: "SAME" as "NOT_SAME" })).rejects.toMatchObject({ code: "INVALID" });
    expect((await duplicates(coordinator))!.count).toBe(1);
  });

  it("does not offer a pair again once reviewed as not the same person, even after an edit, and audits the decision", async () => {
    const [pair] = await ownerQuery<{ id: string; personAId: string }>(`SELECT id, "personAId" FROM person_duplicate_pairs WHERE "organizationId" = $1`, [org.id]);
    await reviewDuplicatePair(coordinator, pair!.id, { decision: "NOT_SAME" });
    expect((await duplicates(coordinator))!.count).toBe(0);
    const [{ version }] = (await ownerQuery<{ version: number }>(`SELECT version FROM people WHERE id = $1`, [pair!.personAId])) as [{ version: number }];
    await updatePerson(coordinator, pair!.personAId, { version, names: [{ value: "Maksutkhan Dauletbekuly" }, { value: "Maqsutkhan" }] });
    expect((await duplicates(coordinator))!.count).toBe(0);
    const events = await ownerQuery<{ actorUserId: string; metadata: { decision: string } }>(
      `SELECT "actorUserId", metadata FROM audit_events WHERE action = 'person.duplicate.review' AND "entityId" = $1`,
      [pair!.id],
    );
    expect(events).toEqual([expect.objectContaining({ actorUserId: coordinator.userId, metadata: expect.objectContaining({ decision: "NOT_SAME" }) })]);
  });

  it("resolves a pair when the two records are merged", async () => {
    const kept = await createPerson(coordinator, { names: [{ value: "Yerbol Tursynuly" }], gender: "MALE" });
    const again = await createPerson(coordinator, { names: [{ value: "Erbol Tursynuly" }], gender: "MALE" });
    const list = (await duplicates(coordinator))!;
    expect(list.items.map((item) => [item.first.id, item.second.id])).toEqual([[kept.id, again.id]]);
    await mergePeople(coordinator, { survivorId: kept.id, mergedId: again.id, reason: "Same person, two spellings" });
    expect((await duplicates(coordinator))!.count).toBe(0);
  });
});
