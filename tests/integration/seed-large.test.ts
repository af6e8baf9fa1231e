// Runs the large seed as a separate process, as `npm run seed:large` does, on a small count.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nameKeys } from "../../lib/names/keys";
import { ownerQuery } from "../helpers/factories";
import { tsxArgs } from "../../scripts/lib/node-flags";

function seedLarge(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), tsxArgs("scripts/seed-large.ts", ...args), { env: process.env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const summary = `SELECT c.reference, c.status::text, p."displayName", (SELECT count(*) FROM case_events e WHERE e."caseId" = c.id)::int AS events
  FROM cases c JOIN people p ON p.id = c."subjectPersonId" JOIN organizations o ON o.id = c."organizationId"
  WHERE o.slug = 'bench-test' ORDER BY c.reference`;

const indexes = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`;

describe("npm run seed:large", () => {
  it("writes the requested number of cases in the shape of a big campaign, with a valid audit chain, and reports its speed", async () => {
    const result = await seedLarge(["--cases", "600", "--org-slug", "bench-test"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Wrote 600 cases \(\d+ rows\) for "bench-test" in [\d.]+ s: \d+ rows\/s\./);

    const cases = await ownerQuery<{ reference: string; events: number }>(summary);
    expect(cases).toHaveLength(600);
    for (const row of cases) {
      expect(row.events).toBeGreaterThanOrEqual(3);
      expect(row.events).toBeLessThanOrEqual(14);
    }
    // per case: three people, about ten events, a police action; 20 audit events chained from genesis
    const [shape] = await ownerQuery<{ people: string; events: string; police: string; audit: string; broken: string }>(
      `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM case_events) AS events,
              (SELECT count(*) FROM police_actions) AS police, (SELECT count(*) FROM audit_events) AS audit,
              (SELECT count(*) FROM audit_events a WHERE a."prevHash" <> coalesce((SELECT b.hash FROM audit_events b WHERE b."organizationId" = a."organizationId" AND b.id < a.id ORDER BY b.id DESC LIMIT 1), 'genesis')) AS broken`,
    );
    expect(Number(shape?.people)).toBe(1800);
    expect(Number(shape?.events)).toBeGreaterThan(600 * 8);
    expect(Number(shape?.police)).toBeGreaterThan(300);
    expect(Number(shape?.audit)).toBe(600 * 20);
    expect(Number(shape?.broken)).toBe(0);
    const [counts] = await ownerQuery<{ names_per_subject: string; contacts: string; protests: string }>(
      `SELECT (SELECT count(*)::float / count(DISTINCT n."personId") FROM person_names n JOIN cases c ON c."subjectPersonId" = n."personId") AS names_per_subject,
              (SELECT count(*) FROM case_contacts) AS contacts,
              (SELECT count(*) FROM protests) AS protests`,
    );
    expect(Number(counts?.names_per_subject)).toBeGreaterThanOrEqual(2);
    expect(Number(counts?.names_per_subject)).toBeLessThanOrEqual(4);
    expect(Number(counts?.contacts)).toBe(1200);
    expect(Number(counts?.protests)).toBeGreaterThan(0);

    const names = await ownerQuery<{ value: string; normalized: string; skeleton: string }>(`SELECT value, normalized, skeleton FROM person_names LIMIT 200`);
    for (const name of names) {
      const keys = nameKeys(name.value);
      expect([keys.normalized, keys.skeleton]).toEqual([name.normalized, name.skeleton]);
    }
    const counters = await ownerQuery<{ ok: boolean }>(
      `SELECT k."lastNumber" = (SELECT count(*) FROM cases c WHERE c."organizationId" = k."organizationId" AND split_part(c.reference, '-', 2)::int = k.year) AS ok
       FROM case_reference_counters k JOIN organizations o ON o.id = k."organizationId" WHERE o.slug = 'bench-test'`,
    );
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.every((row) => row.ok)).toBe(true);
  }, 120_000);

  it("refuses to overwrite an existing organisation unless asked, and rebuilds the same data with --replace", async () => {
    const before = await ownerQuery(summary);
    const refused = await seedLarge(["--cases", "600", "--org-slug", "bench-test"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`The organisation "bench-test" already exists; pass --replace to rebuild it or --org-slug to choose another.`);

    const replaced = await seedLarge(["--cases", "600", "--org-slug", "bench-test", "--replace"]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await ownerQuery(summary)).toEqual(before);
  }, 120_000);

  it("explains a bad option in one sentence", async () => {
    const result = await seedLarge(["--cases", "many"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("--cases needs a whole number greater than zero.");
  });
  it("builds once what the triggers would derive, and leaves every index and trigger as migrated", async () => {
    const before = await ownerQuery(indexes);
    const result = await seedLarge(["--cases", "300", "--org-slug", "bench-derived", "--seed", "7"]);
    expect(result.code, result.stderr).toBe(0);
    expect(await ownerQuery(indexes)).toEqual(before);
    expect(await ownerQuery(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`)).toEqual([]);
    const [derived] = await ownerQuery<Record<string, string>>(
      `WITH org AS (SELECT id FROM organizations WHERE slug = 'bench-derived'),
            words AS (SELECT DISTINCT n.id, n."personId", word FROM person_names n CROSS JOIN LATERAL unnest(string_to_array(n.skeleton, ' ')) AS word
                       WHERE n."organizationId" = (SELECT id FROM org) AND word <> '')
       SELECT (SELECT count(*) FROM words) AS words,
              (SELECT count(*) FROM (SELECT id, "personId", word FROM words EXCEPT SELECT "personNameId", "personId", token FROM person_name_tokens) x) AS missing_words,
              (SELECT count(*) FROM (SELECT DISTINCT "personId", word FROM words) x) AS person_words,
              (SELECT count(*) FROM person_tokens WHERE "organizationId" = (SELECT id FROM org)) AS person_tokens,
              (SELECT count(*) FROM cases WHERE "organizationId" = (SELECT id FROM org)) AS cases,
              (SELECT count(*) FROM case_un_readiness WHERE "organizationId" = (SELECT id FROM org)) AS readiness,
              (SELECT count(*) FROM dashboard_case_facts WHERE "organizationId" = (SELECT id FROM org)) AS facts`,
    );
    expect(Number(derived?.words)).toBeGreaterThan(300 * 6);
    expect(derived?.missing_words).toBe("0");
    expect(derived?.person_tokens).toBe(derived?.person_words);
    expect(derived?.readiness).toBe("300");
    expect(Number(derived?.facts)).toBeGreaterThan(0);
    // what the triggers make of the same rows: touching every event recomputes its case's readiness and
    // dashboard facts (and the sums) through the triggers' own path
    const org = `(SELECT id FROM organizations WHERE slug = 'bench-derived')`;
    const snapshot = async () => [
      await ownerQuery(`SELECT * FROM dashboard_counts WHERE "organizationId" = ${org} ORDER BY kind, day, key`),
      await ownerQuery(`SELECT * FROM dashboard_case_facts WHERE "organizationId" = ${org} ORDER BY "caseId", kind, key, day`),
      await ownerQuery(`SELECT "caseId", "wgeidMissing", "wgadMissing", "wgeidReady", "wgadReady" FROM case_un_readiness WHERE "organizationId" = ${org} ORDER BY "caseId"`),
    ];
    const seeded = await snapshot();
    expect(seeded[0]?.length).toBeGreaterThan(0);
    await ownerQuery(`UPDATE case_events SET version = version WHERE "organizationId" = ${org}`);
    await ownerQuery(`UPDATE case_contacts SET "isPrimary" = "isPrimary" WHERE "organizationId" = ${org}`);
    expect(await snapshot()).toEqual(seeded);
  }, 120_000);
});
