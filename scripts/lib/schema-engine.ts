// Prisma's schema engine compiled to WebAssembly, driven through the pg driver adapter.
// It needs no native binary, so schema diffs work on machines where `prisma migrate` cannot run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

type DiffTarget =
  | { tag: "empty" }
  | { tag: "schemaDatamodel"; files: { path: string; content: string }[] }
  | { tag: "url"; url: string }
  | { tag: "schemaDatasource"; files: { path: string; content: string }[]; configDir: string };

interface SchemaEngineInstance {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
}

interface EngineModule {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (options: { datamodels: [string, string][] }, log: (msg: string) => void, adapter: object) => Promise<SchemaEngineInstance>;
  };
}

export const schemaPath = path.resolve(process.cwd(), "prisma/schema.prisma");

// The engine reports panics through this global before throwing.
const panicRegistry = { message: "", set_message(message: string) { this.message = message; } };
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
export function lastEnginePanic(): string {
  return panicRegistry.message;
}

async function loadEngine(connectionString: string): Promise<SchemaEngineInstance> {
  const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bindings = (await import(path.join(packageDir, "schema_engine_bg.js"))) as EngineModule;
  const wasmBytes = readFileSync(path.join(packageDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  const schema = readFileSync(schemaPath, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(withCatalogTypes(new PrismaPg({ connectionString })));
  return bindings.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
}

// The pg adapter does not know PostgreSQL's internal "char" type (OID 18), which the engine's
// catalogue queries return (relkind, contype…). Report those columns as the engine's Character type.
const PG_INTERNAL_CHAR = 18;
const PG_TEXT = 25;
interface PatchedQueryable {
  performIO: (query: object) => Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw: (query: object) => Promise<{ columnTypes: number[] }>;
}
function patchCatalogTypes<T>(queryable: T): T {
  const target = queryable as unknown as PatchedQueryable;
  const performIO = target.performIO.bind(target);
  const queryRaw = target.queryRaw.bind(target);
  const charColumns = new WeakMap<object, number[]>();
  target.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_INTERNAL_CHAR) {
        field.dataTypeID = PG_TEXT;
        indexes.push(index);
      }
    });
    charColumns.set(query, indexes);
    return result;
  };
  target.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}
function withCatalogTypes(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patchCatalogTypes(await connect());
  factory.connectToShadowDb = async () => patchCatalogTypes(await connectToShadowDb());
  return factory;
}

const noFilters = { externalTables: [], externalEnums: [] };

/** SQL that turns the database at `connectionString` into what schema.prisma describes ("" when they agree). */
export async function diffDatabaseToSchema(connectionString: string): Promise<string> {
  const engine = await loadEngine(connectionString);
  try {
    const schema = readFileSync(schemaPath, "utf8");
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [{ path: "schema.prisma", content: schema }], configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  } finally {
    engine.free();
  }
}

/** SQL that creates schema.prisma from an empty database. */
export async function diffEmptyToSchema(connectionString: string): Promise<string> {
  const engine = await loadEngine(connectionString);
  try {
    const schema = readFileSync(schemaPath, "utf8");
    const result = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout;
  } finally {
    engine.free();
  }
}
