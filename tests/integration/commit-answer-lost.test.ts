// The connection drops while COMMIT is on its way. A proxy between the app and PostgreSQL cuts it at
// the exact moment: once after the server answered "COMMIT" (the write is saved, its answer lost) and
// once before COMMIT reaches the server (nothing is saved). The client must hear the truth both times.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPersonRoute } from "../../app/api/v1/people/route";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { disconnectDb } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { loadMessages } from "../../lib/i18n/messages";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

type Cut = "none" | "after-commit-answer" | "before-commit-reaches-server";

const COMMIT_QUERY = Buffer.from("COMMIT");
const COMMIT_DONE = Buffer.from("COMMIT\0");

/** A TCP proxy to PostgreSQL that cuts the first connection to carry a COMMIT, as `cut` says. */
function startCuttingProxy(target: { host: string; port: number }) {
  let cut: Cut = "none";
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      cut = "none";
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => {
      if (cut === "before-commit-reaches-server" && chunk.includes(COMMIT_QUERY)) return drop();
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (cut === "after-commit-answer" && chunk.includes(COMMIT_DONE)) return drop();
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on("error", () => drop());
      socket.on("close", () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(socket);
      });
    }
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port))),
    arm: (next: Cut) => {
      cut = next;
    },
    armed: () => cut,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("a connection lost while COMMIT is on its way", () => {
  const appUrl = process.env.APP_DATABASE_URL as string;
  const target = new URL(appUrl);
  const proxy = startCuttingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  let token: string;

  beforeAll(async () => {
    const proxied = new URL(appUrl);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(await proxy.listen());
    await disconnectDb();
    process.env.APP_DATABASE_URL = proxied.toString();
    resetEnvCache();
    const member = await createMember(await createOrg("Commit group", "CM"), "COORDINATOR");
    token = `qmq_${randomBytes(32).toString("base64url")}`;
    await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'commit', $3)`, [
      member.organizationId,
      member.userId,
      hashApiToken(token),
    ]);
  });

  afterAll(async () => {
    await disconnectDb();
    process.env.APP_DATABASE_URL = appUrl;
    resetEnvCache();
    await proxy.close();
  });

  const createPerson = (name: string) =>
    createPersonRoute(
      new Request("http://localhost/api/v1/people", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en" },
        body: JSON.stringify({ names: [{ value: name }] }),
      }),
      { params: Promise.resolve({}) },
    );

  const storedCount = async (name: string) =>
    Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM people WHERE "displayName" = $1`, [name]))[0]?.n);

  it("answers 201 for a write the server committed although its answer never arrived, and keeps it once", async () => {
    proxy.arm("after-commit-answer");
    const response = await createPerson("Committed Unheard");
    expect(proxy.armed(), "the proxy cut a connection").toBe("none");
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storedCount("Committed Unheard")).toBe(1);
  });

  it("answers 503 'nothing was saved' for a write whose COMMIT never reached the server, and saves nothing", async () => {
    proxy.arm("before-commit-reaches-server");
    const response = await createPerson("Never Committed");
    expect(proxy.armed(), "the proxy cut a connection").toBe("none");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = (await response.json()) as { error: { message: string } };
    const messages = await loadMessages("en");
    expect(body.error.message).toBe((messages.errors as Record<string, string>).unavailable);
    expect(await storedCount("Never Committed")).toBe(0);
  });

  it("works as before once the connection is back", async () => {
    const response = await createPerson("After The Cut");
    expect(response.status).toBe(201);
    expect(await storedCount("After The Cut")).toBe(1);
  });
});
