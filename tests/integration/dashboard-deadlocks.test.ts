// Concurrent writes must not deadlock on the dashboard's summary rows. Transactions that touch the same
// counters in opposite orders (events of case A then case B, and of B then A, each statement waiting until
// every transaction has written its first one) all commit, because the counters are brought up to date
// once at commit in key order; and a transaction PostgreSQL does abort for a deadlock on ordinary rows is
// run again from the start by withTenant. The same holds for the people at protests and the police
// actions: transactions adding the same people to protests, and police actions of the same months, in
// opposite orders all commit, and each person is counted exactly once per month. Afterwards the counts
// equal an independent count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createCase } from "../../lib/cases/create-case";
import { createPerson } from "../../lib/people/create-person";
import { createProtest } from "../../lib/protests/create-protest";
import { withTenant } from "../../lib/db";
import { independentCounts, keptCounts } from "../helpers/dashboard-counts";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

/** Resolves for everyone once `parties` have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === parties) release();
    return all;
  };
}

describe("concurrent changes to the dashboard's counters", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  const caseIds: string[] = [];
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    org = await createOrg("Deadlock group", "DL");
    coordinator = await createMember(org, "COORDINATOR");
    for (let i = 0; i < 8; i++) {
      caseIds.push((await createCase(coordinator, { subject: { person: { names: [{ value: `Qanat Serikuly ${i}` }] } }, status: "MISSING" })).id);
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
  });

  it("all commit when transactions touch the same counters in opposite orders", async () => {
    const insertEvent = (client: pg.Client, caseId: string, type: string, date: string) =>
      client.query(`INSERT INTO case_events ("organizationId", "caseId", type, date, "updatedAt") VALUES ($1, $2, $3::"CaseEventType", $4::date, now())`, [org.id, caseId, type, date]);
    const results = await Promise.allSettled(
      caseIds.map(async (caseId, i) => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        clients.push(client);
        await client.connect();
        // every transaction writes both counters (detentions in March 2019, sentences in June 2020), half of
        // them in each order, with a pause between so that all hold their first statement's work at once;
        // no retry here: a deadlock would fail the transaction
        const steps: [string, string][] = [["DETAINED", "2019-03-05"], ["SENTENCED", "2020-06-15"]];
        const [first, second] = i % 2 === 0 ? steps : [steps[1]!, steps[0]!];
        await client.query("BEGIN");
        await insertEvent(client, caseId, ...first!);
        await client.query("SELECT pg_sleep(0.2)");
        await insertEvent(client, caseId, ...second!);
        await client.query("COMMIT");
      }),
    );
    expect(results.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
    const events = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE "organizationId" = $1`, [org.id]);
    expect(events[0]!.n).toBe(caseIds.length * 2);
    expect(await keptCounts(org.id)).toEqual(await independentCounts(org.id));
  });

  it("all commit, and count each person once, when transactions add the same people and police actions in opposite orders", async () => {
    const people = [
      (await createPerson(coordinator, { names: [{ value: "Aigerim Serikkyzy" }] })).id,
      (await createPerson(coordinator, { names: [{ value: "Baqyt Nurlanuly" }] })).id,
    ];
    // eight protests, four in March and four in May 2025: every transaction adds both people to its own
    // protest and records a police action against each, in March and in May
    const protestIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      protestIds.push((await createProtest(coordinator, { startsAt: `2025-0${i % 2 === 0 ? 3 : 5}-${10 + i}T11:00`, city: "Almaty", kind: "PICKET" })).id);
    }
    // and all commit at once, so that their refreshes of the same two people run side by side
    const allAdded = barrier(protestIds.length);
    const results = await Promise.allSettled(
      protestIds.map(async (protestId, i) => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        clients.push(client);
        await client.connect();
        const steps: [string, string][] = [[people[0]!, "2025-03-11"], [people[1]!, "2025-05-12"]];
        const [first, second] = i % 2 === 0 ? steps : [steps[1]!, steps[0]!];
        const add = async ([personId, date]: [string, string]) => {
          await client.query(`INSERT INTO protest_participations ("organizationId", "protestId", "personId") VALUES ($1, $2, $3)`, [org.id, protestId, personId]);
          await client.query(`INSERT INTO police_actions ("organizationId", "personId", type, date, "updatedAt") VALUES ($1, $2, 'SUMMONS', $3::date, now())`, [org.id, personId, date]);
        };
        await client.query("BEGIN");
        await add(first!);
        await client.query("SELECT pg_sleep(0.2)");
        await add(second!);
        await allAdded();
        await client.query("COMMIT");
      }),
    );
    expect(results.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
    const kept = await keptCounts(org.id);
    expect(kept).toEqual(await independentCounts(org.id));
    // both people in March (their first month) and in May (after March)
    expect(kept["people 2025-03-01 "]).toBe(2);
    expect(kept["people 2025-05-01 2025-03"]).toBe(2);
    expect(kept["police 2025-03-01 SUMMONS|"]).toBe(8);
    expect(kept["police 2025-05-01 SUMMONS|"]).toBe(8);
  });

  it("are run again when PostgreSQL aborts one for a deadlock, and all succeed", async () => {
    const touch = (tx: Parameters<Parameters<typeof withTenant>[1]>[0], caseId: string) =>
      tx.$executeRaw`UPDATE cases SET "updatedAt" = now() WHERE id = ${caseId}::uuid`;
    const attempts: number[] = [];
    // two pairs of transactions; in each pair one holds case A and asks for B, the other holds B and asks
    // for A: a true deadlock on the cases themselves, which PostgreSQL ends by aborting one of the two
    const runs = [0, 1].flatMap((pair) => {
      const both = barrier(2);
      const a = caseIds[pair * 2]!;
      const b = caseIds[pair * 2 + 1]!;
      return [[a, b], [b, a]].map(([first, second]) => {
        const index = attempts.push(0) - 1;
        return withTenant(coordinator, async (tx) => {
          attempts[index]! += 1;
          await touch(tx, first!);
          if (attempts[index] === 1) await both();
          await touch(tx, second!);
          await tx.$executeRaw`INSERT INTO case_events ("organizationId", "caseId", type, date, "updatedAt") VALUES (${org.id}::uuid, ${first}::uuid, 'RELEASED', '2026-01-15', now())`;
        });
      });
    });
    await Promise.all(runs);
    expect(attempts.filter((count) => count > 1).length).toBeGreaterThanOrEqual(2);
    const released = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE "organizationId" = $1 AND type = 'RELEASED'`, [org.id]);
    expect(released[0]!.n).toBe(4);
    expect(await keptCounts(org.id)).toEqual(await independentCounts(org.id));
  });
});
