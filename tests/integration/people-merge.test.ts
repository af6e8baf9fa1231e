import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import { createPerson } from "../../lib/people/create-person";
import { deletePerson, restorePerson } from "../../lib/people/delete-person";
import { findDuplicateCandidates } from "../../lib/people/find-duplicate-candidates";
import { findPeople } from "../../lib/people/find-people";
import { getMerge, findSurvivorId } from "../../lib/people/get-merge";
import { getPerson } from "../../lib/people/get-person";
import { getPersonTimeline } from "../../lib/people/get-person-timeline";
import { mergePeople } from "../../lib/people/merge-people";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

let counter = 0;
async function insertCase(org: string, subjectId: string, extra: { contactId?: string } = {}): Promise<string> {
  counter += 1;
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO cases ("organizationId", reference, "subjectPersonId", "updatedAt") VALUES ($1, $2, $3, now()) RETURNING id`,
    [org, `AT-2026-${String(counter).padStart(4, "0")}`, subjectId],
  );
  if (extra.contactId) {
    await ownerQuery(`INSERT INTO case_contacts ("organizationId", "caseId", "personId", relationship) VALUES ($1, $2, $3, 'SISTER')`, [
      org,
      row!.id,
      extra.contactId,
    ]);
  }
  return row!.id;
}

describe("duplicates and merging people", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;
  let org: string;

  beforeAll(async () => {
    const group = await createOrg("Atazhurt", "AT");
    org = group.id;
    coordinator = await createMember(group, "COORDINATOR");
    volunteer = await createMember(group, "VOLUNTEER");
  });

  it("offers existing records across scripts and spellings, ranked, with the reasons", async () => {
    const sister = await createPerson(coordinator, { names: [{ value: "Gulnara Maksutkhankyzy" }], gender: "FEMALE" });
    const likely = await createPerson(coordinator, {
      names: [{ value: "Мақсұтхан Дәулетбекұлы" }],
      gender: "MALE",
      birthDate: "1968",
      birthDatePrecision: "YEAR",
    });
    await insertCase(org, likely.id, { contactId: sister.id });
    const namesake = await createPerson(coordinator, {
      names: [{ value: "Maksutkhan Dauletbek" }],
      gender: "MALE",
      birthDate: "1990",
      birthDatePrecision: "YEAR",
    });
    await createPerson(coordinator, { names: [{ value: "Aizhan Tokhtarova" }] });

    const candidates = await findDuplicateCandidates(volunteer, {
      names: ["Maqsutkhan Dauletbekuly"],
      gender: "MALE",
      birthDate: "1968",
      birthDatePrecision: "YEAR",
      relativeNames: ["Гүлнара Мақсұтханқызы"],
    });
    expect(candidates.map((c) => c.id).slice(0, 2)).toEqual([likely.id, namesake.id]);
    // the sister shares a name part but is ranked below, with the reason why she is probably someone else
    const sisterRank = candidates.findIndex((c) => c.id === sister.id);
    if (sisterRank >= 0) expect(candidates[sisterRank]!.reasons).toContain("differentGender");
    expect(candidates[0]!.reasons).toEqual(expect.arrayContaining(["sameBirthYear", "sameGender", "sharedRelative"]));
    expect(candidates[1]!.reasons).toContain("differentBirthYear");
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score);
  });

  it("sees Yerbol and Erbol, Қасым and Kassym as the same name", async () => {
    const erbol = await createPerson(coordinator, { names: [{ value: "Erbol Serikbay" }] });
    const kasym = await createPerson(coordinator, { names: [{ value: "Қасым Нұрланұлы" }] });
    expect((await findDuplicateCandidates(coordinator, { names: ["Yerbol Serikbai"] })).map((c) => c.id)).toContain(erbol.id);
    const found = await findDuplicateCandidates(coordinator, { names: ["Kassym Nurlanuly"] });
    expect(found[0]?.id).toBe(kasym.id);
    expect(found[0]?.reasons).toContain("sameName");
  });

  it("merges two records: every link moves, nothing is lost, and the merge is explained and audited", async () => {
    const survivor = await createPerson(coordinator, {
      names: [{ value: "Serik Zhakenov" }],
      contact: { phone: "+7 701 111 22 33" },
      notes: "Survivor notes",
    });
    const duplicate = await createPerson(coordinator, {
      names: [{ value: "Серик Жакенов" }, { value: "Serik Zhakenov" }],
      gender: "MALE",
      birthDate: "1971-06-02",
      birthDatePrecision: "DAY",
      citizenships: ["KZ"],
      contact: { phone: "+7 702 999 88 77" },
      notes: "Duplicate notes",
    });
    const subject = await createPerson(coordinator, { names: [{ value: "Asel Zhakenova" }] });
    const caseAsSubject = await insertCase(org, duplicate.id);
    const caseAsContact = await insertCase(org, subject.id, { contactId: duplicate.id });
    const sharedCase = await insertCase(org, survivor.id, { contactId: duplicate.id });
    const [protest] = await ownerQuery<{ id: string }>(
      `INSERT INTO protests ("organizationId", "startsAt", city, kind, "updatedAt") VALUES ($1, '2025-05-01', 'Almaty', 'PICKET', now()) RETURNING id`,
      [org],
    );
    const [otherProtest] = await ownerQuery<{ id: string }>(
      `INSERT INTO protests ("organizationId", "startsAt", city, kind, "updatedAt") VALUES ($1, '2025-06-01', 'Astana', 'PICKET', now()) RETURNING id`,
      [org],
    );
    await ownerQuery(`INSERT INTO protest_participations ("organizationId", "protestId", "personId") VALUES ($1, $2, $3), ($1, $2, $4), ($1, $5, $4)`, [
      org,
      protest!.id,
      survivor.id,
      duplicate.id,
      otherProtest!.id,
    ]);
    const [police] = await ownerQuery<{ id: string }>(
      `INSERT INTO police_actions ("organizationId", "personId", type, date, "updatedAt") VALUES ($1, $2, 'DETENTION', '2025-06-01', now()) RETURNING id`,
      [org, duplicate.id],
    );
    await ownerQuery(`INSERT INTO notes ("organizationId", "personId", "bodyEnc", "updatedAt") VALUES ($1, $2, 'v1.x.y', now())`, [org, duplicate.id]);

    expect((await failure(mergePeople(volunteer, { survivorId: survivor.id, mergedId: duplicate.id, reason: "same" }))).code).toBe("FORBIDDEN");
    const reasonMissing = await failure(mergePeople(coordinator, { survivorId: survivor.id, mergedId: duplicate.id, reason: "" }));
    expect(reasonMissing.fieldErrors).toEqual({ reason: ["required"] });

    const result = await mergePeople(coordinator, { survivorId: survivor.id, mergedId: duplicate.id, reason: "Same passport number" });
    expect(result.movedLinks.casesAsSubject).toEqual([caseAsSubject]);
    expect(result.movedLinks.caseContacts).toHaveLength(1);
    expect(result.movedLinks.skipped.caseContacts).toHaveLength(1);
    expect(result.movedLinks.participations).toHaveLength(1);
    expect(result.movedLinks.skipped.participations).toHaveLength(1);
    expect(result.movedLinks.policeActions).toEqual([police!.id]);
    expect(result.movedLinks.notes).toHaveLength(1);
    expect(result.movedLinks.skipped.names).toHaveLength(1);
    expect(result.movedLinks.filledFields).toEqual(expect.arrayContaining(["gender", "birthDate", "citizenships", "notes"]));

    const merged = await getPerson(coordinator, survivor.id);
    expect(merged.names.map((n) => n.value)).toEqual(["Serik Zhakenov", "Серик Жакенов"]);
    expect(merged.names[1]!.kind).toBe("ALIAS");
    expect(merged.birthDate).toBe("1971-06-02");
    expect(merged.contact?.phone).toBe("+7 701 111 22 33");
    expect(merged.notes).toBe("Survivor notes\n\nDuplicate notes");

    const timeline = await getPersonTimeline(coordinator, survivor.id);
    expect(timeline.filter((i) => i.kind === "case").map((i) => i.id).sort()).toEqual([caseAsSubject, caseAsContact, sharedCase].sort());
    expect(timeline.filter((i) => i.kind === "protest")).toHaveLength(2);
    expect(timeline.filter((i) => i.kind === "police")).toHaveLength(1);

    // the merged record is gone from lists but kept, pointing at the survivor
    expect((await failure(getPerson(coordinator, duplicate.id))).code).toBe("NOT_FOUND");
    expect(await findSurvivorId(coordinator, duplicate.id)).toBe(survivor.id);
    const found = (await findPeople(coordinator, { q: "Серик Жакенов" })).items.map((p) => p.id);
    expect(found[0]).toBe(survivor.id);
    expect(found).not.toContain(duplicate.id);
    const [row] = await ownerQuery<{ deletedAt: Date | null; mergedIntoId: string; contactEnc: string | null }>(
      `SELECT "deletedAt", "mergedIntoId", "contactEnc" FROM people WHERE id = $1`,
      [duplicate.id],
    );
    expect(row!.deletedAt).not.toBeNull();
    expect(row!.mergedIntoId).toBe(survivor.id);
    expect(row!.contactEnc).not.toBeNull();

    const explanation = await getMerge(coordinator, result.mergeId);
    expect(explanation.reason).toBe("Same passport number");
    expect(explanation.merged.displayName).toBe("Серик Жакенов");
    expect(Object.values(explanation.caseReferences)).toHaveLength(3);

    const events = await ownerQuery<{ metadata: { mergedPersonId: string; mergeId: string } }>(
      `SELECT metadata FROM audit_events WHERE action = 'person.merge' AND "entityId" = $1`,
      [survivor.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ mergedPersonId: duplicate.id, mergeId: result.mergeId });
    expect(JSON.stringify(events)).not.toMatch(/111.?22.?33/);
  });

  it("refuses to merge a person into themselves or into another organisation's person", async () => {
    const person = await createPerson(coordinator, { names: [{ value: "Dana Aliyeva" }] });
    const self = await failure(mergePeople(coordinator, { survivorId: person.id, mergedId: person.id, reason: "x" }));
    expect(self.code).toBe("INVALID");
    const outsider = await createMember(await createOrg("Other", "OT"), "ADMIN");
    const foreign = await createPerson(outsider, { names: [{ value: "Dana Aliyeva" }] });
    expect((await failure(mergePeople(coordinator, { survivorId: person.id, mergedId: foreign.id, reason: "x" }))).code).toBe("NOT_FOUND");
  });

  it("soft-deletes and restores a person (coordinators only), refusing while they are a case subject", async () => {
    const person = await createPerson(coordinator, { names: [{ value: "Temirlan Ospanov" }] });
    expect((await failure(deletePerson(volunteer, person.id))).code).toBe("FORBIDDEN");
    await deletePerson(coordinator, person.id);
    expect((await failure(getPerson(volunteer, person.id))).code).toBe("NOT_FOUND");
    expect((await findPeople(coordinator, { deleted: "only" })).items.map((p) => p.id)).toContain(person.id);
    await restorePerson(coordinator, person.id);
    expect((await getPerson(volunteer, person.id)).deletedAt).toBeNull();
    await insertCase(org, person.id);
    expect((await failure(deletePerson(coordinator, person.id))).code).toBe("CONFLICT");
    const actions = await ownerQuery<{ action: string }>(`SELECT action FROM audit_events WHERE "entityId" = $1 ORDER BY id`, [person.id]);
    expect(actions.map((a) => a.action)).toEqual(["person.create", "person.delete", "person.restore"]);
  });
});
