import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../lib/cases/create-case";
import { addEvent, listEvents } from "../../lib/cases/events";
import { findCases } from "../../lib/cases/find-cases";
import { findPlaces } from "../../lib/places/find-places";
import { setStatusOverride } from "../../lib/cases/manage-case";
import { CaseStatus } from "../../lib/generated/prisma/enums";
import { createMember, createOrg, type TestMember } from "../helpers/factories";

describe("the case list", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;
  let kasymov: { id: string; reference: string };
  let maksutkhan: { id: string; reference: string };

  beforeAll(async () => {
    const org = await createOrg("List group", "LG");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    kasymov = await createCase(volunteer, {
      subject: { person: { names: [{ value: "Қасымов Ерлан" }], hometownText: "Almaty" } },
      tags: ["UN-WGEID"],
      disclosureLevel: "PUBLIC",
      consentGivenBy: "wife",
      consentGivenAt: "2024-02-01",
    });
    await addEvent(volunteer, kasymov.id, { type: "DETAINED", date: "2018-03" });
    maksutkhan = await createCase(coordinator, {
      subject: { person: { names: [{ value: "Maksutkhan Dauletbek" }, { value: "Мақсұтхан Дәулетбек" }], hometownText: "Astana" } },
      assignedToId: volunteer.userId,
      priority: "URGENT",
    });
    await addEvent(coordinator, maksutkhan.id, { type: "SENT_TO_CAMP", date: "2017" });
    for (let i = 0; i < 5; i += 1) await createCase(coordinator, { subject: { person: { names: [{ value: `Filler Person ${i}` }] } } });
  });

  const ids = (result: Awaited<ReturnType<typeof findCases>>) => result.items.map((item) => item.id);

  it("finds a case by a different spelling of the name, in another script", async () => {
    expect(ids(await findCases(volunteer, { q: "Kasymov Yerlan" }))).toEqual([kasymov.id]);
    expect(ids(await findCases(volunteer, { q: "Qasymov" }))).toEqual([kasymov.id]);
    expect(ids(await findCases(volunteer, { q: "Ерлан Қасымов" }))).toEqual([kasymov.id]);
    expect(ids(await findCases(volunteer, { q: "Maqsutkhan" }))).toEqual([maksutkhan.id]);
  });

  it("finds a case by its reference", async () => {
    expect(ids(await findCases(volunteer, { q: maksutkhan.reference }))).toEqual([maksutkhan.id]);
    expect(ids(await findCases(volunteer, { q: maksutkhan.reference.toLowerCase() }))).toEqual([maksutkhan.id]);
  });

  it("filters by status, disclosure, assignee, tag, hometown and date range", async () => {
    expect(ids(await findCases(volunteer, { status: "IN_CAMP" }))).toEqual([maksutkhan.id]);
    expect(ids(await findCases(volunteer, { disclosure: "PUBLIC" }))).toEqual([kasymov.id]);
    expect(ids(await findCases(volunteer, { assignee: "me" }))).toEqual([maksutkhan.id]);
    expect(ids(await findCases(volunteer, { assignee: volunteer.userId }))).toEqual([maksutkhan.id]);
    expect(ids(await findCases(volunteer, { tag: "un-wgeid" }))).toEqual([kasymov.id]);
    expect(ids(await findCases(volunteer, { hometown: "astana" }))).toEqual([maksutkhan.id]);
    expect(ids(await findCases(volunteer, { from: "2018-01-01", to: "2018-12-31" }))).toEqual([kasymov.id]);
  });

  it("sorts and paginates, reporting the total", async () => {
    const first = await findCases(coordinator, { sort: "reference", dir: "asc", pageSize: 3, page: 1 });
    const second = await findCases(coordinator, { sort: "reference", dir: "asc", pageSize: 3, page: 2 });
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(3);
    const references = [...first.items, ...second.items].map((item) => item.reference);
    expect(references).toEqual([...references].sort());
    expect(new Set(references).size).toBe(6);
    expect(ids(await findCases(coordinator, { sort: "priority", dir: "desc", pageSize: 1 }))).toEqual([maksutkhan.id]);
  });

  it("ignores unknown filter values instead of failing, so an edited link still opens", async () => {
    const result = await findCases(volunteer, { status: "NOT_A_STATUS", sort: "nonsense", page: "-4" });
    expect(result.total).toBe(7);
    expect(result.params).toMatchObject({ sort: "updated", page: 1 });
  });

  it("finds nothing for a name nobody has", async () => {
    expect((await findCases(volunteer, { q: "Zhumabekov" })).items).toEqual([]);
  });

  it("follows a case through every status, with a name search too, and never shows another organisation's case", async () => {
    const otherOrg = await createOrg("Other list group", "OL");
    const outsider = await createMember(otherOrg, "COORDINATOR");
    const theirs = await createCase(outsider, { subject: { person: { names: [{ value: "Qasymov Nurlan" }] } } });
    const ours = await createCase(coordinator, { subject: { person: { names: [{ value: "Qasymov Nurlan" }] } } });
    let version = 1;
    let theirVersion = 1;
    for (const status of Object.values(CaseStatus)) {
      ({ version } = await setStatusOverride(coordinator, ours.id, { status, version }));
      ({ version: theirVersion } = await setStatusOverride(outsider, theirs.id, { status, version: theirVersion }));
      expect(ids(await findCases(coordinator, { status }))).toContain(ours.id);
      expect(ids(await findCases(coordinator, { status, q: "Nurlan" }))).toEqual([ours.id]);
      expect(ids(await findCases(outsider, { status, q: "Nurlan" }))).toEqual([theirs.id]);
    }
    expect(ids(await findCases(coordinator, { status: "MISSING", q: "Nurlan" }))).toEqual([]);
  });
});

describe("the hometown filter and the gazetteer", () => {
  let member: TestMember;
  beforeAll(async () => {
    member = await createMember(await createOrg("Gazetteer group", "GZ"), "COORDINATOR");
  });
  const ids = (result: Awaited<ReturnType<typeof findCases>>) => result.items.map((item) => item.id);

  it("finds a hometown picked from the gazetteer in Cyrillic by its Latin name, its Chinese name or its prefecture", async () => {
    const [ghulja] = await findPlaces(member, { q: "Құлжа" });
    expect(ghulja?.nameEn).toMatch(/Ghulja/);
    const picked = await createCase(member, { subject: { person: { names: [{ value: "Picked Hometown" }], hometownPlaceId: ghulja?.id } } });
    await addEvent(member, picked.id, { type: "DETAINED", date: "наурыз 2018", placeId: ghulja?.id, placeText: "Кульджа" });
    // the timeline keeps the gazetteer's place, not a second free-text copy of it
    expect((await listEvents(member, picked.id))[0]).toMatchObject({ date: "2018-03-01", datePrecision: "MONTH", placeId: ghulja?.id, placeText: null, place: { nameKk: "Құлжа" } });
    for (const typed of ["Ghulja", "Yining", "Кульджа", ghulja?.nameZh ?? "", "Ili"]) {
      expect(ids(await findCases(member, { hometown: typed })), typed).toContain(picked.id);
    }
    expect(ids(await findCases(member, { hometown: "Astana" }))).not.toContain(picked.id);
  });
});
