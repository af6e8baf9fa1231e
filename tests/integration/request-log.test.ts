import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listPeople, POST as createPerson } from "../../app/api/v1/people/route";
import { localizedErrorBody } from "../../lib/api/localize-error";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { resetEnvCache } from "../../lib/env";
import { resetLog } from "../../lib/log";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

const lines: Record<string, unknown>[] = [];
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
    const text = JSON.stringify(lines);
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
