import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../lib/db";
import { nameKeys, skeletonKey } from "../../lib/names/keys";
import { setNameMatchThresholds } from "../../lib/names/sql";
import { createPerson } from "../../lib/people/create-person";
import { findDuplicateCandidates } from "../../lib/people/find-duplicate-candidates";
import { MALE_NAMES } from "../../prisma/seed/names";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

// The duplicate hints for names that no recorded name matches word for word: the spelling-tolerant search,
// among many namesakes, so that a search that reads too much or keeps too little shows here.

/** People written in bulk as the large seed writes them: a Latin and a Cyrillic name each, with their keys. */
async function addCrowd(org: TestOrg, people: Array<{ latin: string; cyrillic: string }>): Promise<Map<string, string[]>> {
  const ids = people.map(() => randomUUID());
  await ownerQuery(
    `INSERT INTO people (id, "organizationId", "displayName", "updatedAt") SELECT id, $1, name, now() FROM unnest($2::uuid[], $3::text[]) AS p(id, name)`,
    [org.id, ids, people.map((person) => person.latin)],
  );
  const names = people.flatMap((person, index) => [person.latin, person.cyrillic].map((value, position) => ({ personId: ids[index]!, value, position, ...nameKeys(value) })));
  await ownerQuery(
    `INSERT INTO person_names ("organizationId", "personId", value, script, kind, "isPrimary", normalized, skeleton, position)
     SELECT $1, n."personId", n.value, n.script::"NameScript", 'LEGAL', n.position = 0, n.normalized, n.skeleton, n.position
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS n("personId", value, script, normalized, skeleton, position)`,
    [org.id, names.map((n) => n.personId), names.map((n) => n.value), names.map((n) => n.script), names.map((n) => n.normalized), names.map((n) => n.skeleton), names.map((n) => n.position)],
  );
  const byKey = new Map<string, string[]>();
  for (const [index, person] of people.entries()) {
    const key = skeletonKey(person.latin);
    byKey.set(key, [...(byKey.get(key) ?? []), ids[index]!]);
  }
  return byKey;
}

/**
 * The rows the duplicate search reads from person_names, from the plans PostgreSQL ran for it (every
 * statement inside the search functions too): work that does not depend on the machine's speed.
 */
