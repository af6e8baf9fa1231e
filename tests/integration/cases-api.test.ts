import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCaseRoute } from "../../app/api/v1/cases/[caseId]/route";
import { GET as listEventsRoute, POST as addEventRoute } from "../../app/api/v1/cases/[caseId]/events/route";
import { GET as listRoute, POST as createRoute } from "../../app/api/v1/cases/route";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createMember, createOrg, type TestMember } from "../helpers/factories";

const base = "http://localhost/api/v1";
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

describe("the cases JSON API", () => {
  let admin: TestMember;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    const org = await createOrg("Api group", "AP");
    admin = await createMember(org, "ADMIN");
    token = (await createApiToken(admin, { name: "test" })).token;
    const otherAdmin = await createMember(await createOrg("Other", "OT"), "ADMIN");
    otherToken = (await createApiToken(otherAdmin, { name: "other" })).token;
  });

  const call = (handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, url: string, init: RequestInit = {}, p: Record<string, string> = {}, bearer = token) =>
    handler(new Request(url, { ...init, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...(init.headers ?? {}) } }), params(p));

  it("opens a case, adds an event and lists it with a personal access token", async () => {
    const created = await call(createRoute as never, `${base}/cases`, {
      method: "POST",
      body: JSON.stringify({ subject: { person: { names: [{ value: "Қасымов Ерлан" }] } } }),
    });
    expect(created.status).toBe(201);
    const { id, reference } = (await created.json()) as { id: string; reference: string };
    expect(reference).toMatch(/^AP-\d{4}-0001$/);

    const event = await call(addEventRoute as never, `${base}/cases/${id}/events`, { method: "POST", body: JSON.stringify({ type: "DETAINED", date: "2018-03" }) }, { caseId: id });
    expect(event.status).toBe(201);
    const events = (await (await call(listEventsRoute as never, `${base}/cases/${id}/events`, {}, { caseId: id })).json()) as { items: { datePrecision: string }[] };
    expect(events.items.map((e) => e.datePrecision)).toEqual(["MONTH"]);

    const list = (await (await call(listRoute as never, `${base}/cases?q=Kasymov`)).json()) as { items: { id: string; status: string }[] };
    expect(list.items).toEqual([expect.objectContaining({ id, status: "DETAINED" })]);
  });

  it("answers per-field errors for bad input and 404 for another organisation's case", async () => {
    const bad = await call(createRoute as never, `${base}/cases`, { method: "POST", body: JSON.stringify({ subject: { person: { names: [] } }, priority: "HUGE" }) });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors)).toEqual(expect.arrayContaining(["priority"]));

    const created = (await (await call(createRoute as never, `${base}/cases`, { method: "POST", body: JSON.stringify({ subject: { person: { names: [{ value: "Hidden" }] } } }) })).json()) as { id: string };
    const foreign = await call(getCaseRoute as never, `${base}/cases/${created.id}`, {}, { caseId: created.id }, otherToken);
    expect(foreign.status).toBe(404);
  });

  it("refuses a request without a valid token", async () => {
    const response = await call(listRoute as never, `${base}/cases`, {}, {}, "qmq_not-a-real-token");
    expect(response.status).toBe(401);
  });
});
