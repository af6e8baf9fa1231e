// The API description put together from the registry (./registry.ts and one file per area): the
// request schemas come from the zod schemas the services parse with, through zod-openapi; the prose,
// the error shape and the security schemes are written here once.
import { stringifyYaml } from "@redocly/openapi-core";
import { z } from "zod";
import type { $ZodType } from "zod/v4/core";
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { accountApi } from "./account";
import { advocacyApi } from "./advocacy";
import { auditApi } from "./audit";
import { casesApi } from "./cases";
import { dashboardApi } from "./dashboard";
import { importsApi } from "./imports";
import { peopleApi } from "./people";
import { policeActionsApi } from "./police-actions";
import { protestsApi } from "./protests";
import { ref, type ApiArea, type ApiComponent, type ApiOperation, type FieldNotes } from "./registry";
import { reportsApi } from "./reports";
import { archiveApi } from "./archive";
import { unSubmissionsApi } from "./un-submissions";

/** Every area of the API, in the order the description lists them. */
export const API_AREAS: readonly ApiArea[] = [
  casesApi,
  unSubmissionsApi,
  protestsApi,
  policeActionsApi,
  advocacyApi,
  dashboardApi,
  peopleApi,
  accountApi,
  auditApi,
  importsApi,
  reportsApi,
  archiveApi,
];

export function apiOperations(areas: readonly ApiArea[] = API_AREAS): ApiOperation[] {
  return areas.flatMap((area) => area.operations);
}

const INFO_DESCRIPTION = `The same services, validation and permissions as the web pages. Authenticate with the session cookie (browser; set by next-auth's sign-in under /api/auth, which is not part of this API) or \`Authorization: Bearer <personal access token>\` issued by an admin. Errors have the shape {"error": {"code", "message", "fieldErrors", "details"}}; a save against an older \`version\` answers 409 with the current record in \`details.current\`. A request body must be a JSON object (an array where a route says so); broken JSON, \`null\` or a bare value answers 400 (\`BAD_REQUEST\`), and text with a NUL character answers 422 for that field. Dates are real calendar dates ("YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" with an optional offset) within the rule of their kind, otherwise 422 for that field - a past event (action, outcome, response, consent, timeline) neither in the future nor before 1900; a hearing, planned protest or due date at most two years ahead; a birth or death from 1850 and not in the future. A search's % and _ are looked for literally. A number may also be sent as its text ("3"), as a form sends it.
Every create accepts an \`Idempotency-Key\` header; see that parameter. While the database cannot be reached, any request answers 503 with \`Retry-After\` (seconds) and code UNAVAILABLE: nothing was saved. Without a valid session or token every operation answers 401 (\`UNAUTHENTICATED\`).
Each operation names the permission it needs (\`x-permission\`; "member" for any signed-in member of the organisation); the roles holding each permission are listed in the README.
`;

const IDEMPOTENCY_KEY_DESCRIPTION = `A key of your choice (1 to 200 visible ASCII characters, e.g. a UUID), new for each record you mean to create. The first answer is kept for 24 hours for your user: a retry with the same key and the same body returns that answer again (header \`Idempotent-Replayed: true\`) and creates nothing; the same key with a different request answers 422 (idempotencyKeyReused); while the first request with the key is still running, 409 (idempotencyInProgress). A refused create (4xx, 503) keeps nothing, so the retry runs anew.
`;

const SHARED_SCHEMAS: Record<string, oas31.SchemaObject> = {
  Error: {
    type: "object",
    properties: {
      error: {
        type: "object",
        properties: {
          code: { type: "string", enum: ["BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "INVALID", "RATE_LIMITED", "PAYLOAD_TOO_LARGE", "INTERNAL", "UNAVAILABLE"] },
          message: { type: "string" },
          fieldErrors: { type: "object", description: "Message keys per field path, e.g. {\"names.0.value\": [\"required\"]}", additionalProperties: { type: "array", items: { type: "string" } } },
          details: { type: "object" },
        },
      },
    },
  },
};

/** The path's {parameters}: record ids, checked by the service (an id that is no UUID is simply not found). */
function pathParameters(route: string): oas31.ParameterObject[] {
  return [...route.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name: name!, in: "path", required: true, schema: { type: "string", format: "uuid" } }));
}

