// The dashboard's protest and police-action summaries (the "people", "police" and "hearing" counts) are
// kept by the database at commit. After every kind of change made through the services — protests
// recorded with their people, people added and removed, a protest moved to another month or deleted,
// police actions recorded, given an outcome, redated and deleted, hearings waiting for an outcome, people
// merged and erased — they must equal a count written out here from the records; a rebuild must change
// nothing; and the dashboard's figures, read from the summaries over whole months and from the records
// over any other period, must equal a distinct count.
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { wholeMonths } from "../../lib/dashboard/summary";
import { createPoliceAction } from "../../lib/police-actions/create-police-action";
import { deletePoliceAction } from "../../lib/police-actions/delete-police-action";
import { recordPoliceOutcome } from "../../lib/police-actions/record-outcome";
import { updatePoliceAction } from "../../lib/police-actions/update-police-action";
import { createPerson } from "../../lib/people/create-person";
import { erasePerson } from "../../lib/people/erase-person";
import { mergePeople } from "../../lib/people/merge-people";
import { createProtest } from "../../lib/protests/create-protest";
import { deleteProtest } from "../../lib/protests/delete-protest";
import { addParticipants, removeParticipant } from "../../lib/protests/participants";
import { updateProtest } from "../../lib/protests/update-protest";
import { independentCounts, keptCounts, peopleAtProtests } from "../helpers/dashboard-counts";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

async function expectKeptEqualsCounted(org: TestOrg): Promise<void> {
  expect(await keptCounts(org.id)).toEqual(await independentCounts(org.id));
}

async function version(table: "protests" | "police_actions" | "people", id: string): Promise<number> {
  return (await ownerQuery<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]!.version;
}

const kinds = (counts: Record<string, number>, kind: string) => Object.keys(counts).filter((key) => key.startsWith(`${kind} `)).length;

