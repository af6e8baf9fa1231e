// The request bodies in the API description are the zod schemas the services parse with, rendered as
// JSON Schema: whatever body a service accepts, a client validating against the description accepts too.
import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { $ZodType } from "zod/v4/core";
import { safeParse } from "zod/v4/core";
import { apiOperations, buildOpenApiDocument } from "./document";

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

const document = buildOpenApiDocument();

function resolved(schema: Schema): Schema {
  const target = typeof schema.$ref === "string" ? schema.$ref : undefined;
  if (!target) return schema;
  const found = document.components?.schemas?.[target.replace("#/components/schemas/", "")];
  if (!isSchema(found)) throw new Error(`unresolved ${target}`);
  return { ...found, ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$ref")) };
}

// text people and clients send: dates in the forms the API reads, ids, names, and the empty string
const TEXTS = [
  ...["", "a", "KZ", "Алматы", "Ghulja", "Құлжа"],
  ...["2017", "2018-03", "2018-03-12", "2019-06-01", "12.03.2018", "March 2018", "наурыз 2018"],
  ...["2024-05-01T10:00", "2020-01-15T09:30:00+05:00", "2021-11-02 08:00"],
];

/** A value of a JSON type other than the schema's, now and then: what a careless client sends. */
const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.constant({}), fc.constant([]), fc.string({ maxLength: 5 }));

const MISSING = Symbol("missing");
const numericTypes = (schema: Schema): boolean =>
  [schema.type].flat().some((type) => type === "integer" || type === "number") ||
  [schema.anyOf, schema.oneOf].some((branches) => Array.isArray(branches) && branches.some((branch) => isSchema(branch) && numericTypes(resolved(branch))));

/**
 * Values shaped by the description's schema but not bound by it: fields left out (required ones too, now
 * and then), strings past their length, a choice that is none, and a value of another JSON type. Not
 * tried: another type where a number goes (the services also read a number sent as text, as forms send
 * it) and a wrong value where the description says `x-ignores-invalid` (the service then drops it).
 */
function near(schemaValue: unknown, depth = 0, lenient = false): fc.Arbitrary<unknown> {
  if (!isSchema(schemaValue) || depth > 6) return fc.constant(null);
  const schema = resolved(schemaValue);
  const tolerant = lenient || schema["x-ignores-invalid"] === true;
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  let value: fc.Arbitrary<unknown>;
  // a union with a number in it (`5`, `""` or null) is a number field: no other type tried there either
  if (Array.isArray(branches)) value = fc.oneof(...branches.map((branch) => near(branch, depth + 1, tolerant || numericTypes(schema))));
  else if (Array.isArray(schema.allOf)) {
    value = fc.tuple(...schema.allOf.map((part) => near(part, depth + 1, tolerant))).map((parts) => Object.assign({}, ...parts.filter(isSchema)));
  } else value = exact(schema, depth, tolerant);
  // the body itself is always a JSON object: apiHandler refuses anything else before a service sees it
  if (depth === 0 || tolerant || numericTypes(schema)) return value;
  return fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: junk });
}

function exact(schema: Schema, depth: number, lenient: boolean): fc.Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) {
    const choice = fc.constantFrom(...schema.enum);
    return lenient ? choice : fc.oneof({ weight: 12, arbitrary: choice }, { weight: 1, arbitrary: fc.constant("NOT_A_CHOICE") });
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return fc.oneof(...types.map((type) => ofType(schema, type, depth, lenient)));
}

function ofType(schema: Schema, type: unknown, depth: number, lenient: boolean): fc.Arbitrary<unknown> {
  const num = (key: string, fallback: number) => (typeof schema[key] === "number" ? (schema[key] as number) : fallback);
  switch (type) {
    case "string":
      if (schema.format === "uuid") return fc.uuid();
      // a number field that also takes text, as a form sends it
      if (numericTypes(schema)) return fc.oneof(fc.constant(""), fc.integer({ min: -5, max: 100 }).map(String), fc.string({ maxLength: 4 }));
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TEXTS) }, { weight: 1, arbitrary: fc.string({ maxLength: Math.min(num("maxLength", 30) + 3, 40) }) });
    case "integer":
      return fc.integer({ min: num("minimum", -5), max: num("maximum", 1000) });
    case "number":
      return fc.double({ min: num("minimum", -5), max: num("maximum", 1e6), noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(near(schema.items, depth + 1, lenient), { maxLength: Math.min(num("maxItems", 3), 3) });
    case "object": {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const fields = Object.entries(properties).map(([name, property]) => {
        const value = near(property, depth + 1, lenient);
        const left = fc.constant(MISSING);
        return [name, required.has(name) ? fc.oneof({ weight: 15, arbitrary: value }, { weight: 1, arbitrary: left }) : fc.oneof({ weight: 1, arbitrary: value }, { weight: 2, arbitrary: left })] as const;
      });
      const known = fc.record(Object.fromEntries(fields)).map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== MISSING)));
      if (!isSchema(schema.additionalProperties)) return known;
      const names = isSchema(schema.propertyNames) && typeof schema.propertyNames.pattern === "string" ? fc.stringMatching(new RegExp(schema.propertyNames.pattern)) : fc.string({ maxLength: 8 });
      const extra = fc.dictionary(names, near(schema.additionalProperties, depth + 1, lenient), { maxKeys: 2 });
      return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
    }
    default:
      return fc.constant(null);
  }
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
ajv.addSchema(document as object, "openapi");

const jsonBodies = apiOperations().flatMap((operation) =>
  operation.body && "schema" in operation.body ? [{ operation, schema: operation.body.schema as $ZodType }] : [],
);

describe("the request bodies in the API description", () => {
  it("cover every operation that reads a JSON body", () => {
    expect(jsonBodies.length).toBeGreaterThan(25);
  });

  it.each(jsonBodies.map(({ operation, schema }) => [operation.operationId, operation.method, operation.path, schema] as const))(
    "%s: every body the service's schema accepts is valid against the described schema",
    (_id, method, route, zodSchema) => {
      const pointer = `openapi#/paths/${route.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}/requestBody/content/application~1json/schema`;
      const validate = ajv.getSchema(pointer);
      if (!validate) throw new Error(`no schema at ${pointer}`);
      const described = document.paths?.[route]?.[method]?.requestBody;
      const bodySchema = described && "content" in described ? described.content["application/json"]?.schema : undefined;
      let accepted = 0;
      fc.assert(
        fc.property(near(bodySchema), (body) => {
          if (!safeParse(zodSchema, body).success) return true;
          accepted += 1;
          return validate(body) === true;
        }),
        { numRuns: 1000 },
      );
      // the property means something only if the service accepted some of what was tried
      expect(accepted).toBeGreaterThan(0);
    },
  );
});
