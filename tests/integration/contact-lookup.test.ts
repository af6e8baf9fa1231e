// A search by phone number is a look-up of a contact detail: it finds only people whose contact details
// the caller may see. A volunteer typing a number finds the families of their own cases, and nobody else.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listPeople } from "../../app/api/v1/people/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { createCase } from "../../lib/cases/create-case";
import { createPerson } from "../../lib/people/create-person";
import { findPeople } from "../../lib/people/find-people";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function tokenFor(member: TestMember): Promise<string> {
  const token = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'test', $3)`, [
    member.organizationId,
    member.userId,
    hashApiToken(token),
  ]);
  return token;
}

let coordinator: TestMember;
let volunteer: TestMember;
let analyst: TestMember;
let strangerId: string;
let ownRelativeId: string;

beforeAll(async () => {
  const org = await createOrg("Atazhurt", "AT");
  coordinator = await createMember(org, "COORDINATOR");
  volunteer = await createMember(org, "VOLUNTEER");
  analyst = await createMember(org, "ANALYST");
  // a relative on a case of the coordinator's, with a phone number the volunteer may not see
  const stranger = await createPerson(coordinator, { names: [{ value: "Gulnar Saparqyzy" }], contact: { phone: "+7 701 555 01 02" } });
  strangerId = stranger.id;
  await createCase(coordinator, { subject: { person: { names: [{ value: "Bakhyt Saparuly" }] } }, contacts: [{ personId: strangerId, relationship: "SISTER" }] });
  // the volunteer's own case, whose family contact they may call
  const relative = await createPerson(coordinator, { names: [{ value: "Aizhan Nurlanqyzy" }], contact: { phone: "+7 701 555 03 04" } });
  ownRelativeId = relative.id;
  await createCase(volunteer, { subject: { person: { names: [{ value: "Nurlan Qasymuly" }] } }, contacts: [{ personId: ownRelativeId, relationship: "DAUGHTER" }] });
});

describe("looking a person up by phone number", () => {
  it("a volunteer who types the phone number of a person on someone else's case finds nobody", async () => {
    const response = await listPeople(
      new Request("http://localhost/api/v1/people?q=%2B77015550102", { headers: { authorization: `Bearer ${await tokenFor(volunteer)}` } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { total: number; items: { id: string }[] };
    expect(page.items.map((p) => p.id)).not.toContain(strangerId);
    expect(page.total).toBe(0);
    // the same with the trunk prefix and spaces, as on the people page and in the picker
    expect((await findPeople(volunteer, { q: "8 701 555 01 02" })).items).toEqual([]);
  });

  it("a volunteer finds the family contact of their own case by phone number", async () => {
    const page = await findPeople(volunteer, { q: "+7 701 555 03 04" });
    expect(page.items.map((p) => p.id)).toEqual([ownRelativeId]);
  });

  it("a coordinator finds anyone of the organisation by phone number", async () => {
    expect((await findPeople(coordinator, { q: "+77015550102" })).items.map((p) => p.id)).toEqual([strangerId]);
  });

  it("an analyst cannot search people at all", async () => {
    await expect(findPeople(analyst, { q: "+77015550102" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