/** Whether apiHandler keeps the answer for an Idempotency-Key: a POST answering 201 that did not opt out. */
function acceptsIdempotencyKey(operation: ApiOperation): boolean {
  return operation.method === "post" && "201" in operation.responses && operation.idempotency !== false;
}

function accessLine(operation: ApiOperation): string {
  return operation.access === "member" ? "Any signed-in member of the organisation." : `Needs the permission \`${operation.access}\`.`;
}

function operationObject(operation: ApiOperation): ZodOpenApiOperationObject {
  const responses = { ...operation.responses, "401": operation.responses["401"] ?? { $ref: "#/components/responses/Unauthenticated" } };
  // success first, then refusals, each in numeric order, so the description reads the same every time
  const sorted = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  const body = operation.body;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: [operation.description, accessLine(operation)].filter(Boolean).join("\n\n"),
    "x-permission": operation.access,
    parameters: [
      ...pathParameters(operation.path),
      ...(acceptsIdempotencyKey(operation) ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
      ...(operation.parameters ?? []),
    ],
    ...(operation.query ? { requestParams: { query: operation.query } } : {}),
    ...(body
      ? {
          requestBody:
            "multipart" in body
              ? { required: true, description: body.description, content: { "multipart/form-data": { schema: body.multipart } } }
              : "file" in body
                ? { required: true, description: body.description, content: { [body.file]: { schema: { type: "string", format: "binary" } } } }
                : { required: body.required ?? true, description: body.description, content: { "application/json": { schema: body.schema } } },
        }
      : {}),
    responses: sorted as ZodOpenApiOperationObject["responses"],
  };
}

type Node = Record<string, unknown>;
const isZod = (schema: unknown): schema is $ZodType => typeof schema === "object" && schema !== null && "_zod" in schema;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

function resolve(document: oas31.OpenAPIObject, node: Node): Node {
  const target = typeof node.$ref === "string" ? node.$ref : undefined;
  if (!target) return node;
  const name = target.replace("#/components/schemas/", "");
  const found = document.components?.schemas?.[name];
  if (!isNode(found)) throw new Error(`no schema ${name} for ${target}`);
  return found;
}

