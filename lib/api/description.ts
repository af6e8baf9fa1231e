// The API description (public/openapi.yaml, generated from lib/api/openapi) read once per process and flattened for the readable
// reference page: one entry per operation, with its parameters, body fields and answers.
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseYaml } from "@redocly/openapi-core";

export interface ApiField {
  name: string;
  where: string;
  required: boolean;
  type: string;
  description?: string;
}

export interface ApiOperation {
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  /** the permission the operation needs, or "member" for any signed-in member */
  permission?: string;
  parameters: ApiField[];
  body: ApiField[];
  responses: { status: string; description: string }[];
}

export interface ApiDescription {
  title: string;
  version: string;
  description?: string;
  groups: { name: string; operations: ApiOperation[] }[];
}

type Node = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value.trim() : undefined);

/** Follows a local `$ref` ("#/components/…") to the node it names. */
function resolve(spec: Node, value: unknown): Node {
  if (!isNode(value)) return {};
  const ref = text(value.$ref);
  if (!ref?.startsWith("#/")) return value;
  let node: unknown = spec;
  for (const key of ref.slice(2).split("/")) node = isNode(node) ? node[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return isNode(node) ? node : {};
}

function typeOf(spec: Node, schemaValue: unknown): string {
  const schema = resolve(spec, schemaValue);
  const ref = isNode(schemaValue) ? text(schemaValue.$ref) : undefined;
  if (ref) return ref.split("/").at(-1) ?? "object";
  // a union, as zod's generated schemas write optional and nullable fields: its branches, "" and null left out
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (branches) {
    const named = branches.filter((branch) => !(isNode(branch) && (branch.type === "null" || branch.const === "")));
    return [...new Set(named.map((branch) => typeOf(spec, branch)))].join(" | ") || "null";
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return typeOf(spec, schema.allOf[0]);
  if ("const" in schema) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null").join(" | ") : text(schema.type);
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(" | ");
  if (types === "array") return `${typeOf(spec, schema.items)}[]`;
  const format = text(schema.format);
  return [types ?? "object", format ? `(${format})` : ""].join(" ").trim();
}

/** The top-level fields of a body schema, through its refs and the parts of an intersection (allOf). */
function bodyFields(spec: Node, schemaValue: unknown): ApiField[] {
  const schema = resolve(spec, schemaValue);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const own = isNode(schema.properties)
    ? Object.entries(schema.properties).map(([name, property]) => ({
        name,
        where: "body",
        required: required.has(name),
        type: typeOf(spec, property),
        description: text(resolve(spec, property).description),
      }))
    : [];
  const parts = Array.isArray(schema.allOf) ? schema.allOf.flatMap((part) => bodyFields(spec, part)) : [];
  const fields = new Map<string, ApiField>();
  for (const field of [...parts, ...own]) fields.set(field.name, { ...field, required: field.required || (fields.get(field.name)?.required ?? false) });
  return [...fields.values()];
}

function operationOf(spec: Node, route: string, method: string, item: Node, operation: Node): ApiOperation {
  const shared = Array.isArray(item.parameters) ? item.parameters : [];
  const own = Array.isArray(operation.parameters) ? operation.parameters : [];
  const parameters = [...shared, ...own].map((p) => resolve(spec, p)).map((p) => ({
    name: text(p.name) ?? "",
    where: text(p.in) ?? "",
    required: p.required === true,
    type: typeOf(spec, p.schema),
    description: text(p.description),
  }));
  const content = resolve(spec, operation.requestBody).content;
  const media = isNode(content) ? Object.values(content).find(isNode) : undefined;
  const body = bodyFields(spec, media?.schema);
  const responses = isNode(operation.responses)
    ? Object.entries(operation.responses).map(([status, answer]) => ({ status, description: text(resolve(spec, answer).description) ?? "" }))
    : [];
  return {
    id: text(operation.operationId) ?? `${method}-${route}`,
    method: method.toUpperCase(),
    path: route,
    summary: text(operation.summary),
    description: text(operation.description),
    permission: text(operation["x-permission"]),
    parameters,
    body,
    responses,
  };
}

/** The description as groups of operations, by the first segment of their path. */
export function describeApi(source: string): ApiDescription {
  const spec = parseYaml(source);
  if (!isNode(spec)) throw new Error("openapi.yaml is not an object");
  const info = isNode(spec.info) ? spec.info : {};
  const groups = new Map<string, ApiOperation[]>();
  for (const [route, itemValue] of Object.entries(isNode(spec.paths) ? spec.paths : {})) {
    if (!isNode(itemValue)) continue;
    const group = route.split("/")[1] ?? "";
    for (const method of METHODS) {
      const operation = itemValue[method];
      if (!isNode(operation)) continue;
      const list = groups.get(group) ?? [];
      list.push(operationOf(spec, route, method, itemValue, operation));
      groups.set(group, list);
    }
  }
  return {
    title: text(info.title) ?? "API",
    version: text(info.version) ?? "",
    description: text(info.description),
    groups: [...groups].map(([name, operations]) => ({ name, operations })),
  };
}

let cached: Promise<ApiDescription> | undefined;

/** The served description, read from disk once per process. */
export function apiDescription(): Promise<ApiDescription> {
  cached ??= readFile(path.join(process.cwd(), "public/openapi.yaml"), "utf8").then(describeApi);
  return cached;
}