describe("the dashboard's protest and police-action summaries", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  const people: string[] = [];
  const protests: Record<string, string> = {};
  const actions: Record<string, string> = {};

  beforeAll(async () => {
    org = await createOrg("Activity summaries group", "AS");
    coordinator = await createMember(org, "COORDINATOR");
    const names = ["Aigerim Serikkyzy", "Baqyt Nurlanuly", "Dana Askarkyzy", "Erlan Bolatuly", "Gulnar Temirkyzy"];
    for (const name of names) people.push((await createPerson(coordinator, { names: [{ value: name }] })).id);
    // another organisation's protests never count here
    const other = await createOrg("Other activity group", "AO");
    const outsider = await createMember(other, "COORDINATOR");
    const stranger = await createPerson(outsider, { names: [{ value: "Elsewhere Person" }] });
    await createProtest(outsider, { startsAt: "2025-03-10T11:00", city: "Almaty", kind: "PICKET", participants: [{ personId: stranger.id }] });
  });

  it("equal the records after protests with their people and police actions are recorded", async () => {
    const [a, b, c, d] = people;
    protests.march = (await createProtest(coordinator, { startsAt: "2025-03-10T11:00", city: "Almaty", kind: "PICKET", participants: [{ personId: a }, { personId: b }] })).id;
    protests.marchAgain = (await createProtest(coordinator, { startsAt: "2025-03-24T11:00", city: "Almaty", kind: "PICKET", participants: [{ personId: a }, { personId: c }] })).id;
    protests.may = (await createProtest(coordinator, { startsAt: "2025-05-05T11:00", city: "Astana", kind: "PICKET", participants: [{ personId: a }, { personId: d }] })).id;
    protests.january = (await createProtest(coordinator, { startsAt: "2026-01-12T11:00", city: "Almaty", kind: "PICKET", participants: [{ personId: b }] })).id;
    actions.summons = (await createPoliceAction(coordinator, { personId: a!, type: "SUMMONS", date: "2025-03-11", protestId: protests.march })).id;
    actions.detention = (await createPoliceAction(coordinator, { personId: b!, type: "DETENTION", date: "2025-03-10", protestId: protests.march })).id;
    actions.fine = (await createPoliceAction(coordinator, { personId: d!, type: "FINE", date: "2025-05-06", fineAmount: "20000" })).id;
    // hearings to come, waiting for an outcome: one in ten days, one in twenty
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);
    actions.hearing = (await createPoliceAction(coordinator, { personId: c!, type: "ADMINISTRATIVE_CASE", date: "2025-05-07", hearingAt: inDays(10) })).id;
    actions.laterHearing = (await createPoliceAction(coordinator, { personId: d!, type: "ADMINISTRATIVE_CASE", date: "2025-05-08", hearingAt: inDays(20) })).id;
    const kept = await keptCounts(org.id);
    expect(kinds(kept, "people")).toBe(4);
    expect(kinds(kept, "police")).toBe(4);
    expect(kinds(kept, "hearing")).toBe(2);
    // a person at two protests in March counts once in March
    expect(kept["people 2025-03-01 "]).toBe(3);
    await expectKeptEqualsCounted(org);
  });

  it("equal the records after people are added and removed, and a protest is moved or deleted", async () => {
    const [a, , c, , e] = people;
    await addParticipants(coordinator, protests.may!, [{ personId: e }, { personId: c }]);
    await expectKeptEqualsCounted(org);
    await removeParticipant(coordinator, protests.marchAgain!, a!);
    await expectKeptEqualsCounted(org);
    // moved from May to April: the people's previous months change
    const may = (await ownerQuery<{ city: string }>(`SELECT city FROM protests WHERE id = $1`, [protests.may]))[0]!;
    await updateProtest(coordinator, protests.may!, { version: await version("protests", protests.may!), startsAt: "2025-04-28T11:00", city: may.city, kind: "PICKET" });
    await expectKeptEqualsCounted(org);
    // the same month, another day: nothing to recount
    await updateProtest(coordinator, protests.may!, { version: await version("protests", protests.may!), startsAt: "2025-04-29T11:00", city: may.city, kind: "PICKET" });
    await expectKeptEqualsCounted(org);
    await deleteProtest(coordinator, protests.marchAgain!, await version("protests", protests.marchAgain!));
    await expectKeptEqualsCounted(org);
  });

  it("equal the records after police actions get an outcome, are redated and deleted", async () => {
    await recordPoliceOutcome(coordinator, actions.detention!, { version: await version("police_actions", actions.detention!), outcome: "DISMISSED", outcomeDate: "2025-03-12" });
    await expectKeptEqualsCounted(org);
    const fine = (await ownerQuery<{ personId: string }>(`SELECT "personId" FROM police_actions WHERE id = $1`, [actions.fine]))[0]!;
    await updatePoliceAction(coordinator, actions.fine!, { version: await version("police_actions", actions.fine!), personId: fine.personId, type: "WARNING", date: "2025-06-02" });
    await expectKeptEqualsCounted(org);
    await deletePoliceAction(coordinator, actions.summons!, await version("police_actions", actions.summons!));
    await expectKeptEqualsCounted(org);
    // a hearing's outcome known: it no longer waits
    await recordPoliceOutcome(coordinator, actions.laterHearing!, { version: await version("police_actions", actions.laterHearing!), outcome: "FINED", outcomeDate: "2025-05-09", outcomeFineAmount: "10000" });
    await expectKeptEqualsCounted(org);
    expect(kinds(await keptCounts(org.id), "hearing")).toBe(1);
    expect((await keptCounts(org.id))["police 2025-06-01 WARNING|"]).toBe(1);
  });

  it("equal the records after people are merged and erased", async () => {
    const [a, b, , d] = people;
    // the two were at the March protest together: the survivor keeps one participation there
    await mergePeople(coordinator, { survivorId: a!, mergedId: b!, reason: "Same person, two spellings" });
    await expectKeptEqualsCounted(org);
    const person = (await ownerQuery<{ displayName: string }>(`SELECT "displayName" FROM people WHERE id = $1`, [d]))[0]!;
    await erasePerson(coordinator, d!, { reason: "FAMILY_REQUEST", confirmation: person.displayName, version: await version("people", d!) });
    await expectKeptEqualsCounted(org);
  });

  it("are what a rebuild from the records gives", async () => {
    const before = await keptCounts(org.id);
    await ownerQuery(`SELECT dashboard_rebuild($1)`, [org.id]);
    expect(await keptCounts(org.id)).toEqual(before);
    await expectKeptEqualsCounted(org);
  });

  it("give the dashboard the people and police actions of a period, whole months or not", async () => {
    const police = async (from: string, to: string) =>
      (await ownerQuery<{ type: string; n: number }>(
        `SELECT type::text, count(*)::int AS n FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND date BETWEEN $2 AND $3 GROUP BY 1`,
        [org.id, from, to],
      )).reduce<Record<string, number>>((all, row) => ({ ...all, [row.type]: row.n }), {});
    const views: { query: Record<string, string>; now: string; whole: boolean }[] = [
      // whole months (read from the summaries)
      { query: { period: "year" }, now: "2025-06-15T12:00:00Z", whole: true },
      { query: { period: "quarter" }, now: "2025-05-15T12:00:00Z", whole: true },
      { query: { period: "custom", from: "2025-05-01", to: "2025-06-30" }, now: "2026-06-15T12:00:00Z", whole: true },
      // a run of days (counted from the records)
      { query: { period: "custom", from: "2025-03-11", to: "2025-04-30" }, now: "2026-06-15T12:00:00Z", whole: false },
    ];
    for (const view of views) {
      const data = await getDashboard(coordinator, view.query, new Date(view.now));
      const { from, to, previous } = data.period;
      expect(wholeMonths(data.period)).toBe(view.whole);
      const waiting = await ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL AND outcome IS NULL AND "hearingAt" >= $2`,
        [org.id, new Date(view.now)],
      );
      expect(data.headline.pendingHearings.current.value).toBe(waiting[0]!.n);
      expect(data.headline.participants.current.value).toBe(await peopleAtProtests(org.id, from, to));
      expect(data.headline.participants.previous?.value).toBe(await peopleAtProtests(org.id, previous.from, previous.to));
      for (const [bucket, range] of [["current", { from, to }], ["previous", previous]] as const) {
        const byType = await police(range.from, range.to);
        const cells = data.headline.policeByType[bucket]!.cells;
        for (const type of Object.keys(cells) as (keyof typeof cells)[]) expect(cells[type].value, `${bucket} ${type} ${from}`).toBe(byType[type] ?? 0);
      }
    }
    // the year of 2025 had people at protests: the figures above are not all zero
    expect((await getDashboard(coordinator, { period: "year" }, new Date("2025-06-15T12:00:00Z"))).headline.participants.current.value).toBeGreaterThan(2);
  });
});
