// The people list is one statement for its data: ranked matches, the total, the page with names,
// hometowns and case counts. The statements are counted, and the answer is checked as a reader sees it.
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../lib/cases/create-case";
import { createPerson } from "../../lib/people/create-person";
import { findPeople } from "../../lib/people/find-people";
import { findPlaces } from "../../lib/places/find-places";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";
import { recordStatements } from "../helpers/statements";

describe("searching people", () => {
  let coordinator: TestMember;
  let outsider: TestMember;
  let subjectId: string;
  let wifeId: string;
  let reference: string;
  let ghuljaId: string;

  beforeAll(async () => {
    const org = await createOrg("People search group", "PS");
    coordinator = await createMember(org, "COORDINATOR");
    outsider = await createMember(await createOrg("Other search group", "OS"), "COORDINATOR");
    const [ghulja] = await findPlaces(coordinator, { q: "Құлжа" });
    ghuljaId = ghulja!.id;
    const created = await createCase(coordinator, {
      subject: { person: { names: [{ value: "Қасымов Ерлан" }, { value: "Qasymov Erlan" }, { value: "卡瑟木·叶尔兰" }], birthDate: "1970", hometownPlaceId: ghuljaId } },
      contacts: [{ person: { names: [{ value: "Айгүл Қасымова" }] }, relationship: "WIFE" }],
    });
    reference = created.reference;
    const [row] = await ownerQuery<{ subject: string; wife: string }>(
      `SELECT c."subjectPersonId" AS subject, cc."personId" AS wife FROM cases c JOIN case_contacts cc ON cc."caseId" = c.id WHERE c.id = $1`,
      [created.id],
    );
    subjectId = row!.subject;
    wifeId = row!.wife;
    await createPerson(coordinator, { names: [{ value: "Erlan Bekov" }], gender: "MALE", birthDate: "1985", birthDatePrecision: "YEAR" });
    await createPerson(outsider, { names: [{ value: "Qasymov Erlan" }] });
  });

  it("answers a name search in one statement after beginning a read-only transaction for the organisation and setting the match thresholds", async () => {
    const { result, statements } = await recordStatements(() => findPeople(coordinator, { q: "Qasymov Erlan" }));
    expect(statements).toHaveLength(4);
    expect(statements[0]).toMatch(/^BEGIN READ ONLY; .*SELECT set_config\('app.organization_id', '[0-9a-f-]{36}', true\)/);
    expect(statements[1]).toMatch(/^SELECT set_config\('pg_trgm.similarity_threshold'/);
    expect(statements[3]).toBe("COMMIT");
    expect(result.items.map((p) => p.id)).toEqual([subjectId]);
  });

  it("finds the same person by a name in Latin, Cyrillic or Chinese characters, with its names, hometown and open cases", async () => {
    for (const q of ["Qasymov Erlan", "Қасымов Ерлан", "卡瑟木"]) {
      const page = await findPeople(coordinator, { q });
      expect(page.items[0], q).toMatchObject({
        id: subjectId,
        displayName: "Қасымов Ерлан",
        names: [
          { value: "Қасымов Ерлан", script: "CYRILLIC" },
          { value: "Qasymov Erlan", script: "LATIN" },
          { value: "卡瑟木·叶尔兰", script: "HAN" },
        ],
        birthDate: "1970-01-01",
        birthDatePrecision: "YEAR",
        hometown: { id: ghuljaId, nameKk: "Құлжа" },
        caseCount: 1,
        deletedAt: null,
      });
      expect(page.items[0]?.score, q).toBeGreaterThan(0);
    }
  });

  it("ranks the closest names first and counts every match", async () => {
    const page = await findPeople(coordinator, { q: "Erlan" });
    expect(page.total).toBe(2);
    expect(page.items.map((p) => p.id)[0]).toBeDefined();
    expect(page.items.map((p) => p.score)).toEqual([...page.items.map((p) => p.score)].sort((a, b) => (b ?? 0) - (a ?? 0)));
  });

  it("finds the subject and the family of a case by its reference", async () => {
    const page = await findPeople(coordinator, { q: reference.toLowerCase() });
    expect(page.items.map((p) => p.id).sort()).toEqual([subjectId, wifeId].sort());
    expect(page.items.every((p) => p.score === 1)).toBe(true);
  });

  it("lists, filters and pages without a search, sorted as asked, with no score", async () => {
    const { result, statements } = await recordStatements(() => findPeople(coordinator, { sort: "name", pageSize: 2, page: 1 }));
    expect(statements).toHaveLength(3);
    expect(result.total).toBe(3);
    expect(result.items.map((p) => p.displayName)).toEqual(["Erlan Bekov", "Айгүл Қасымова"]);
    expect(result.items[0]).not.toHaveProperty("score");
    const second = await findPeople(coordinator, { sort: "name", pageSize: 2, page: 2 });
    expect(second.items.map((p) => p.id)).toEqual([subjectId]);
    expect((await findPeople(coordinator, { gender: "MALE", bornFrom: "1980", bornTo: "1990" })).items.map((p) => p.displayName)).toEqual(["Erlan Bekov"]);
    expect((await findPeople(coordinator, { hasCase: "no" })).items.map((p) => p.displayName)).toEqual(["Erlan Bekov"]);
    expect((await findPeople(coordinator, { hometown: ghuljaId })).items.map((p) => p.id)).toEqual([subjectId]);
  });

  it("shows another organisation's people to nobody, whatever is typed", async () => {
    expect((await findPeople(outsider, { q: "Qasymov Erlan" })).items.map((p) => p.caseCount)).toEqual([0]);
    expect((await findPeople(outsider, { q: reference })).total).toBe(0);
    expect((await findPeople(outsider, { hometown: ghuljaId })).total).toBe(0);
  });
});
