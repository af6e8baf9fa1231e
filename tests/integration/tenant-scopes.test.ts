// Every query's tenant filter comes from a scope builder in lib/authz.ts (`protestScope(ctx)`, …), which
// also carries the role rule that belongs with it, so the rule is written once. This test reads lib's
// sources and fails when a `where` spells `organizationId` by hand outside the policy module.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Where a hand-written tenant filter is allowed, and why. */
const ALLOWED: Record<string, string> = {
  "lib/authz.ts": "the policy module itself",
  "lib/audit.ts": "finds the hash chain's previous link, also of the installation-wide chain that has no organisation",
};

const isAllowed = (file: string) => Object.keys(ALLOWED).some((prefix) => file.startsWith(prefix));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") files.push(...(await sourceFiles(full)));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(full);
  }
  return files;
}

const propertyName = (node: ts.ObjectLiteralElementLike): string | null =>
  node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : null;

/** Object literals that end up as a Prisma filter: a `where` value (at any depth), a value typed `…WhereInput`, or a local constant a `where` uses. */
function filterLiterals(source: ts.SourceFile): ts.ObjectLiteralExpression[] {
  const found: ts.ObjectLiteralExpression[] = [];
  const usedInWhere = new Set<string>();
  const constants = new Map<string, ts.Expression>();
  const collect = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      found.push(node);
      for (const property of node.properties) {
        // a compound unique key (`userId_organizationId`) names one row; it is not a filter
        if (ts.isPropertyAssignment(property) && propertyName(property)?.includes("_")) continue;
        if (ts.isPropertyAssignment(property) || ts.isSpreadAssignment(property)) {
          const value = ts.isPropertyAssignment(property) ? property.initializer : property.expression;
          if (ts.isIdentifier(value)) usedInWhere.add(value.text);
          else collect(value);
        } else collect(property);
      }
      return;
    }
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) if (ts.isIdentifier(element)) usedInWhere.add(element.text);
    }
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && propertyName(node) === "where") {
      if (ts.isIdentifier(node.initializer)) usedInWhere.add(node.initializer.text);
      else collect(node.initializer);
    } else if (ts.isShorthandPropertyAssignment(node) && node.name.text === "where") usedInWhere.add("where");
    else if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
      if (ts.isObjectLiteralExpression(node.initializer)) constants.set(node.name.text, node.initializer);
      if (node.type && /WhereInput/.test(node.type.getText(source))) collect(node.initializer);
    } else if ((ts.isFunctionDeclaration(node) || ts.isArrowFunction(node)) && node.type && /WhereInput/.test(node.type.getText(source)) && node.body) collect(node.body);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const name of usedInWhere) {
    const initializer = constants.get(name);
    if (initializer) collect(initializer);
  }
  return found;
}

/** `file:line` of every `organizationId` a filter in this source spells by hand. */
function tenantFiltersIn(file: string, text: string): string[] {
  if (!text.includes("organizationId")) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const offenders = new Set<string>();
  for (const literal of filterLiterals(source)) {
    for (const property of literal.properties) {
      if (propertyName(property) !== "organizationId") continue;
      const { line } = source.getLineAndCharacterOfPosition(property.getStart(source));
      offenders.add(`${file}:${line + 1}`);
    }
  }
  return [...offenders].sort();
}

async function handBuiltTenantFilters(): Promise<string[]> {
  const offenders: string[] = [];
  for (const full of await sourceFiles("lib")) {
    const file = full.split(path.sep).join("/");
    if (!isAllowed(file)) offenders.push(...tenantFiltersIn(file, await readFile(full, "utf8")));
  }
  return offenders.sort();
}

describe("tenant scopes", () => {
  it("no query outside the policy module builds its tenant filter by hand", async () => {
    expect(await handBuiltTenantFilters(), "use the model's scope builder from lib/authz.ts").toEqual([]);
  });

  it("a filter spelled by hand is caught in a where, a typed filter and a constant a where uses, but not in data", () => {
    const text = [
      "tx.protest.findFirst({ where: { id, organizationId: ctx.organizationId, deletedAt: null } });",
      "const where: Prisma.TaskWhereInput = { organizationId: ctx.organizationId };",
      "const base = { organizationId: ctx.organizationId, deletedAt: null };",
      "tx.note.count({ where: { ...base, caseId } });",
      "tx.task.findMany({ where: { case: { organizationId } } });",
      "tx.note.create({ data: { organizationId: ctx.organizationId, caseId } });",
      "tx.membership.upsert({ where: { userId_organizationId: { userId, organizationId } }, create: { userId, organizationId }, update: {} });",
      "tx.protest.findFirst({ where: { ...protestScope(ctx), id } });",
    ].join("\n");
    expect(tenantFiltersIn("x.ts", text)).toEqual(["x.ts:1", "x.ts:2", "x.ts:3", "x.ts:5"]);
  });

  it("the allow-list names only paths that exist", async () => {
    const files = (await sourceFiles("lib")).map((file) => file.split(path.sep).join("/"));
    const missing = Object.keys(ALLOWED).filter((prefix) => !files.some((file) => file.startsWith(prefix)));
    expect(missing).toEqual([]);
  });
});
