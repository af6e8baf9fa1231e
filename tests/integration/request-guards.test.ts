// The JSON API's request guards, attacked through the real route handlers: a write carried by the
// session cookie must come from our own pages (Origin), a body may not exceed its limit (with or
// without Content-Length), and a body that is not JSON is refused plainly — each refusal changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createPersonRoute } from "@/app/api/v1/people/route";
import { DELETE as deletePersonRoute, PATCH as updatePersonRoute } from "@/app/api/v1/people/[personId]/route";
import { POST as createProtestRoute } from "@/app/api/v1/protests/route";
import { DELETE as deleteProtestRoute, PATCH as updateProtestRoute } from "@/app/api/v1/protests/[protestId]/route";
import { POST as createCaseEventRoute } from "@/app/api/v1/cases/[caseId]/events/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[tokenId]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession } from "@/lib/auth/sessions";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { createMember, createOrg, type TestMember, type TestOrg } from "../helpers/factories";
import { orgSnapshot } from "../helpers/org-snapshot";
import { insertCase, insertPerson } from "./auth-helpers";

const BASE = "http://127.0.0.1:3100";
const MiB = 1_048_576;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let org: TestOrg;
let admin: TestMember;
let cookie: string;
let bearer: string;
let ids: { personId: string; protestId: string; caseId: string; tokenId: string };

beforeAll(async () => {
  org = await createOrg("Guarded group", "GG");
  admin = await createMember(org, "ADMIN");
  cookie = `${SESSION_COOKIE}=${await sessionCookieValue((await createSession({ userId: admin.userId })).sessionId)}`;
  bearer = (await createApiToken(admin, { name: "script" })).token;
  const other = await createApiToken(admin, { name: "to revoke" });
  const personId = await insertPerson(org, "Aidana Guarded");
  const caseId = await insertCase(org);
  const protest = await createProtestRoute(
    new Request(`${BASE}/api/v1/protests`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify({ startsAt: "2026-03-01T11:00:00+05:00", city: "Almaty", kind: "PICKET" }),
    }),
    { params: Promise.resolve({}) },
  );
  ids = { personId, caseId, protestId: ((await protest.json()) as { id: string }).id, tokenId: other.id };
});

/** Every kind of state-changing route handler, each with a body it would accept. */
const WRITES: { name: string; handler: Handler; method: string; path: () => string; params: () => Record<string, string>; body: () => unknown }[] = [
  { name: "POST /people", handler: createPersonRoute as unknown as Handler, method: "POST", path: () => "/api/v1/people", params: () => ({}), body: () => ({ names: [{ value: "Forged Person" }] }) },
  {
    name: "PATCH /people/{id}",
    handler: updatePersonRoute as unknown as Handler,
    method: "PATCH",
    path: () => `/api/v1/people/${ids.personId}`,
    params: () => ({ personId: ids.personId }),
    body: () => ({ version: 1, notes: "forged" }),
  },
  { name: "DELETE /people/{id}", handler: deletePersonRoute as unknown as Handler, method: "DELETE", path: () => `/api/v1/people/${ids.personId}`, params: () => ({ personId: ids.personId }), body: () => null },
  {
    name: "POST /protests",
    handler: createProtestRoute as unknown as Handler,
    method: "POST",
    path: () => "/api/v1/protests",
    params: () => ({}),
    body: () => ({ startsAt: "2026-03-02T11:00:00+05:00", city: "Astana", kind: "PICKET" }),
  },
  {
    name: "PATCH /protests/{id}",
    handler: updateProtestRoute as unknown as Handler,
    method: "PATCH",
    path: () => `/api/v1/protests/${ids.protestId}`,
    params: () => ({ protestId: ids.protestId }),
    body: () => ({ version: 1, city: "Forged" }),
  },
  {
    name: "DELETE /protests/{id}",
    handler: deleteProtestRoute as unknown as Handler,
    method: "DELETE",
    path: () => `/api/v1/protests/${ids.protestId}?version=1`,
    params: () => ({ protestId: ids.protestId }),
    body: () => null,
  },
  {
    name: "POST /cases/{id}/events",
    handler: createCaseEventRoute as unknown as Handler,
    method: "POST",
    path: () => `/api/v1/cases/${ids.caseId}/events`,
    params: () => ({ caseId: ids.caseId }),
    body: () => ({ type: "DETAINED", date: "2018", datePrecision: "YEAR" }),
  },
  { name: "DELETE /tokens/{id}", handler: revokeTokenRoute as unknown as Handler, method: "DELETE", path: () => `/api/v1/tokens/${ids.tokenId}`, params: () => ({ tokenId: ids.tokenId }), body: () => null },
];

