import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { GET as health } from "../../app/api/health/route";
import { GET as ready } from "../../app/api/ready/route";
import { disconnectDb } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { ownerQuery } from "../helpers/factories";

const probe = (path: string) => new Request(`http://localhost${path}`);
const noContext = { params: Promise.resolve({}) };

describe("health and readiness probes", () => {
  const appUrl = process.env.APP_DATABASE_URL;
  afterEach(async () => {
    process.env.APP_DATABASE_URL = appUrl;
    resetEnvCache();
    await disconnectDb();
  });

  it("answers /api/health with 200 and nothing but a status, without signing in", async () => {
    const response = await health(probe("/api/health"), noContext);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers /api/ready with 200 when the database answers and every migration of this version is applied", async () => {
    const response = await ready(probe("/api/ready"), noContext);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", database: "ok", migrations: "current" });
  });

  it("answers /api/ready with 503 while the database cannot be reached, and /api/health still with 200", async () => {
    const url = new URL(appUrl as string);
    url.port = "1";
    process.env.APP_DATABASE_URL = url.toString();
    resetEnvCache();
    await disconnectDb();
    const response = await ready(probe("/api/ready"), noContext);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable", migrations: "unknown" });
    expect((await health(probe("/api/health"), noContext)).status).toBe(200);
  });

  it("answers /api/ready with 503 when the database was migrated by a newer version", async () => {
    await ownerQuery(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, 'x', '29991231000000_future', now(), 1)`, [randomUUID()]);
    try {
      const response = await ready(probe("/api/ready"), noContext);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", database: "ok", migrations: "ahead" });
    } finally {
      await ownerQuery(`DELETE FROM "_prisma_migrations" WHERE migration_name = '29991231000000_future'`);
    }
  });

  it("passes a well-formed request id from the proxy through, and replaces one that is not", async () => {
    const given = await health(new Request("http://localhost/api/health", { headers: { "x-request-id": "proxy-abc-123456" } }), noContext);
    expect(given.headers.get("x-request-id")).toBe("proxy-abc-123456");
    const odd = await health(new Request("http://localhost/api/health", { headers: { "x-request-id": "name=Zhanar phone=+7 700" } }), noContext);
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
