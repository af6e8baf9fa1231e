// public/openapi.yaml is what client generators and integrators read. It is generated from the registry in
// lib/api/openapi (`npm run openapi`); the committed file must be the generator's output, valid OpenAPI
// under a standard linter's recommended rules, name every operation, describe exactly the routes that
// exist, and name for each the permission its handler declares.
import { readdir, readFile } from "node:fs/promises";
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

  it("takes every body and query schema from lib/validations, as the route's service parses with it", async () => {
    // what each exported schema is called, by instance
    const names = new Map<unknown, string>();
    const modules = (await readdir(path.join(ROOT, "lib/validations"))).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => `lib/validations/${f}`);
    for (const file of [...modules, "lib/audit-log/find-audit-events.ts"]) {
      for (const [name, value] of Object.entries((await import(path.join(ROOT, file))) as Record<string, unknown>)) if (!names.has(value)) names.set(value, name);
    }
    const routes = new Map((await routeFiles()).map((route) => [route.key, route.file]));
    /** The route file and the modules it imports, two steps deep: where the request is parsed. */
    const parsingSources = async (file: string, depth = 2): Promise<string> => {
      const source = await readFile(file, "utf8").catch(() => "");
      if (depth === 0) return source;
      const imported = [...source.matchAll(/from "(@\/lib\/[^"]+|\.{1,2}\/[^"]+)"/g)].map(([, spec]) =>
        spec!.startsWith("@/") ? path.join(ROOT, spec!.slice(2)) : path.resolve(path.dirname(file), spec!),
      );
      // the schemas' own modules define them; the question is who parses with them
      const users = imported.filter((module) => !module.includes(`${path.sep}lib${path.sep}validations${path.sep}`));
      const texts = await Promise.all(users.map((module) => parsingSources(`${module}.ts`, depth - 1)));
      return [source, ...texts].join("\n");
    };
    // schemas put together in the registry, each for a reason the service's code shows
    const composed: Record<string, string> = {
      "createProtestParticipant body": "lib/protests/participants.ts wraps participantSchema in a list it does not export",
      "listUpcomingPoliceActions query": "the route hands `days` to windowDaysSchema",
      "listAwaitingAdvocacyActions query": "the route hands `days` to windowDaysSchema, 30 when absent",
      "listPlaces query": "lib/places/find-places.ts keeps its one-field schema to itself",
      "getProtestStats query": "the route picks from and to of protestListQuerySchema itself",
      "getCaseWgeid query": "the draft route reads format and lang for unDraftRequestSchema",
      "getCaseWgad query": "the draft route reads format and lang for unDraftRequestSchema",
      "deleteProtest query": "lib/protests/shared.ts parseVersion reads the version by the same rule",
      "deletePoliceAction query": "lib/protests/shared.ts parseVersion reads the version by the same rule",
      "deleteAdvocacyAction query": "lib/protests/shared.ts parseVersion reads the version by the same rule",
      "previewImport body": "the route adds uploadId from the path for importPreviewSchema (importPreviewMappingSchema.extend)",
      "downloadImportIssues body": "the route adds uploadId from the path for importCommitSchema (importMappingSchema.extend)",
      "commitImport body": "the route adds uploadId from the path for importCommitSchema (importMappingSchema.extend)",
    };
    const problems: string[] = [];
    for (const operation of apiOperations()) {
      const file = routes.get(operation.path.slice(1).replace(/\{(\w+)\}/g, "[$1]"));
      if (!file) continue; // the route-matching test names it
      const sources = await parsingSources(file);
      const parts = [
        ["body", operation.body && "schema" in operation.body ? operation.body.schema : undefined],
        ["query", operation.query],
      ] as const;
      for (const [part, schema] of parts) {
        if (!schema || composed[`${operation.operationId} ${part}`]) continue;
        const name = names.get(schema);
        if (!name) problems.push(`${operation.operationId}: its ${part} schema is not exported by lib/validations`);
        else if (!new RegExp(`\\b${name}\\b`).test(sources)) problems.push(`${operation.operationId}: neither its route nor the services it imports use ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
