import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { describeApi } from "./description";

describe("the readable API reference", () => {
  it("lists every operation of openapi.yaml with its parameters, body fields and answers", async () => {
    const api = describeApi(await readFile("public/openapi.yaml", "utf8"));
    const operations = api.groups.flatMap((group) => group.operations);
    const listCases = operations.find((operation) => operation.id === "listCases");
    expect(listCases).toMatchObject({ method: "GET", path: "/cases" });
    expect(listCases?.parameters.map((p) => p.name)).toContain("status");
    const createToken = operations.find((operation) => operation.id === "createToken");
    expect(createToken?.body).toContainEqual(expect.objectContaining({ name: "name", where: "body", required: true, type: "string" }));
    expect(createToken?.responses.map((r) => r.status)).toEqual(["201", "401", "403", "422"]);
    // a shared answer is followed to its description
    expect(operations.find((operation) => operation.id === "getMe")?.responses).toContainEqual({ status: "401", description: "No valid session or token" });
  });

  it("names the permission each operation needs, and offers an Idempotency-Key only where a retry is answered again", async () => {
    const api = describeApi(await readFile("public/openapi.yaml", "utf8"));
    const operations = api.groups.flatMap((group) => group.operations);
    const byId = (id: string) => operations.find((operation) => operation.id === id);
    expect(byId("listCases")?.permission).toBe("cases.read");
    expect(byId("getMe")?.permission).toBe("member");
    expect(byId("createCase")?.parameters.map((p) => p.name)).toContain("Idempotency-Key");
    // the new token is shown once and never kept
    expect(byId("createToken")?.parameters.map((p) => p.name)).not.toContain("Idempotency-Key");
  });

  it("reads an optional field written as a union by its choices, without the empty and null ones", async () => {
    const api = describeApi(await readFile("public/openapi.yaml", "utf8"));
    const event = api.groups.flatMap((group) => group.operations).find((operation) => operation.id === "updateCaseEvent");
    expect(event?.body).toContainEqual(expect.objectContaining({ name: "warrantShown", type: "YES | NO | UNKNOWN" }));
    expect(event?.body).toContainEqual(expect.objectContaining({ name: "placeId", type: "string (uuid)" }));
    // an intersection (the event's fields and the version) is read as one body
    expect(event?.body).toContainEqual(expect.objectContaining({ name: "version", required: true }));
  });
});
