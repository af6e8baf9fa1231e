import { beforeAll, describe, expect, it } from "vitest";
import { GET as getProtestRoute } from "../../app/api/v1/protests/[protestId]/route";
import { GET as listProtestsRoute, POST as createProtestRoute } from "../../app/api/v1/protests/route";
import { GET as listActionsRoute, POST as createActionRoute } from "../../app/api/v1/police-actions/route";
import { GET as getActionRoute } from "../../app/api/v1/police-actions/[actionId]/route";
import { GET as statsRoute } from "../../app/api/v1/protests/stats/route";
import { POST as outcomeRoute } from "../../app/api/v1/police-actions/[actionId]/outcome/route";
import { GET as upcomingRoute } from "../../app/api/v1/police-actions/upcoming/route";
import { GET as listAdvocacyRoute, POST as createAdvocacyRoute } from "../../app/api/v1/advocacy-actions/route";
import { GET as awaitingRoute } from "../../app/api/v1/advocacy-actions/awaiting/route";
import { createApiToken } from "../../lib/auth/api-tokens";
import { randomBytes } from "node:crypto";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { insertCase, insertPerson } from "./protests-helpers";

const base = "http://localhost/api/v1";
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("the protests, police-actions and advocacy JSON API", () => {
  let org: TestOrg;
  let admin: TestMember;
  let token: string;
  let otherToken: string;
  let person: string;
  let caseId: string;

  beforeAll(async () => {
    org = await createOrg("Api group", "AP");
    admin = await createMember(org, "ADMIN");
    token = (await createApiToken(admin, { name: "test" })).token;
    otherToken = (await createApiToken(await createMember(await createOrg("Other", "OT"), "ADMIN"), { name: "other" })).token;
    person = await insertPerson(org, "Gulnur Qasymqyzy");
    caseId = await insertCase(org, await insertPerson(org, "Qasym"), { contactId: person });
  });

  const call = (handler: Handler, url: string, init: RequestInit = {}, p: Record<string, string> = {}, bearer = token) =>
    handler(new Request(url, { ...init, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...(init.headers ?? {}) } }), params(p));

  it("records a protest, a summons with a hearing, and its outcome; the hearing is upcoming until the outcome is in", async () => {
    const created = await call(createProtestRoute as never, `${base}/protests`, {
      method: "POST",
      body: JSON.stringify({
        startsAt: `${day(-3)}T11:00:00+05:00`,
        city: "Almaty",
        kind: "PICKET",
        participants: [{ personId: person, caseId }, { newPerson: { name: "Aigerim" } }],
      }),
    });
    expect(created.status).toBe(201);
    const { id: protestId } = (await created.json()) as { id: string };

    const action = await call(createActionRoute as never, `${base}/police-actions`, {
      method: "POST",
      body: JSON.stringify({ personId: person, protestId, type: "SUMMONS", date: day(-2), hearingAt: new Date(Date.now() + 3 * DAY).toISOString() }),
    });
    expect(action.status).toBe(201);
    const { id: actionId } = (await action.json()) as { id: string };

    const upcoming = (await (await call(upcomingRoute as never, `${base}/police-actions/upcoming?days=7`)).json()) as { upcoming: { id: string }[] };
    expect(upcoming.upcoming.map((a) => a.id)).toEqual([actionId]);

    const outcome = await call(outcomeRoute as never, `${base}/police-actions/${actionId}/outcome`, {
      method: "POST",
      body: JSON.stringify({ version: 1, outcome: "FINED", outcomeDate: day(-1), outcomeFineAmount: 69000, appealResult: "DISMISSED", appealResultDate: day(0) }),
    }, { actionId });
    expect(outcome.status).toBe(200);
    const after = (await (await call(upcomingRoute as never, `${base}/police-actions/upcoming?days=7`)).json()) as { upcoming: unknown[] };
    expect(after.upcoming).toEqual([]);

    const protest = (await (await call(getProtestRoute as never, `${base}/protests/${protestId}`, {}, { protestId })).json()) as {
      participants: unknown[];
      policeActions: { outcome: string; outcomeFineAmount: number }[];
    };
    expect(protest.participants).toHaveLength(2);
    expect(protest.policeActions).toEqual([expect.objectContaining({ outcome: "FINED", outcomeFineAmount: 69000 })]);

    const list = (await (await call(listProtestsRoute as never, `${base}/protests?city=Almaty`)).json()) as { total: number };
    expect(list.total).toBe(1);
    const foreign = await call(getProtestRoute as never, `${base}/protests/${protestId}`, {}, { protestId }, otherToken);
    expect(foreign.status).toBe(404);
  });

  it("answers per-field errors for a negative fine and an outcome before the action", async () => {
    const bad = await call(createActionRoute as never, `${base}/police-actions`, {
      method: "POST",
      body: JSON.stringify({ personId: person, type: "FINE", date: day(-2), fineAmount: -1 }),
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors)).toEqual(["fineAmount"]);
    const early = await call(createActionRoute as never, `${base}/police-actions`, {
      method: "POST",
      body: JSON.stringify({ personId: person, type: "FINE", date: day(-2), outcome: "FINED", outcomeDate: day(-3), outcomeFineAmount: 100 }),
    });
    expect(early.status).toBe(422);
    const earlyBody = (await early.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(earlyBody.error.fieldErrors)).toEqual(["outcomeDate"]);
  });

  it("gives analysts counts only: every protest, police-action and advocacy record is refused, the statistics name nobody", async () => {
    const analyst = await createMember(org, "ANALYST");
    const analystToken = `qmq_${randomBytes(32).toString("base64url")}`;
    await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'analyst', $3)`, [
      org.id,
      analyst.userId,
      hashApiToken(analystToken),
    ]);
    const [protest] = await ownerQuery<{ id: string }>(`SELECT id FROM protests WHERE "organizationId" = $1 LIMIT 1`, [org.id]);
    const [action] = await ownerQuery<{ id: string }>(`SELECT id FROM police_actions WHERE "organizationId" = $1 LIMIT 1`, [org.id]);
    const refused = [
      await call(listProtestsRoute as never, `${base}/protests`, {}, {}, analystToken),
      await call(getProtestRoute as never, `${base}/protests/${protest!.id}`, {}, { protestId: protest!.id }, analystToken),
      await call(listActionsRoute as never, `${base}/police-actions`, {}, {}, analystToken),
      await call(getActionRoute as never, `${base}/police-actions/${action!.id}`, {}, { actionId: action!.id }, analystToken),
      await call(upcomingRoute as never, `${base}/police-actions/upcoming?days=30`, {}, {}, analystToken),
      await call(listAdvocacyRoute as never, `${base}/advocacy-actions?caseId=${caseId}`, {}, {}, analystToken),
      await call(awaitingRoute as never, `${base}/advocacy-actions/awaiting?days=1`, {}, {}, analystToken),
      await call(createProtestRoute as never, `${base}/protests`, { method: "POST", body: JSON.stringify({ startsAt: `${day(-1)}T10:00`, city: "Almaty", kind: "PICKET" }) }, {}, analystToken),
    ];
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 403));
    for (const response of refused) expect(await response.text()).not.toMatch(/Gulnur|Qasym|Aigerim/);

    const stats = await call(statsRoute as never, `${base}/protests/stats`, {}, {}, analystToken);
    expect(stats.status).toBe(200);
    const text = await stats.text();
    expect(JSON.parse(text)).toMatchObject({ exact: false, protestsByKind: { total: expect.any(Object) }, policeActionsByType: expect.any(Object), outcomes: expect.any(Object) });
    // no names and no record ids: nothing that points at a person
    expect(text).not.toMatch(/Gulnur|Qasym|Aigerim/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("records advocacy on a case and lists what still awaits a response", async () => {
    const created = await call(createAdvocacyRoute as never, `${base}/advocacy-actions`, {
      method: "POST",
      body: JSON.stringify({ caseId, type: "UN_SUBMISSION", date: day(-60), recipient: "UN WGEID", theirReference: "G/SO 217/1" }),
    });
    expect(created.status).toBe(201);
    const forCase = (await (await call(listAdvocacyRoute as never, `${base}/advocacy-actions?caseId=${caseId}`)).json()) as { items: { recipient: string }[] };
    expect(forCase.items.map((a) => a.recipient)).toEqual(["UN WGEID"]);
    const awaiting = (await (await call(awaitingRoute as never, `${base}/advocacy-actions/awaiting?days=30`)).json()) as { items: { theirReference: string }[] };
    expect(awaiting.items.map((a) => a.theirReference)).toEqual(["G/SO 217/1"]);
  });
});