/** The schema of property `name` inside `node`, looking through arrays, refs and the branches of a union. */
function propertyOf(document: oas31.OpenAPIObject, start: Node, name: string): Node | undefined {
  const node = resolve(document, start);
  const own = isNode(node.properties) ? node.properties[name] : undefined;
  if (isNode(own)) return own;
  if (isNode(node.items)) return propertyOf(document, node.items, name);
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const found = isNode(branch) ? propertyOf(document, branch, name) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Writes each note on the field it names; a note on a field the schema no longer has stops the generator. */
function applyNotes(document: oas31.OpenAPIObject, schema: Node, notes: FieldNotes, where: string): void {
  for (const [fieldPath, note] of Object.entries(notes)) {
    let node: Node | undefined = schema;
    for (const segment of fieldPath.split(".")) node = node ? propertyOf(document, node, segment) : undefined;
    if (!node) throw new Error(`${where}: the note on "${fieldPath}" names no field of the schema`);
    // beside a $ref (OpenAPI 3.1 allows it) the note describes this use, not the shared schema
    node.description = note;
  }
}

function componentsOf(areas: readonly ApiArea[]): Record<string, ApiComponent> {
  const all: Record<string, ApiComponent> = {};
  for (const area of areas) {
    for (const [name, component] of Object.entries(area.components ?? {})) {
      if (all[name] || SHARED_SCHEMAS[name]) throw new Error(`the schema ${name} is named twice`);
      all[name] = component;
    }
  }
  return all;
}

/** The whole OpenAPI document, as public/openapi.yaml holds it. */
export function buildOpenApiDocument(areas: readonly ApiArea[] = API_AREAS): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  const ids = new Set<string>();
  for (const operation of apiOperations(areas)) {
    if (ids.has(operation.operationId)) throw new Error(`operationId ${operation.operationId} is used twice`);
    ids.add(operation.operationId);
    const item = (paths[operation.path] ??= {});
    if (item[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is registered twice`);
    item[operation.method] = operationObject(operation);
  }
  const components = componentsOf(areas);
  const handWritten: Record<string, oas31.SchemaObject> = {};
  for (const [name, component] of Object.entries(components)) {
    if (!isZod(component.schema)) handWritten[name] = component.schema;
    // a zod schema is named on the same instance the services parse with (no copy), so wherever it is
    // used, inside another schema too, the description refers to it; rendered for requests only
    else if (z.globalRegistry.get(component.schema)?.id !== name) z.globalRegistry.add(component.schema, { id: name });
  }
  const document = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Qamqor JSON API",
      version: "1",
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
      description: INFO_DESCRIPTION,
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      responses: {
        Unauthenticated: { description: "No valid session or token", content: { "application/json": { schema: ref("Error") } } },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: IDEMPOTENCY_KEY_DESCRIPTION,
          schema: { type: "string", minLength: 1, maxLength: 200 },
        },
      },
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "qamqor_session" },
      },
      schemas: { ...SHARED_SCHEMAS, ...handWritten },
    },
  }, {
    override: ({ jsonSchema, zodSchema, io }) => {
      // zod spells out its UUID rule as a long pattern; `format: uuid` says the same to a reader
      if (jsonSchema.format === "uuid") delete jsonSchema.pattern;
      // zod tests a pattern after `.trim().toUpperCase()` (country and currency codes): a client may send
      // lower case, and spaces around the code
      const def = zodSchema._zod.def;
      if (io === "input" && def.type === "string" && typeof jsonSchema.pattern === "string" && def.checks?.some((check) => check._zod.def.check === "overwrite")) {
        jsonSchema.pattern = jsonSchema.pattern.replaceAll("[A-Z]", "[A-Za-z]").replace(/^\^(.*)\$$/, "^\\s*$1\\s*$");
      }
      // a field read with `.catch()` ignores a value it cannot use rather than refusing it (a link must
      // not break): the schema stays what a client should send, and says what happens otherwise
      if (io === "input" && zodSchema._zod.def.type === "catch") {
        jsonSchema.description ??= "Any other value is ignored.";
        jsonSchema["x-ignores-invalid"] = true;
      }
    },
  });
  const schemas = document.components?.schemas ?? {};
  for (const [name, component] of Object.entries(components)) {
    const schema = schemas[name];
    if (!isNode(schema)) throw new Error(`the schema ${name} was not generated`);
    if (component.description) schema.description = component.description;
    if (component.notes) applyNotes(document, schema, component.notes, name);
  }
  for (const operation of apiOperations(areas)) {
    const generated = document.paths?.[operation.path]?.[operation.method];
    if (!generated) throw new Error(`${operation.operationId} was not generated`);
    if (operation.body && "schema" in operation.body && operation.body.notes) {
      const body = generated.requestBody;
      const schema = body && "content" in body ? body.content["application/json"]?.schema : undefined;
      if (!isNode(schema)) throw new Error(`${operation.operationId}: no JSON body`);
      applyNotes(document, schema, operation.body.notes, operation.operationId);
    }
    for (const [name, note] of Object.entries(operation.queryNotes ?? {})) {
      const parameter = generated.parameters?.find((p): p is oas31.ParameterObject => "name" in p && p.name === name && p.in === "query");
      if (!parameter) throw new Error(`${operation.operationId}: the note on "${name}" names no query parameter`);
      parameter.description = note;
    }
  }
  return document;
}

/** The description as YAML, as committed in public/openapi.yaml. */
export function renderOpenApiYaml(): string {
  const header = "# Generated from lib/api/openapi by `npm run openapi`; edit the registry there, not this file.\n";
  return header + stringifyYaml(buildOpenApiDocument(), { lineWidth: 120, noRefs: true });
}
