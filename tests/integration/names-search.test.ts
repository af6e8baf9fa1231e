import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withIdentity, withTenant } from "../../lib/db";
import { nameKeys } from "../../lib/names/keys";
import { NAME_MATCH_THRESHOLD, nameSimilarity } from "../../lib/names/match";
import { duplicateCandidateIdsSql, nameQuery, personIdsByNameSql, setNameMatchThresholds } from "../../lib/names/sql";
import { createPerson } from "../../lib/people/create-person";
import { updatePerson } from "../../lib/people/update-person";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

// Names stored the way services store them (value + keys), searched the way services search them:
// through the RLS-bound app role, in a tenant transaction, with the shared SQL from lib/names/sql.ts.
async function addPerson(orgId: string, names: Array<{ value: string; kind?: string }>): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO people (id, "organizationId", "displayName", "updatedAt") VALUES ($1, $2, $3, now())`, [
    id,
    orgId,
    names[0]?.value ?? "",
  ]);
  for (const [position, name] of names.entries()) {
    const keys = nameKeys(name.value);
    await ownerQuery(
      `INSERT INTO person_names ("organizationId", "personId", value, script, kind, "isPrimary", normalized, skeleton, position)
       VALUES ($1, $2, $3, $4::"NameScript", $5::"NameKind", $6, $7, $8, $9)`,
      [orgId, id, name.value, keys.script, name.kind ?? "LEGAL", position === 0, keys.normalized, keys.skeleton, position],
    );
  }
  return id;
}

async function search(member: TestMember, text: string): Promise<Array<{ personId: string; score: number }>> {
  const query = nameQuery(text);
  if (!query) return [];
  return withTenant({ organizationId: member.organizationId, userId: member.userId }, async (tx) => {
    await setNameMatchThresholds(tx);
    return tx.$queryRaw<Array<{ personId: string; score: number }>>(personIdsByNameSql(query));
  });
}

describe("name search across scripts", () => {
  let member: TestMember;
  let outsider: TestMember;
  let qasym: string;
  let nurlan: string;
  let nursultan: string;
  let aigul: string;
  let dauletbek: string;
  let hiddenQasym: string;

  beforeAll(async () => {
    const org = await createOrg("Names group", "NG");
    member = await createMember(org, "VOLUNTEER");
    const other = await createOrg("Other group", "OT");
    outsider = await createMember(other, "ADMIN");
    qasym = await addPerson(org.id, [{ value: "Қасым-Жомарт Тоқаев" }]);
    nurlan = await addPerson(org.id, [{ value: "Нұрлан Серікұлы" }]);
    nursultan = await addPerson(org.id, [{ value: "Нұрсұлтан Ахметов" }]);
    aigul = await addPerson(org.id, [
      { value: "阿依古丽·买买提", kind: "LEGAL" },
      { value: "Ayguli Maimaiti", kind: "PINYIN" },
    ]);
    dauletbek = await addPerson(org.id, [{ value: "ئەركىن دۆلەتبەك" }]);
    hiddenQasym = await addPerson(other.id, [{ value: "Kassym Jomart" }]);
  });

  it("finds a person recorded in Cyrillic from a Latin query in either romanisation", async () => {
    for (const text of ["Kassym-Jomart Tokayev", "Qasym-Zhomart Toqaev", "Tokayev"]) {
      const results = await search(member, text);
      expect(results[0]?.personId, text).toBe(qasym);
    }
  });

  it("finds a Cyrillic name from a query with a patronymic written differently", async () => {
    const results = await search(member, "Nurlan Serikuly");
    expect(results[0]?.personId).toBe(nurlan);
    expect(results[0]?.score).toBeGreaterThan(results.find((row) => row.personId === nursultan)?.score ?? 0);
  });

  it("finds a name recorded in Chinese characters by the characters and by its pinyin", async () => {
    expect((await search(member, "阿依古丽")).map((row) => row.personId)).toContain(aigul);
    expect((await search(member, "Ayguli Maimaiti"))[0]?.personId).toBe(aigul);
  });

  it("finds a name recorded in Uyghur Arabic script from a Latin query", async () => {
    expect((await search(member, "Erkin"))[0]?.personId).toBe(dauletbek);
  });

  it("does not return people of another organisation", async () => {
    const ids = (await search(member, "Kassym Jomart")).map((row) => row.personId);
    expect(ids).not.toContain(hiddenQasym);
    expect((await search(outsider, "Қасым")).map((row) => row.personId)).toEqual([hiddenQasym]);
  });

  it("treats LIKE wildcards in the query as plain text", async () => {
    expect(await search(member, "%")).toEqual([]);
    expect(await search(member, "_")).toEqual([]);
  });
});

describe("duplicate candidates across scripts", () => {
  it("proposes the Cyrillic record when the same person is entered in Latin, and not a different name", async () => {
    const org = await createOrg("Duplicates group", "DG");
    const member = await createMember(org, "COORDINATOR");
    const zhanar = await addPerson(org.id, [{ value: "Жанар Серікқызы" }]);
    const zhanat = await addPerson(org.id, [{ value: "Жанат Болатұлы" }]);
    const rows = await withTenant({ organizationId: member.organizationId, userId: member.userId }, async (tx) => {
      await setNameMatchThresholds(tx);
      return tx.$queryRaw<Array<{ personId: string; score: number }>>(
        duplicateCandidateIdsSql([nameKeys("Janar Serikkyzy").skeleton, nameKeys("Zhanar").skeleton]),
      );
    });
    expect(rows[0]?.personId).toBe(zhanar);
    expect(rows[0]?.score).toBe(1);
    // The index finds candidates generously; the finer similarity then tells Zhanat from Zhanar.
    expect(rows.map((row) => row.personId)).toContain(zhanat);
    expect(nameSimilarity("Janar Serikkyzy", "Жанар Серікқызы")).toBe(1);
    expect(nameSimilarity("Janar Serikkyzy", "Жанат Болатұлы")).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it("finds a name typed only in part", async () => {
    const org = await createOrg("Partial group", "PG");
    const member = await createMember(org, "VOLUNTEER");
    const bakhytzhan = await addPerson(org.id, [{ value: "Бақытжан Өмірзақов" }]);
    expect((await search(member, "Omirz"))[0]?.personId).toBe(bakhytzhan);
  });
});

describe("name search under row-level security", () => {
  let ours: TestMember;
  let theirs: TestMember;
  let ourAskar: string;
  let theirAskar: string;

  beforeAll(async () => {
    const org = await createOrg("Search group", "SG");
    const other = await createOrg("Neighbour group", "NB");
    ours = await createMember(org, "COORDINATOR");
    theirs = await createMember(other, "COORDINATOR");
    // the same person's name recorded by two organisations
    ourAskar = await addPerson(org.id, [{ value: "Асқар Жұмабаев" }, { value: "Askar Zhumabayev" }]);
    theirAskar = await addPerson(other.id, [{ value: "Асқар Жұмабаев" }, { value: "Askar Zhumabayev" }]);
  });

  const duplicates = (member: TestMember, names: string[]) =>
    withTenant({ organizationId: member.organizationId, userId: member.userId }, async (tx) => {
      await setNameMatchThresholds(tx);
      return tx.$queryRaw<Array<{ personId: string; score: number }>>(duplicateCandidateIdsSql(names.map((name) => nameKeys(name).skeleton)));
    });

  it("never returns another organisation's person with the same name, by words, by spelling tolerance or as a duplicate", async () => {
    // whole words, a word typed in part, and a typo that only the spelling-tolerant search finds
    for (const text of ["Askar Zhumabayev", "Жұмаб", "Askr Zhumabaiyv"]) {
      expect((await search(ours, text)).map((row) => row.personId), text).toEqual([ourAskar]);
      expect((await search(theirs, text)).map((row) => row.personId), text).toEqual([theirAskar]);
    }
    expect((await duplicates(ours, ["Asqar Jumabaev"])).map((row) => row.personId)).toEqual([ourAskar]);
    expect((await duplicates(theirs, ["Asqar Jumabaev"])).map((row) => row.personId)).toEqual([theirAskar]);
  });

  it("returns nothing from the search functions when no organisation is set", async () => {
    const rows = await withIdentity({ userId: ours.userId }, async (tx) => {
      await setNameMatchThresholds(tx);
      const query = nameQuery("Askar Zhumabayev");
      return [
        ...(await tx.$queryRaw<Array<{ personId: string }>>(personIdsByNameSql(query!))),
        ...(await tx.$queryRaw<Array<{ personId: string }>>(duplicateCandidateIdsSql([nameKeys("Askar Zhumabayev").skeleton]))),
        ...(await tx.$queryRaw<Array<{ personId: string }>>`SELECT "personId" FROM person_name_tokens`),
      ];
    });
    expect(rows).toEqual([]);
  });

  it("lets only the app role call the search functions, never PUBLIC", async () => {
    const grants = await ownerQuery<{ proname: string; acl: string }>(
      `SELECT p.proname, array_to_string(p.proacl, ',') AS acl FROM pg_proc p
        WHERE p.proname IN ('app_person_ids_by_name', 'app_duplicate_person_ids') ORDER BY p.proname`,
    );
    expect(grants.map((row) => row.proname)).toEqual(["app_duplicate_person_ids", "app_person_ids_by_name"]);
    for (const row of grants) {
      expect(row.acl).toContain("qamqor_app=X/");
      // an entry for PUBLIC starts with "=" (no role name)
      expect(row.acl.split(",").some((entry) => entry.startsWith("="))).toBe(false);
    }
  });
});

describe("name words kept in step with the names", () => {
  it("finds a renamed person by the new name only, and leaves no words behind when a name is deleted", async () => {
    const org = await createOrg("Words group", "WG");
    const member = await createMember(org, "COORDINATOR");
    const person = await createPerson(member, { names: [{ value: "Нұрлан Серікұлы" }, { value: "Nurlan Serikuly" }] });
    expect((await search(member, "Nurlan")).map((row) => row.personId)).toEqual([person.id]);

    await updatePerson(member, person.id, { version: person.version, names: [{ value: "Ерболат Қанатұлы" }] });
    expect(await search(member, "Nurlan")).toEqual([]);
    expect((await search(member, "Yerbolat Kanatuly")).map((row) => row.personId)).toEqual([person.id]);

    await ownerQuery(`DELETE FROM person_names WHERE "personId" = $1`, [person.id]);
    const left = await ownerQuery(`SELECT 1 FROM person_name_tokens WHERE "personId" = $1`, [person.id]);
    expect(left).toEqual([]);
  });

  it("moves a merged record's names and their words to the surviving person", async () => {
    const org = await createOrg("Merge words group", "MW");
    const member = await createMember(org, "COORDINATOR");
    const survivor = await createPerson(member, { names: [{ value: "Дәулетбек Мақсұтханұлы" }] });
    const merged = await createPerson(member, { names: [{ value: "Dauletbek Maksutkhan" }, { value: "Dawletbek Qajy" }] });
    await ownerQuery(`UPDATE person_names SET "personId" = $1 WHERE "personId" = $2`, [survivor.id, merged.id]);
    expect((await search(member, "Qajy")).map((row) => row.personId)).toEqual([survivor.id]);
  });

  it("keeps a person's words while any of their names has them, drops them with the last, and moves them on a merge", async () => {
    const org = await createOrg("Person words group", "PW");
    const member = await createMember(org, "COORDINATOR");
    const person = await createPerson(member, { names: [{ value: "Нұрлан Серікұлы" }, { value: "Nurlan Bolatuly" }] });
    const other = await createPerson(member, { names: [{ value: "Qajy Nurlanuly" }] });
    const words = async (personId: string) =>
      (await ownerQuery<{ token: string }>(`SELECT token FROM person_tokens WHERE "personId" = $1 ORDER BY token`, [personId])).map((row) => row.token);
    // one row per word and person, however many spellings share it
    const nurlan = nameKeys("Nurlan").skeleton;
    expect((await words(person.id)).filter((word) => word === nurlan)).toHaveLength(1);

    // the Cyrillic name goes: "nurlan" stays (the Latin name has it), its surname word leaves
    const serikuly = nameKeys("Serikuly").skeleton;
    await ownerQuery(`DELETE FROM person_names WHERE "personId" = $1 AND value = $2`, [person.id, "Нұрлан Серікұлы"]);
    expect(await words(person.id)).toContain(nurlan);
    expect(await words(person.id)).not.toContain(serikuly);

    await ownerQuery(`UPDATE person_names SET "personId" = $1 WHERE "personId" = $2`, [person.id, other.id]);
    expect(await words(other.id)).toEqual([]);
    expect(await words(person.id)).toContain(nameKeys("Qajy").skeleton);

    await ownerQuery(`DELETE FROM person_names WHERE "personId" = $1`, [person.id]);
    expect(await words(person.id)).toEqual([]);
  });

  it("shows the app role only its own organisation's person words", async () => {
    const ours = await createMember(await createOrg("Our words group", "OW"), "COORDINATOR");
    const theirs = await createMember(await createOrg("Their words group", "TW"), "COORDINATOR");
    const theirPerson = await createPerson(theirs, { names: [{ value: "Zhanargul Tokhtarova" }] });
    const seen = await withTenant(ours, (tx) =>
      tx.$queryRaw<Array<{ personId: string }>>`SELECT "personId" FROM person_tokens WHERE "personId" = ${theirPerson.id}::uuid`,
    );
    expect(seen).toEqual([]);
  });
});
