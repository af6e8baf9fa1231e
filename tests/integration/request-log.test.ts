import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listPeople, POST as createPerson } from "../../app/api/v1/people/route";
import { localizedErrorBody } from "../../lib/api/localize-error";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { resetEnvCache } from "../../lib/env";
import { withPageRequestLog } from "../../lib/http-request-log";
import { log, resetLog } from "../../lib/log";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

const lines: Record<string, unknown>[] = [];
// The lines without their random id, clock and duration: a "705" inside a fresh id or a time is chance, not a leak.
const loggedWords = (logged: Record<string, unknown>[]) => JSON.stringify(logged.map(({ requestId: _id, time: _time, ms: _ms, ...rest }) => rest));
const capture = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };

describe("structured request logs", () => {
  let token: string;

  beforeAll(async () => {
    process.env.LOG_LEVEL = "info";
    resetEnvCache();
    resetLog(capture);
    const member = await createMember(await createOrg("Log group", "LG"), "COORDINATOR");
    token = `qmq_${randomBytes(32).toString("base64url")}`;
    await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'log', $3)`, [
      member.organizationId,
      member.userId,
      hashApiToken(token),
    ]);
  });

  afterAll(() => {
    delete process.env.LOG_LEVEL;
    resetEnvCache();
    resetLog();
  });

  it("writes one JSON line per request with its id, route, status and time, and never the names, phone or search sent", async () => {
    lines.length = 0;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await createPerson(
      new Request("http://localhost/api/v1/people", { method: "POST", headers, body: JSON.stringify({ names: [{ value: "Zhanar Logtest" }], contact: { phone: "+7 705 123 45 67" } }) }),
      { params: Promise.resolve({}) },
    );
    expect(created.status).toBe(201);
    const listed = await listPeople(new Request("http://localhost/api/v1/people?q=Logtest", { headers }), { params: Promise.resolve({}) });
    expect(listed.status).toBe(200);

    const requests = lines.filter((line) => line.msg === "request");
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ level: "info", method: "POST", route: "/api/v1/people", status: 201, requestId: created.headers.get("x-request-id") });
    expect(requests[1]).toMatchObject({ method: "GET", route: "/api/v1/people", status: 200, requestId: listed.headers.get("x-request-id") });
    expect(typeof requests[0]!.ms).toBe("number");
    const text = loggedWords(lines);
    expect(text).toContain("/api/v1/people");
    for (const secret of ["Zhanar", "Logtest", "705", "123 45"]) expect(text).not.toContain(secret);
  });

  it("logs a database outage as one warning line with its code and no stack", async () => {
    lines.length = 0;
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 });
    const { status, headers } = await localizedErrorBody(refused, "en");
    expect(status).toBe(503);
    expect(headers["Retry-After"]).toBe("5");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", msg: "database unavailable", reason: "ECONNREFUSED" });
    expect(lines[0]).not.toHaveProperty("stack");
  });

  it("logs an unexpected error's type and stack but not its message, which may quote data", async () => {
    lines.length = 0;
    await localizedErrorBody(new TypeError("value Zhanar Logtest is not a date"), "en");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", errorType: "TypeError" });
    expect(JSON.stringify(lines[0])).not.toContain("Zhanar");
  });
});

describe("request logs of pages and server actions (the production server)", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    process.env.LOG_LEVEL = "info";
    resetEnvCache();
    resetLog(capture);
    // stands in for Next.js's handler behind scripts/serve.ts: a page, a server action, a redirect
    server = createServer(
      withPageRequestLog((request, response) => {
        log().info({ step: "rendering" }, "render");
        response.statusCode = request.url?.startsWith("/invite/") ? 303 : 200;
        response.end("<html>Zhanar Logtest</html>");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    delete process.env.LOG_LEVEL;
    resetEnvCache();
    resetLog();
  });

  it("writes one line per page and per action with the id also on the page's own lines, and never the search, the token or the body", async () => {
    lines.length = 0;
    const caseId = "0b9e6a52-6f0e-4a43-9d55-3c2f4a1f7e10";
    const page = await fetch(`${base}/cases?q=Zhanar%20Logtest&phone=%2B77051234567`);
    const opened = await fetch(`${base}/cases/${caseId}`);
    const action = await fetch(`${base}/cases/new`, { method: "POST", headers: { "next-action": "7f3a9c", "content-type": "text/plain" }, body: '["Zhanar Logtest","+7 705 123 45 67"]' });
    const invite = await fetch(`${base}/invite/s3cr3t-Invite-Token_abc`, { redirect: "manual" });
    const searched = await fetch(`${base}/people/Zhanar%20Logtest`);
    for (const response of [page, opened, action, invite, searched]) await response.text();

    const requests = lines.filter((line) => line.msg === "request");
    expect(requests.map((line) => [line.method, line.route, line.kind, line.status])).toEqual([
      ["GET", "/cases", "page", 200],
      ["GET", `/cases/${caseId}`, "page", 200],
      ["POST", "/cases/new", "action", 200],
      ["GET", "/invite/:token", "page", 303],
      ["GET", "/people/:value", "page", 200],
    ]);
    expect(requests.every((line) => typeof line.ms === "number" && line.level === "info")).toBe(true);
    expect(requests[0]!.requestId).toBe(page.headers.get("x-request-id"));
    // what the page itself logged while rendering carries the same id
    const renders = lines.filter((line) => line.msg === "render");
    expect(renders.map((line) => line.requestId)).toEqual(requests.map((line) => line.requestId));
    const text = loggedWords(lines);
    expect(text).toContain("/cases/new");
    for (const secret of ["Zhanar", "Logtest", "705", "1234567", "s3cr3t", "7f3a9c"]) expect(text).not.toContain(secret);
  });

  it("keeps a proxy's well-formed request id and leaves API routes to their own line", async () => {
    lines.length = 0;
    const page = await fetch(`${base}/dashboard`, { headers: { "x-request-id": "proxy-id-12345678" } });
    await page.text();
    const api = await fetch(`${base}/api/v1/cases`);
    await api.text();
    const requests = lines.filter((line) => line.msg === "request");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ route: "/dashboard", requestId: "proxy-id-12345678" });
    expect(page.headers.get("x-request-id")).toBe("proxy-id-12345678");
  });
});