async function namesRead(org: TestOrg, skeletons: string[]): Promise<{ rows: number; found: number }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const plans: unknown[] = [];
  client.on("notice", (notice) => {
    const text = notice.message ?? "";
    const start = text.indexOf("{");
    if (text.includes("plan:") && start >= 0) plans.push(JSON.parse(text.slice(start)));
  });
  try {
    await client.query(`LOAD 'auto_explain'`);
    await client.query(
      `SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_timing = off;
       SET auto_explain.log_nested_statements = on; SET auto_explain.log_format = json; SET auto_explain.log_level = notice`,
    );
    await client.query("BEGIN");
    await client.query(`SELECT set_config('app.organization_id', $1, true)`, [org.id]);
    await client.query(`SELECT set_config('pg_trgm.similarity_threshold', '0.3', true), set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
    const { rows } = await client.query(`SELECT * FROM app_duplicate_person_ids($1::text[], 50)`, [skeletons]);
    await client.query("COMMIT");
    let read = 0;
    const walk = (node: Record<string, unknown>) => {
      if (node["Relation Name"] === "person_names") {
        const loops = Number(node["Actual Loops"] ?? 1);
        read += (Number(node["Actual Rows"] ?? 0) + Number(node["Rows Removed by Filter"] ?? 0) + Number(node["Rows Removed by Index Recheck"] ?? 0)) * loops;
      }
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    for (const plan of plans) walk((plan as { Plan: Record<string, unknown> }).Plan);
    return { rows: read, found: rows.length };
  } finally {
    await client.end();
  }
}

describe("duplicate hints among many namesakes", () => {
  let org: TestOrg;
  let member: TestMember;
  let byKey: Map<string, string[]>;
  let nameCount: number;

  beforeAll(async () => {
    org = await createOrg("Namesakes group", "NS");
    member = await createMember(org, "COORDINATOR");
    // 4 000 people from 26 given names, every third one a Serik: "serik" is held by over a thousand. No one
    // is named after his father ("Serik Serikuly"): the score counts a recorded name whose words all appear
    // in the new one as the same name, which would blur what these tests look at.
    const crowd = Array.from({ length: 4000 }, (_, index) => {
      const given = index % 3 === 0 ? MALE_NAMES[3]! : MALE_NAMES[index % MALE_NAMES.length]!;
      const father = MALE_NAMES[(Math.floor(index / 7) + (index % 3 === 0 ? 1 : 0)) % MALE_NAMES.length]!;
      return { given, father: father === given ? MALE_NAMES[(MALE_NAMES.indexOf(father) + 1) % MALE_NAMES.length]! : father };
    }).map(({ given, father }) => ({ latin: `${given.lat[0]} ${father.lat[0].replace(/-/g, "")}uly`, cyrillic: `${given.cyr} ${father.cyr}ұлы` }));
    byKey = await addCrowd(org, crowd);
    const [count] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM person_names WHERE "organizationId" = $1`, [org.id]);
    nameCount = count!.n;
  });

  it("offers the people of a common name first when one word of it is mistyped", async () => {
    const serikNurlanuly = byKey.get(skeletonKey("Serik Nurlanuly")) ?? [];
    expect(serikNurlanuly.length).toBeGreaterThan(3);
    const candidates = await findDuplicateCandidates(member, { names: ["Serik Nurlamuly"] });
    // as many as the hints show, every one a Serik Nurlanuly, none of the thousand other Seriks
    expect(candidates.length).toBe(Math.min(10, serikNurlanuly.length));
    expect(candidates.map((c) => c.id).every((id) => serikNurlanuly.includes(id))).toBe(true);
    expect(candidates[0]!.reasons).toContain("similarName");
  });

  it("finds a person recorded in Cyrillic or Uyghur Arabic script from a Latin spelling the name keys do not fold", async () => {
    const baurzhan = await createPerson(member, { names: [{ value: "Бауыржан Омарұлы" }] });
    const erkin = await createPerson(member, { names: [{ value: "ئەركىن دۆلەتبەك" }] });
    // "Baurzhan" and "Dolatbek" keep a letter that Бауыржан and دۆلەتبەك do not have
    expect(skeletonKey("Baurzhan Omaruly")).not.toBe(skeletonKey("Бауыржан Омарұлы"));
    expect(skeletonKey("Erkin Dolatbek")).not.toBe(skeletonKey("ئەركىن دۆلەتبەك"));
    expect((await findDuplicateCandidates(member, { names: ["Baurzhan Omaruly"] }))[0]?.id).toBe(baurzhan.id);
    expect((await findDuplicateCandidates(member, { names: ["Erkin Dolatbek"] }))[0]?.id).toBe(erkin.id);
  });

  it("finds the recorded person when the new name has a word more", async () => {
    const askar = await createPerson(member, { names: [{ value: "Асқар Жұмабаев" }] });
    const found = await findDuplicateCandidates(member, { names: ["Asqar Tursynuly Jumabaev"] });
    expect(found[0]?.id).toBe(askar.id);
    expect(found[0]?.nameScore).toBeGreaterThanOrEqual(0.6);
  });

  it("answers a name that matches no recorded name by reading a small part of the organisation's names", async () => {
    const { rows, found } = await namesRead(org, [skeletonKey("Bench Serik 123456789")]);
    expect(nameCount).toBeGreaterThanOrEqual(8000);
    // the search before read every name of the organisation; now a bounded few hundred, whatever its size
    expect(rows).toBeLessThan(1000);
    expect(found).toBeLessThanOrEqual(50);
    // and a mistyped common name reads no more
    expect((await namesRead(org, [skeletonKey("Serik Nurlamuly")])).rows).toBeLessThan(1000);
  });

  it("ranks each name of an import batch on its own, with the same spelling tolerance", async () => {
    const keys = ["Serik Nurlamuly", "Bench Serik 123456789", "Zzyzx Qwerty"].map(skeletonKey);
    const rows = await withTenant(member, async (tx) => {
      await setNameMatchThresholds(tx);
      return tx.$queryRaw<Array<{ skeleton: string; personId: string; score: number }>>`
        SELECT skeleton, "personId", score FROM app_duplicate_people_by_key(${keys}::text[], 5)`;
    });
    const forTypo = rows.filter((row) => row.skeleton === keys[0]);
    expect(forTypo).toHaveLength(5);
    expect(forTypo.every((row) => (byKey.get(skeletonKey("Serik Nurlanuly")) ?? []).includes(row.personId))).toBe(true);
    expect(rows.filter((row) => row.skeleton === keys[2])).toEqual([]);
  });
});

