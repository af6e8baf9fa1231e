// The dashboard's count of likely duplicates stops at a thousand: a scan of a bulk-loaded organisation
// finds tens of thousands of pairs, and counting them all on every view was most of the dashboard's
// database time. Below the cap the count is exact; past it the panel reads "1 000+".
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { DUPLICATE_PAIRS_COUNTED } from "../../lib/people/duplicate-pairs";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

/** `pairs` open pairs between bulk-written people of the organisation, each pair its own two people. */
async function openPairs(org: TestOrg, pairs: number): Promise<void> {
  const ids = Array.from({ length: pairs * 2 }, () => randomUUID());
  await ownerQuery(
    `INSERT INTO people (id, "organizationId", "displayName", "updatedAt") SELECT p.id, $1, 'Person ' || p.n, now() FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [org.id, ids],
  );
  await ownerQuery(
    `INSERT INTO person_duplicate_pairs ("organizationId", "personAId", "personBId", score)
     SELECT $1, least(a, b), greatest(a, b), 0.9 FROM unnest($2::uuid[], $3::uuid[]) AS pair(a, b)`,
    [org.id, ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)],
  );
}

const likelyDuplicates = async (member: TestMember) => (await getDashboard(member, { period: "month" })).needsDoing!.likelyDuplicates;

describe("the dashboard's count of likely duplicates", () => {
  let many: TestMember;
  let few: TestMember;

  beforeAll(async () => {
    const big = await createOrg("Many pairs group", "MP");
    const small = await createOrg("Few pairs group", "FP");
    many = await createMember(big, "COORDINATOR");
    few = await createMember(small, "COORDINATOR");
    await openPairs(big, DUPLICATE_PAIRS_COUNTED + 5);
    await openPairs(small, 3);
  });

  it("says a thousand and more once there are more than a thousand open pairs, still listing the likeliest", async () => {
    const found = await likelyDuplicates(many);
    expect(found.count).toBe(DUPLICATE_PAIRS_COUNTED);
    expect(found.countCapped).toBe(true);
    expect(found.items.length).toBeGreaterThan(0);
  });

  it("counts exactly below the cap, and only the organisation's own pairs", async () => {
    const found = await likelyDuplicates(few);
    expect(found).toMatchObject({ count: 3, countCapped: false });
    expect(found.items).toHaveLength(3);
  });
});
