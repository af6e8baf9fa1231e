// The registry of every JSON API operation, from which public/openapi.yaml is generated
// (`npm run openapi`). One file per area beside this one lists that area's operations; document.ts
// puts them together with the shared parts (security, the error shape, the Idempotency-Key header).
//
// Adding an operation is one entry in its area's list:
//
//   {
//     method: "post",
//     path: "/things/{thingId}/archive",        // Next.js's [thingId] folder, written {thingId}
//     operationId: "archiveThing",               // unique, a verb and a noun
//     access: "things.archive",                  // exactly what the route's apiHandler declares
//     summary: "Archive a thing",
//     body: { schema: thingArchiveSchema },      // the zod schema the service parses the body with
//     query: thingQuerySchema,                   // the zod schema the service parses the query with
//     responses: { "200": ok("Archived"), "409": refused("Stale version") },
//   },
//
// Path parameters named in the path are added as UUIDs; 401 (no session or token) is added to every
// operation and an Idempotency-Key header to every create that keeps its answer. Request bodies and
// query parameters come from the zod schemas in lib/validations — the same instances the services parse
// with — so a changed field changes the description; run `npm run openapi` and commit the YAML (a test
// fails while the committed file differs from the generator's output). A route file without an
// entry, or an entry without a route, also fails a test.
import type { $ZodType } from "zod/v4/core";
import type { oas31, ZodObjectInput, ZodOpenApiResponseObject } from "zod-openapi";
import type { Permission } from "@/lib/authz";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What a field or parameter means, by its dotted path ("contacts.relationship"), added to the generated schema. */
export type FieldNotes = Record<string, string>;

export type ApiBody =
  /** a JSON body parsed with this zod schema */
  | { schema: $ZodType; notes?: FieldNotes; required?: boolean; description?: string }
  /** a multipart upload (the file field is read by the route itself) */
  | { multipart: oas31.SchemaObject; description?: string }
  /** a file sent as the body itself, of this media type (streamed by the route) */
  | { file: string; description?: string };

export type ApiResponse = ZodOpenApiResponseObject | oas31.ReferenceObject;

export interface ApiOperation {
  method: HttpMethod;
  /** the route's path under /api/v1, parameters as {name} */
  path: string;
  operationId: string;
  /** the permission the route's apiHandler declares, or "member" for any signed-in member */
  access: Permission | "member";
  summary: string;
  description?: string;
  /** the zod schema the service reads the query string with (each property is one parameter) */
  query?: ZodObjectInput;
  /** what each query parameter means, by name */
  queryNotes?: Record<string, string>;
  /** parameters a zod schema does not describe (an optional header) */
  parameters?: oas31.ParameterObject[];
  body?: ApiBody;
  /** false when the create's answer is never kept for a retry (apiHandler's `idempotency: false`) */
  idempotency?: false;
  responses: Record<`${1 | 2 | 3 | 4 | 5}${string}`, ApiResponse>;
}

/** A reusable schema: a zod schema (a request body shared by several operations) or a hand-written one (an answer). */
export interface ApiComponent {
  schema: $ZodType | oas31.SchemaObject;
  description?: string;
  notes?: FieldNotes;
}

/** What an area contributes: its operations and the named schemas they share. */
export interface ApiArea {
  operations: ApiOperation[];
  components?: Record<string, ApiComponent>;
}

const errorContent = { "application/json": { schema: ref("Error") } } as const;

/** A refusal (4xx) with the common error body `{error: {code, message, fieldErrors, details}}`. */
export function refused(description: string): ZodOpenApiResponseObject {
  return { description, content: errorContent };
}

/** A success answer described in words only (its JSON shape is given in the description). */
export function ok(description: string): ZodOpenApiResponseObject {
  return { description };
}

/** A success answer whose JSON body follows this schema. */
export function json(description: string, schema: oas31.SchemaObject | oas31.ReferenceObject): ZodOpenApiResponseObject {
  return { description, content: { "application/json": { schema } } };
}

/** A reference to a schema of components.schemas. */
export function ref(name: string): oas31.ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

/** A file download in one of these media types. */
export function file(description: string, ...types: string[]): ZodOpenApiResponseObject {
  return { description, content: Object.fromEntries(types.map((type) => [type, { schema: { type: "string", format: "binary" } }])) };
}

/** `{items: [...]}` of this schema. */
export function itemsOf(items: oas31.SchemaObject | oas31.ReferenceObject): oas31.SchemaObject {
  return { type: "object", properties: { items: { type: "array", items } } };
}
