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
});
