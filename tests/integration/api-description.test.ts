// public/openapi.yaml is what client generators and integrators read. It is generated from the registry in
// lib/api/openapi (`npm run openapi`); the committed file must be the generator's output, valid OpenAPI
// under a standard linter's recommended rules, name every operation, describe exactly the routes that
// exist, and name for each the permission its handler declares.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { lint, loadConfig, parseYaml } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { apiOperations, renderOpenApiYaml } from "@/lib/api/openapi/document";
import { ROOT, routeDeclarations, routeFiles, type Method } from "../helpers/app-surface";

const SPEC = path.join(ROOT, "public/openapi.yaml");

interface Spec {
  paths: Record<string, Partial<Record<Lowercase<Method>, { operationId?: string }>>>;
}

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** A path item's operations, without its shared `parameters`. */
function operationsOf(item: Spec["paths"][string]): [string, { operationId?: string } | undefined][] {
  return Object.entries(item).filter(([key]) => HTTP_METHODS.has(key));
}

async function readSpec(): Promise<Spec> {
  return parseYaml(await readFile(SPEC, "utf8")) as Spec;
}

describe("the API description", () => {
  it("is the committed file, exactly as the registry generates it (run `npm run openapi` after a change)", async () => {
    expect(await readFile(SPEC, "utf8")).toBe(renderOpenApiYaml());
  });

  it("passes the recommended OpenAPI lint rules without an error or a warning, look-alike paths aside", async () => {
    const problems = await lint({ ref: SPEC, config: await loadConfig({}) });
    // "/imports/jobs/{jobId}" and "/imports/{uploadId}/preview" look alike to the linter; Next.js routes
    // a fixed segment before a dynamic one, so they never clash.
    const described = problems.filter((p) => p.ruleId !== "no-ambiguous-paths").map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`);
    expect(described).toEqual([]);
  });

  it("names every operation with an operationId used once", async () => {
    const spec = await readSpec();
    const ids = Object.entries(spec.paths).flatMap(([route, operations]) =>
      operationsOf(operations).map(([method, operation]) => operation?.operationId ?? `(none for ${method.toUpperCase()} ${route})`),
    );
    expect(ids.filter((id) => id.startsWith("(none"))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("describes every method of every route under app/api/v1, and nothing that does not exist", async () => {
    const spec = await readSpec();
    const inCode = (await routeFiles()).flatMap(({ key, methods }) =>
      methods.map((method) => `${method} /${key.replace(/\[(\w+)\]/g, "{$1}")}`),
    );
    const inSpec = Object.entries(spec.paths).flatMap(([route, operations]) =>
      operationsOf(operations).map(([method]) => `${method.toUpperCase()} ${route}`),
    );
    expect(inCode.filter((op) => !inSpec.includes(op)).sort(), "routes missing from openapi.yaml").toEqual([]);
    expect(inSpec.filter((op) => !inCode.includes(op)).sort(), "operations in openapi.yaml with no route").toEqual([]);
  });

  it("names for every operation the permission its route handler declares", async () => {
    const declared = await routeDeclarations();
    const described = Object.fromEntries(
      apiOperations().map((operation) => [`${operation.method.toUpperCase()} ${operation.path.slice(1).replace(/\{(\w+)\}/g, "[$1]")}`, operation.access]),
    );
    expect(described).toEqual(declared);
  });
});
