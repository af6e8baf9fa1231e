// The dashboard's summaries (dashboard_counts) are kept by the database in the same transaction as each
// change. After every kind of change made through the services — opening cases, timeline events added,
// redated and removed, status set by hand, edits, reassignment, deletion and restore, contacts, a moved
// hometown, erasure and merging of people — they must equal a count written out here, independently, from
// the records themselves; and a rebuild from scratch must change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { addContact, removeContact } from "../../lib/cases/contacts";
import { createCase } from "../../lib/cases/create-case";
import { addEvent, deleteEvent, updateEvent } from "../../lib/cases/events";
import { assignCase, deleteCase, restoreCase, setStatusOverride } from "../../lib/cases/manage-case";
import { updateCase } from "../../lib/cases/update-case";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { erasePerson } from "../../lib/people/erase-person";
import { mergePeople } from "../../lib/people/merge-people";
import { updatePerson } from "../../lib/people/update-person";
import { independentCounts, keptCounts } from "../helpers/dashboard-counts";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

async function expectKeptEqualsCounted(org: TestOrg): Promise<void> {
  expect(await keptCounts(org.id)).toEqual(await independentCounts(org.id));
}

async function placeId(code: string): Promise<string> {
  return (await ownerQuery<{ id: string }>(`SELECT id FROM places WHERE code = $1`, [code]))[0]!.id;
}

async function version(table: "cases" | "case_events" | "people", id: string): Promise<number> {
  return (await ownerQuery<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]!.version;
}

