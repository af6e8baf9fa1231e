import { beforeAll, describe, expect, it } from "vitest";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { createProtest } from "../../lib/protests/create-protest";
import { updateProtest } from "../../lib/protests/update-protest";
import { getProtest } from "../../lib/protests/get-protest";
import { findProtests } from "../../lib/protests/find-protests";
import { addParticipants, removeParticipant } from "../../lib/protests/participants";
import { deleteProtest } from "../../lib/protests/delete-protest";
import { getProtestStats } from "../../lib/protests/protest-stats";
import { auditActions, failure, insertCase, insertPerson } from "./protests-helpers";

describe("recording protests", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherVolunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;
  let people: string[];
  let caseId: string;

  beforeAll(async () => {
    org = await createOrg("Atazhurt", "AT");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    otherVolunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "ADMIN");
    people = [
      await insertPerson(org, "Gulnur Qasymqyzy"),
      await insertPerson(org, "Serikzhan Bilash"),
      await insertPerson(org, "Baibolat Kunbolat"),
    ];
    const detained = await insertPerson(org, "Kunbolat Zhanbolat");
    caseId = await insertCase(org, detained, { contactId: people[2] });
  });

  it("records a protest with three known and two new participants, each with a role, and the case protested for", async () => {
    const { id } = await createProtest(volunteer, {
      startsAt: "2026-03-12T11:00",
      city: "Almaty",
      location: "Consulate of the PRC",
      kind: "PICKET",
      organiser: "Atazhurt",
      description: "Families stood outside the consulate with photos.",
      sources: [{ title: "Radio Azattyq report", url: "https://example.org/report" }],
      participants: [
        { personId: people[0], role: "ORGANISER" },
        { personId: people[1], role: "SPEAKER" },
        { personId: people[2], role: "PARTICIPANT", caseId },
        { newPerson: { name: "Aigerim Nurlanqyzy" } },
        { newPerson: { name: "Ерлан Сәкенұлы" }, role: "SPEAKER" },
      ],
    });
    const protest = await getProtest(volunteer, id);
    expect(protest.city).toBe("Almaty");
    expect(protest.description).toBe("Families stood outside the consulate with photos.");
    expect(protest.sources).toEqual([expect.objectContaining({ title: "Radio Azattyq report", url: "https://example.org/report" })]);
    expect(protest.participants).toHaveLength(5);
    expect(protest.participants.map((p) => p.displayName)).toEqual(
      expect.arrayContaining(["Gulnur Qasymqyzy", "Aigerim Nurlanqyzy", "Ерлан Сәкенұлы"]),
    );
    const forCase = protest.participants.find((p) => p.personId === people[2]);
    expect(forCase?.caseId).toBe(caseId);
    expect(forCase?.caseReference).toMatch(/^TC-2026-/);
    expect(protest.canEdit).toBe(true);

    // the description is stored encrypted, never in clear text
    const [raw] = await ownerQuery<{ descriptionEnc: string }>(`SELECT "descriptionEnc" FROM protests WHERE id = $1`, [id]);
    expect(raw!.descriptionEnc).not.toContain("consulate");

    const events = await auditActions(org, id);
    expect(events[0]).toMatchObject({ action: "protest.create", metadata: { participants: 5, newPeople: 2, sources: 1 } });
    expect(JSON.stringify(events)).not.toContain("Families stood");
  });

  it("refuses the same participant twice in one form, naming the row", async () => {
    const result = await failure(
      createProtest(volunteer, {
        startsAt: "2026-03-13T11:00",
        city: "Almaty",
        kind: "SOLO_PICKET",
        participants: [{ personId: people[0] }, { personId: people[1] }, { personId: people[0] }],
      }),
    );
    expect(result.code).toBe("INVALID");
    expect(result.fieldErrors).toEqual({ "participants.2.personId": ["alreadyParticipant"] });
  });

  it("refuses adding someone who already took part, and saves nothing of the batch", async () => {
    const { id } = await createProtest(volunteer, {
      startsAt: "2026-03-14T11:00",
      city: "Astana",
      kind: "RALLY",
      participants: [{ personId: people[0] }],
    });
    const result = await failure(addParticipants(volunteer, id, [{ newPerson: { name: "New Person" } }, { personId: people[0] }]));
    expect(result).toMatchObject({ code: "INVALID", fieldErrors: { "1.personId": ["alreadyParticipant"] } });
    const protest = await getProtest(volunteer, id);
    expect(protest.participants).toHaveLength(1);
    const [count] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "displayName" = 'New Person'`);
    expect(count!.n).toBe("0");

    await addParticipants(otherVolunteer, id, [{ personId: people[1], role: "SPEAKER" }]);
    expect((await getProtest(volunteer, id)).participants).toHaveLength(2);
  });

  it("refuses bad input field by field: no city, unknown kind, impossible date", async () => {
    const result = await failure(createProtest(volunteer, { startsAt: "not a date", city: " ", kind: "PARADE" as never }));
    expect(result.code).toBe("INVALID");
    expect(result.fieldErrors).toMatchObject({ startsAt: ["invalidDate"], city: ["required"], kind: ["invalidChoice"] });
  });

  it("does not let a participant from another organisation be added", async () => {
    const foreignPerson = await insertPerson({ id: outsider.organizationId, slug: "x" }, "Foreign Person");
    const result = await failure(
      createProtest(volunteer, { startsAt: "2026-03-15T10:00", city: "Almaty", kind: "PICKET", participants: [{ personId: foreignPerson }] }),
    );
    expect(result.fieldErrors).toEqual({ "participants.0.personId": ["invalidChoice"] });
  });

  it("lets the volunteer who recorded a protest edit it, but not another volunteer; coordinators edit any", async () => {
    const { id } = await createProtest(volunteer, { startsAt: "2026-04-01T10:00", city: "Almaty", kind: "PICKET" });
    const edit = { startsAt: "2026-04-01T10:00", city: "Almaty", kind: "PRESS_CONFERENCE" as const, location: "Press club" };
    await updateProtest(volunteer, id, { ...edit, version: 1 });
    expect((await failure(updateProtest(otherVolunteer, id, { ...edit, version: 2 }))).code).toBe("FORBIDDEN");
    expect((await failure(removeParticipant(otherVolunteer, id, people[0]!))).code).toBe("FORBIDDEN");
    const result = await updateProtest(coordinator, id, { ...edit, city: "Astana", version: 2 });
    expect(result.version).toBe(3);
    const protest = await getProtest(otherVolunteer, id);
    expect(protest).toMatchObject({ city: "Astana", kind: "PRESS_CONFERENCE", location: "Press club", canEdit: false });
    const events = await auditActions(org, id);
    expect(events.map((e) => e.action)).toEqual(["protest.create", "protest.update", "protest.update", "protest.view"]);
    expect(events.find((e) => e.action === "protest.update")?.changedFields).toEqual(["kind", "location"]);
  });

  it("refuses a stale edit with the current state, so the editor can see the other change", async () => {
    const { id } = await createProtest(volunteer, { startsAt: "2026-04-02T10:00", city: "Almaty", kind: "PICKET" });
    await updateProtest(coordinator, id, { startsAt: "2026-04-02T10:00", city: "Taldykorgan", kind: "PICKET", version: 1 });
    const result = await failure(updateProtest(volunteer, id, { startsAt: "2026-04-02T10:00", city: "Almaty", kind: "RALLY", version: 1 }));
    expect(result.code).toBe("CONFLICT");
    expect(result.details?.current).toMatchObject({ city: "Taldykorgan", version: 2 });
  });

  it("keeps analysts to counts: they cannot list or open protests, but see aggregates", async () => {
    expect((await failure(findProtests(analyst, {}))).code).toBe("FORBIDDEN");
    expect((await failure(createProtest(analyst, { startsAt: "2026-04-02T10:00", city: "Almaty", kind: "PICKET" }))).code).toBe("FORBIDDEN");
    const stats = await getProtestStats(analyst);
    expect(stats.exact).toBe(false);
    expect(JSON.stringify(stats)).not.toContain("Gulnur");
    const exact = await getProtestStats(coordinator);
    expect(exact.protestsByKind.total.value).toBeGreaterThanOrEqual(3);
    expect(exact.protestsByKind.cells.PICKET.value).toBeGreaterThanOrEqual(1);
    expect((await failure(getProtestStats(volunteer))).code).toBe("FORBIDDEN");
  });

  it("hides protests of other organisations as not found", async () => {
    const { id } = await createProtest(volunteer, { startsAt: "2026-04-03T10:00", city: "Almaty", kind: "PICKET" });
    expect((await failure(getProtest(outsider, id))).code).toBe("NOT_FOUND");
    expect((await failure(updateProtest(outsider, id, { startsAt: "2026-04-03T10:00", city: "X", kind: "PICKET", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await findProtests(outsider, {})).items.map((p) => p.id)).not.toContain(id);
    expect((await failure(getProtest(volunteer, "not-a-uuid"))).code).toBe("NOT_FOUND");
  });

  it("filters the list by date range, city, kind, participant and free text", async () => {
    const list = await findProtests(coordinator, { from: "2026-03-12", to: "2026-03-12", city: "almaty" });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ city: "Almaty", kind: "PICKET", participantCount: 5 });
    expect((await findProtests(coordinator, { kind: "RALLY" })).items.every((p) => p.kind === "RALLY")).toBe(true);
    expect((await findProtests(coordinator, { personId: people[1] })).total).toBe(2);
    expect((await findProtests(coordinator, { q: "consulate" })).total).toBe(1);
    expect((await findProtests(coordinator, { q: "Bilash" })).total).toBe(2);
  });

  it("soft-deletes a protest so it leaves the list, and audits it", async () => {
    const { id } = await createProtest(volunteer, { startsAt: "2026-04-04T10:00", city: "Shymkent", kind: "ONLINE_ACTION" });
    expect((await failure(deleteProtest(otherVolunteer, id, 1))).code).toBe("FORBIDDEN");
    await deleteProtest(volunteer, id, 1);
    expect((await findProtests(coordinator, { city: "Shymkent" })).total).toBe(0);
    expect((await failure(getProtest(coordinator, id))).code).toBe("NOT_FOUND");
    expect((await auditActions(org, id)).map((e) => e.action)).toContain("protest.delete");
  });
});