describe("the organisation's name words behind the spelling-tolerant search", () => {
  it("never offers another organisation's person for a mistyped name", async () => {
    const ours = await createMember(await createOrg("Our typo group", "OY"), "COORDINATOR");
    const theirs = await createMember(await createOrg("Their typo group", "TY"), "COORDINATOR");
    const ourPerson = await createPerson(ours, { names: [{ value: "Жақсылық Тұрсынбаев" }] });
    const theirPerson = await createPerson(theirs, { names: [{ value: "Жақсылық Тұрсынбаев" }] });
    expect((await findDuplicateCandidates(ours, { names: ["Zhaksylyk Tursinbayef"] })).map((c) => c.id)).toEqual([ourPerson.id]);
    expect((await findDuplicateCandidates(theirs, { names: ["Zhaksylyk Tursinbayef"] })).map((c) => c.id)).toEqual([theirPerson.id]);
    const seen = await withTenant(ours, (tx) =>
      tx.$queryRaw<Array<{ organizationId: string }>>`SELECT DISTINCT "organizationId"::text AS "organizationId" FROM person_name_words`,
    );
    expect(seen).toEqual([{ organizationId: ours.organizationId }]);
  });

  it("keeps a word while anyone's name has it and lets it go with its last holder", async () => {
    const org = await createOrg("Word holders group", "WH");
    const member = await createMember(org, "COORDINATOR");
    const first = await createPerson(member, { names: [{ value: "Qydyrbek Nurlanuly" }] });
    const second = await createPerson(member, { names: [{ value: "Qydyrbek Bolatuly" }] });
    const words = async () =>
      (await ownerQuery<{ token: string }>(`SELECT token FROM person_name_words WHERE "organizationId" = $1 ORDER BY token`, [org.id])).map((row) => row.token);
    const qydyrbek = skeletonKey("Qydyrbek");
    expect(await words()).toEqual([skeletonKey("Bolat"), skeletonKey("Nurlan"), qydyrbek].sort());

    await ownerQuery(`DELETE FROM person_names WHERE "personId" = $1`, [first.id]);
    expect(await words()).toEqual([skeletonKey("Bolat"), qydyrbek].sort());
    await ownerQuery(`DELETE FROM person_names WHERE "personId" = $1`, [second.id]);
    expect(await words()).toEqual([]);
  });

  it("lets only the app role call the duplicate searches, and nobody the search inside them", async () => {
    const rows = await ownerQuery<{ proname: string; app: boolean; public: boolean }>(
      `SELECT p.proname, has_function_privilege('qamqor_app', p.oid, 'EXECUTE') AS app,
              COALESCE(array_to_string(p.proacl, ',') ~ '(^|,)=X', true) AS public
         FROM pg_proc p WHERE p.proname IN ('app_duplicate_person_ids', 'app_duplicate_people_by_key', 'app_similar_name_candidates') ORDER BY p.proname`,
    );
    expect(rows).toEqual([
      { proname: "app_duplicate_people_by_key", app: true, public: false },
      { proname: "app_duplicate_person_ids", app: true, public: false },
      { proname: "app_similar_name_candidates", app: false, public: false },
    ]);
  });
});
