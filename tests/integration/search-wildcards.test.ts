// What a user types into a search is looked for literally: "%" and "_" are LIKE wildcards to PostgreSQL,
// and once matched every protest and police action of the organisation.
import { beforeAll, describe, expect, it } from "vitest";
import { createPerson } from "../../lib/people/create-person";
import { findPlaces } from "../../lib/places/find-places";
import { createPoliceAction } from "../../lib/police-actions/create-police-action";
import { findPoliceActions } from "../../lib/police-actions/find-police-actions";
import { createProtest } from "../../lib/protests/create-protest";
import { findProtests } from "../../lib/protests/find-protests";
import { findAuditEvents } from "../../lib/audit-log/find-audit-events";
import { createMember, createOrg, type TestMember } from "../helpers/factories";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let coordinator: TestMember;
let admin: TestMember;
let percentProtest: string;
let underscoreAction: string;

beforeAll(async () => {
  const org = await createOrg("Atazhurt", "AT");
  coordinator = await createMember(org, "COORDINATOR");
  admin = await createMember(org, "ADMIN");
  percentProtest = (await createProtest(coordinator, { startsAt: `${day(-5)}T11:00`, city: "Almaty", kind: "PICKET", organiser: "100% Atazhurt" })).id;
  await createProtest(coordinator, { startsAt: `${day(-4)}T11:00`, city: "Astana", kind: "PICKET", organiser: "Naghyz Atazhurt" });
  const person = await createPerson(coordinator, { names: [{ value: "Serik Wildcard" }] });
  underscoreAction = (await createPoliceAction(coordinator, { personId: person.id, type: "SUMMONS", date: day(-3), authority: "District_7 police" })).id;
  await createPoliceAction(coordinator, { personId: person.id, type: "WARNING", date: day(-2), authority: "City police" });
});

describe("a search with LIKE wildcards in it", () => {
  it("'%' finds only the protest that has a percent sign, not every protest", async () => {
    expect((await findProtests(coordinator, { q: "%" })).items.map((p) => p.id)).toEqual([percentProtest]);
    expect((await findProtests(coordinator, { q: "100%" })).items.map((p) => p.id)).toEqual([percentProtest]);
  });

  it("'_' finds only the police action that has an underscore, not every action", async () => {
    expect((await findPoliceActions(coordinator, { q: "_" })).items.map((a) => a.id)).toEqual([underscoreAction]);
    expect((await findPoliceActions(coordinator, { q: "%" })).items).toEqual([]);
  });

  it("'%' as the city filter of protests and police actions matches no city", async () => {
    expect((await findProtests(coordinator, { city: "%" })).items).toEqual([]);
    expect((await findProtests(coordinator, { city: "almat_" })).items).toEqual([]);
    expect((await findProtests(coordinator, { city: "almaty" })).items.map((p) => p.id)).toEqual([percentProtest]);
    expect((await findPoliceActions(coordinator, { city: "%" })).items).toEqual([]);
  });

  it("'%' and '_' in the place search and the audit filter match nothing instead of everything", async () => {
    expect(await findPlaces(coordinator, { q: "%" })).toEqual([]);
    expect(await findPlaces(coordinator, { q: "__" })).toEqual([]);
    expect((await findAuditEvents(admin, { action: "%" })).events).toEqual([]);
  });
});