describe("the dashboard's summaries", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let other: TestOrg;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    org = await createOrg("Summaries group", "SU");
    other = await createOrg("Other summaries group", "SO");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    const ili = await placeId("XJ-ILI-GHC");
    const almaty = await placeId("KZ-ALM-KON");
    const first = await createCase(coordinator, {
      subject: { person: { names: [{ value: "Qanat Serikuly" }], hometownPlaceId: ili } },
      contacts: [{ person: { names: [{ value: "Aigerim Serikkyzy" }], hometownPlaceId: almaty }, relationship: "SISTER", isPrimary: true }],
      status: "MISSING",
      assignedToId: volunteer.userId,
    });
    const second = await createCase(coordinator, { subject: { person: { names: [{ value: "Berik Nurlanuly" }] } }, status: "DETAINED" });
    const third = await createCase(coordinator, { subject: { person: { names: [{ value: "Dana Askarkyzy" }] } } });
    ids.first = first.id;
    ids.second = second.id;
    ids.third = third.id;
    await createCase(await createMember(other, "COORDINATOR"), { subject: { person: { names: [{ value: "Elsewhere Person" }] } }, status: "DETAINED" });
  });

  it("equal the records after cases are opened", async () => {
    expect(Object.keys(await keptCounts(org.id)).length).toBeGreaterThan(8);
    await expectKeptEqualsCounted(org);
    await expectKeptEqualsCounted(other);
  });

  it("equal the records after timeline events are added, redated, retyped and removed", async () => {
    const detained = await addEvent(coordinator, ids.first!, { type: "DETAINED", date: "2018-03-12" });
    await addEvent(coordinator, ids.first!, { type: "SENTENCED", date: "2019-05-01" });
    const lost = await addEvent(coordinator, ids.first!, { type: "CONTACT_LOST", date: "2021-07-01" });
    await addEvent(coordinator, ids.second!, { type: "RELEASED", date: "2026-02-10" });
    await addEvent(coordinator, ids.second!, { type: "RELEASED", date: "2026-02-20" });
    await addEvent(coordinator, ids.second!, { type: "RETURNED", date: "2026-04-02" });
    await expectKeptEqualsCounted(org);
    await updateEvent(coordinator, ids.first!, lost.id, { version: lost.version, type: "CONTACT_LOST", date: "2024-07-01" });
    await updateEvent(coordinator, ids.first!, detained.id, { version: detained.version, type: "DISAPPEARED", date: "2017-11-01" });
    await expectKeptEqualsCounted(org);
    const third = await addEvent(coordinator, ids.third!, { type: "SENT_TO_CAMP", date: "2019-01-01" });
    await deleteEvent(coordinator, ids.third!, third.id, { version: third.version });
    await expectKeptEqualsCounted(org);
  });

  it("equal the records after a status set by hand, edits and reassignment", async () => {
    await setStatusOverride(coordinator, ids.second!, { version: await version("cases", ids.second!), status: "HOUSE_ARREST" });
    await updateCase(coordinator, ids.second!, { version: await version("cases", ids.second!), tags: ["urgent"], priority: "HIGH" });
    await assignCase(coordinator, ids.third!, { version: await version("cases", ids.third!), assignedToId: volunteer.userId });
    await ownerQuery(`UPDATE cases SET "closedAt" = '2026-05-01T00:00:00Z', "updatedAt" = '2025-01-01T00:00:00Z' WHERE id = $1`, [ids.third]);
    await expectKeptEqualsCounted(org);
    await setStatusOverride(coordinator, ids.second!, { version: await version("cases", ids.second!), status: null });
    await expectKeptEqualsCounted(org);
  });

  it("equal the records after a case is deleted and restored", async () => {
    await deleteCase(coordinator, ids.second!, { version: await version("cases", ids.second!) });
    await expectKeptEqualsCounted(org);
    expect(Object.keys(await keptCounts(org.id)).some((key) => key.startsWith("event ") && key.includes("RETURNED"))).toBe(false);
    await restoreCase(coordinator, ids.second!);
    await expectKeptEqualsCounted(org);
  });

  it("equal the records after contacts change and a person's hometown moves", async () => {
    const contact = await addContact(coordinator, ids.second!, { person: { names: [{ value: "Saule Berikkyzy" }], hometownPlaceId: await placeId("KZ-ALA") }, relationship: "DAUGHTER" });
    await expectKeptEqualsCounted(org);
    const [subject] = await ownerQuery<{ id: string }>(`SELECT "subjectPersonId" AS id FROM cases WHERE id = $1`, [ids.second]);
    await updatePerson(coordinator, subject!.id, { version: await version("people", subject!.id), hometownPlaceId: await placeId("XJ-TAC-CHU") });
    await updatePerson(coordinator, contact.personId, { version: await version("people", contact.personId), hometownPlaceId: null });
    await expectKeptEqualsCounted(org);
    await removeContact(coordinator, ids.second!, contact.id);
    await expectKeptEqualsCounted(org);
  });

  it("equal the records after a family contact is erased and two people are merged", async () => {
    const [sister] = await ownerQuery<{ id: string; displayName: string }>(
      `SELECT p.id, p."displayName" FROM case_contacts cc JOIN people p ON p.id = cc."personId" WHERE cc."caseId" = $1`,
      [ids.first],
    );
    await erasePerson(coordinator, sister!.id, { reason: "FAMILY_REQUEST", confirmation: sister!.displayName, version: await version("people", sister!.id) });
    await expectKeptEqualsCounted(org);
    // the third case's subject turns out to be the same person as the first's: merged, the cases stay
    const subjects = await ownerQuery<{ id: string; caseId: string }>(`SELECT "subjectPersonId" AS id, id AS "caseId" FROM cases WHERE id = ANY($1::uuid[])`, [[ids.first, ids.third]]);
    const survivor = subjects.find((row) => row.caseId === ids.first)!.id;
    const merged = subjects.find((row) => row.caseId === ids.third)!.id;
    await mergePeople(coordinator, { survivorId: survivor, mergedId: merged, reason: "Same person, two spellings" });
    await expectKeptEqualsCounted(org);
  });

  it("are what a rebuild from the records gives, and what the dashboard shows", async () => {
    const before = await keptCounts(org.id);
    await ownerQuery(`SELECT dashboard_rebuild($1)`, [org.id]);
    expect(await keptCounts(org.id)).toEqual(before);
    // the dashboard's open cases are the summary's, with and without a case filter
    const counted = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND "closedAt" IS NULL`, [org.id]);
    const all = await getDashboard(coordinator, { period: "year" });
    expect(all.headline.openByStatus.current.total).toEqual({ value: counted[0]!.n });
    const mine = await getDashboard(coordinator, { period: "year", assignee: volunteer.userId });
    const countedMine = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND "closedAt" IS NULL AND "assignedToId" = $2`,
      [org.id, volunteer.userId],
    );
    expect(mine.headline.openByStatus.current.total).toEqual({ value: countedMine[0]!.n });
  });

  it("cannot be written by the application's database role", async () => {
    const { withTenant } = await import("../../lib/db");
    await expect(withTenant(coordinator, (tx) => tx.$executeRaw`UPDATE dashboard_counts SET n = n + 1`)).rejects.toThrow(/permission denied/);
    await expect(withTenant(coordinator, (tx) => tx.$executeRaw`SELECT dashboard_rebuild(${org.id}::uuid)`)).rejects.toThrow(/permission denied/);
  });
});
