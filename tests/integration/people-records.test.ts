import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import { createPerson } from "../../lib/people/create-person";
import { findPeople } from "../../lib/people/find-people";
import { getPerson } from "../../lib/people/get-person";
import { updatePerson } from "../../lib/people/update-person";
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

describe("people records", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherVolunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;

  beforeAll(async () => {
    const org = await createOrg("Atazhurt", "AT");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    otherVolunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "ADMIN");
  });

  it("records a person with names in Cyrillic, Latin, Chinese and Uyghur script, each with its script detected", async () => {
    const person = await createPerson(coordinator, {
      names: [
        { value: "Мақсұтхан Серікұлы", kind: "LEGAL" },
        { value: "Maqsutkhan Serikuly", kind: "TRANSLITERATION" },
        { value: "买合苏提汗", kind: "PINYIN" },
        { value: "مەقسۇتخان", kind: "ALIAS" },
      ],
      gender: "MALE",
      birthDate: "1975",
      birthDatePrecision: "YEAR",
      citizenships: ["cn"],
      contact: { phone: "8 701 555 12 34", messenger: "@maqsut", address: "Almaty" },
      notes: "Family asked for discretion.",
    });
    expect(person.displayName).toBe("Мақсұтхан Серікұлы");
    expect(person.names.map((n) => n.script)).toEqual(["CYRILLIC", "LATIN", "HAN", "ARABIC"]);
    expect(person.names[0]!.isPrimary).toBe(true);
    expect(person.birthDate).toBe("1975-01-01");
    expect(person.birthDatePrecision).toBe("YEAR");
    expect(person.citizenships).toEqual(["CN"]);
    const [row] = await ownerQuery<{ contactEnc: string; notesEnc: string }>(`SELECT "contactEnc", "notesEnc" FROM people WHERE id = $1`, [person.id]);
    expect(row!.contactEnc).not.toMatch(/555.?12.?34/);
    expect(row!.notesEnc).not.toContain("discretion");
    const events = await ownerQuery<{ action: string; changedFields: string[] }>(
      `SELECT action, "changedFields" FROM audit_events WHERE "entityId" = $1`,
      [person.id],
    );
    expect(events.map((e) => e.action)).toEqual(["person.create"]);
    expect(JSON.stringify(events)).not.toMatch(/555.?12.?34/);
  });

  it("refuses bad input with a message key per field and saves nothing", async () => {
    const before = await ownerQuery(`SELECT id FROM people`);
    const error = await failure(
      createPerson(coordinator, {
        names: [{ value: "  " }],
        gender: "ROBOT" as never,
        birthDate: "2019-02-30",
        birthDatePrecision: "DAY",
        citizenships: ["Kazakhstan"],
        hometownPlaceId: "not-a-place",
      }),
    );
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors).toMatchObject({
      "names.0.value": ["required"],
      gender: ["invalidChoice"],
      birthDate: ["invalidDate"],
      "citizenships.0": ["invalidChoice"],
      hometownPlaceId: ["invalidChoice"],
    });
    expect(await ownerQuery(`SELECT id FROM people`)).toHaveLength(before.length);
  });

  it("refuses impossible dates: died before born, born in the future", async () => {
    const error = await failure(
      createPerson(coordinator, {
        names: [{ value: "Test Person" }],
        birthDate: "1980-05-01",
        birthDatePrecision: "DAY",
        deathDate: "1979",
        deathDatePrecision: "YEAR",
      }),
    );
    expect(error.fieldErrors).toEqual({ deathDate: ["dateOrder"] });
    const future = await failure(
      createPerson(coordinator, { names: [{ value: "Test Person" }], birthDate: "2999", birthDatePrecision: "YEAR" }),
    );
    expect(future.fieldErrors).toEqual({ birthDate: ["dateInFuture"] });
  });

  it("finds a Cyrillic-recorded person from a Latin spelling, and a Latin-recorded one from Cyrillic", async () => {
    const kasym = await createPerson(coordinator, { names: [{ value: "Қасым Тоқтарұлы" }] });
    const yerbol = await createPerson(coordinator, { names: [{ value: "Yerbol Dauletbekuly" }] });
    const fromLatin = await findPeople(coordinator, { q: "Kassym" });
    expect(fromLatin.items.map((p) => p.id)).toContain(kasym.id);
    const fromCyrillic = await findPeople(coordinator, { q: "Ербол" });
    expect(fromCyrillic.items.map((p) => p.id)).toContain(yerbol.id);
    expect(fromCyrillic.items.map((p) => p.id)).not.toContain(kasym.id);
  });

  it("finds a person by exact phone number in any formatting", async () => {
    const found = await findPeople(coordinator, { q: "+7 (701) 555-12-34" });
    expect(found.items.map((p) => p.displayName)).toEqual(["Мақсұтхан Серікұлы"]);
  });

  it("filters, sorts and paginates with a total", async () => {
    const page = await findPeople(coordinator, { sort: "name", pageSize: 2, page: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
    const men = await findPeople(coordinator, { gender: "MALE", bornFrom: "1970", bornTo: "1980" });
    expect(men.items.map((p) => p.displayName)).toEqual(["Мақсұтхан Серікұлы"]);
    const withoutCase = await findPeople(coordinator, { hasCase: "no" });
    expect(withoutCase.total).toBe(page.total);
  });

  it("shows contact details to the volunteer of the person's own case, not to another volunteer, and audits the read", async () => {
    const person = await createPerson(coordinator, {
      names: [{ value: "Gulnar Amanova" }],
      contact: { phone: "+7 777 000 11 22" },
    });
    await ownerQuery(
      `INSERT INTO cases ("organizationId", reference, "subjectPersonId", "assignedToId", "updatedAt") VALUES ($1, 'AT-2026-0001', $2, $3, now())`,
      [volunteer.organizationId, person.id, volunteer.userId],
    );
    const own = await getPerson(volunteer, person.id);
    expect(own.contactVisible).toBe(true);
    expect(own.contact?.phone).toBe("+7 777 000 11 22");
    const other = await getPerson(otherVolunteer, person.id);
    expect(other.contactVisible).toBe(false);
    expect(other.contact).toBeNull();
    const views = await ownerQuery<{ actorUserId: string }>(
      `SELECT "actorUserId" FROM audit_events WHERE action = 'person.contact.view' AND "entityId" = $1`,
      [person.id],
    );
    expect(views.map((v) => v.actorUserId)).toEqual([volunteer.userId]);
    const edit = await failure(updatePerson(otherVolunteer, person.id, { version: other.version, contact: { phone: "1" } }));
    expect(edit.code).toBe("FORBIDDEN");
  });

  it("lets a volunteer see the details of a person they created who is on no case yet", async () => {
    const mine = await createPerson(volunteer, { names: [{ value: "Aigerim Bekova" }], contact: { phone: "+7 700 123 45 67" } });
    expect((await getPerson(volunteer, mine.id)).contact?.phone).toBe("+7 700 123 45 67");
    expect((await getPerson(otherVolunteer, mine.id)).contact).toBeNull();
  });

  it("refuses analysts and hides another organisation's person as not found", async () => {
    const person = await createPerson(coordinator, { names: [{ value: "Nurlan Saparov" }] });
    expect((await failure(getPerson(analyst, person.id))).code).toBe("FORBIDDEN");
    expect((await failure(findPeople(analyst, {}))).code).toBe("FORBIDDEN");
    expect((await failure(getPerson(outsider, person.id))).code).toBe("NOT_FOUND");
    expect((await failure(updatePerson(outsider, person.id, { version: 1, gender: "MALE" }))).code).toBe("NOT_FOUND");
    expect((await findPeople(outsider, { q: "Nurlan" })).total).toBe(0);
  });

  it("refuses the second of two concurrent edits with CONFLICT and the current version in details", async () => {
    const person = await createPerson(coordinator, { names: [{ value: "Erlan Kadyrov" }] });
    const first = await updatePerson(coordinator, person.id, { version: person.version, ethnicity: "Kazakh", names: [{ value: "Erlan Qadyrov" }] });
    expect(first.version).toBe(person.version + 1);
    expect(first.displayName).toBe("Erlan Qadyrov");
    const second = await failure(updatePerson(volunteer, person.id, { version: person.version, ethnicity: "Uyghur" }));
    expect(second.code).toBe("CONFLICT");
    const current = second.details?.current as { version: number; ethnicity: string };
    expect(current.version).toBe(first.version);
    expect(current.ethnicity).toBe("Kazakh");
    const events = await ownerQuery<{ action: string; changedFields: string[] }>(
      `SELECT action, "changedFields" FROM audit_events WHERE "entityId" = $1 ORDER BY id`,
      [person.id],
    );
    expect(events.map((e) => e.action)).toEqual(["person.create", "person.update"]);
    expect(events[1]!.changedFields.sort()).toEqual(["ethnicity", "names"]);
  });

  it("refuses an edit that would make the death date precede the stored birth date", async () => {
    const person = await createPerson(coordinator, { names: [{ value: "Bolat Nurov" }], birthDate: "1960-03", birthDatePrecision: "MONTH" });
    const error = await failure(updatePerson(coordinator, person.id, { version: person.version, deathDate: "1950", deathDatePrecision: "YEAR" }));
    expect(error.fieldErrors).toEqual({ deathDate: ["dateOrder"] });
  });
});