function send(
  write: (typeof WRITES)[number],
  options: { origin?: string; auth?: "cookie" | "bearer"; body?: BodyInit | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(options.headers);
  if ((options.auth ?? "cookie") === "cookie") headers.set("cookie", cookie);
  else headers.set("authorization", `Bearer ${bearer}`);
  if (options.origin) headers.set("origin", options.origin);
  const payload = options.body !== undefined ? options.body : write.body() === null ? null : JSON.stringify(write.body());
  if (payload !== null && !headers.has("content-type")) headers.set("content-type", "application/json");
  const init = { method: write.method, headers, body: payload, duplex: "half" } as RequestInit;
  return write.handler(new Request(`${BASE}${write.path()}`, init), { params: Promise.resolve(write.params()) });
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text();
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return (JSON.parse(text) as { error: { code: string; message: string } }).error;
}

/** A body that streams `bytes` bytes with no Content-Length, as a chunked upload would. */
function chunkedBody(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe("a write authenticated by the session cookie", () => {
  it.each(WRITES.map((write) => [write.name, write] as const))("%s without an Origin is refused 403 and changes nothing", async (_name, write) => {
    const before = await orgSnapshot(org.id);
    const response = await send(write);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("FORBIDDEN");
    expect(await orgSnapshot(org.id)).toEqual(before);
  });

  it.each(WRITES.map((write) => [write.name, write] as const))("%s from a foreign Origin is refused 403 and changes nothing", async (_name, write) => {
    const before = await orgSnapshot(org.id);
    const response = await send(write, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await orgSnapshot(org.id)).toEqual(before);
  });

  it("from a look-alike origin (another port, another scheme, a longer host) is refused", async () => {
    const write = WRITES[0]!;
    for (const origin of ["http://127.0.0.1:3101", "https://127.0.0.1:3100", "http://127.0.0.1:3100.evil.example", "null"]) {
      expect((await send(write, { origin })).status, origin).toBe(403);
    }
  });

  it("from our own origin goes through", async () => {
    const response = await send(WRITES[0]!, { origin: BASE });
    expect(response.status).toBe(201);
  });
});

describe("a write authenticated by an API token", () => {
  it("needs no Origin: a token is not sent along by a browser, so another site cannot use it", async () => {
    const response = await send(WRITES[3]!, { auth: "bearer" });
    expect(response.status).toBe(201);
  });
});

describe("the body size limit", () => {
  it("refuses a body over 1 MiB announced by Content-Length with 413, before anything is read, and changes nothing", async () => {
    const before = await orgSnapshot(org.id);
    const big = JSON.stringify({ names: [{ value: "x" }], notes: "x".repeat(MiB + 10) });
    const response = await send(WRITES[0]!, { origin: BASE, body: big, headers: { "content-length": String(Buffer.byteLength(big)) } });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("PAYLOAD_TOO_LARGE");
    expect(await orgSnapshot(org.id)).toEqual(before);
  });

  it("refuses a body over the limit sent without Content-Length (chunked) with 413, and changes nothing", async () => {
    const before = await orgSnapshot(org.id);
    for (const write of [WRITES[0]!, WRITES[1]!, WRITES[6]!]) {
      const response = await send(write, { origin: BASE, body: chunkedBody(MiB + 1) });
      expect(response.status, write.name).toBe(413);
    }
    expect(await orgSnapshot(org.id)).toEqual(before);
  });

  it("refuses an upload over MAX_UPLOAD_MB sent without Content-Length", async () => {
    const { POST: uploadRoute } = await import("@/app/api/v1/cases/[caseId]/attachments/route");
    const before = await orgSnapshot(org.id);
    const response = await (uploadRoute as unknown as Handler)(
      new Request(`${BASE}/api/v1/cases/${ids.caseId}/attachments`, {
        method: "POST",
        headers: { cookie, origin: BASE, "content-type": "multipart/form-data; boundary=x" },
        body: chunkedBody(26 * MiB),
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ caseId: ids.caseId }) },
    );
    expect(response.status).toBe(413);
    expect(await orgSnapshot(org.id)).toEqual(before);
  });
});

describe("a body that is not JSON", () => {
  const locales: Locale[] = ["en", "ru", "kk"];

  it.each(locales)("is refused 400 with a sentence in the caller's language (%s), never a stack trace", async (locale) => {
    const messages = await loadMessages(locale);
    for (const write of [WRITES[0]!, WRITES[1]!, WRITES[4]!, WRITES[6]!]) {
      const before = await orgSnapshot(org.id);
      const response = await send(write, { origin: BASE, body: '{"names": [', headers: { "accept-language": `${locale},en;q=0.5` } });
      expect(response.status, write.name).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe((messages.errors as Record<string, string>).malformedJson);
      expect(await orgSnapshot(org.id)).toEqual(before);
    }
  });
});
