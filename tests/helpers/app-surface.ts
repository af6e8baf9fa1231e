// What the app exposes, read from the file tree: every JSON API route under app/api/v1 with the methods
// it exports, and every exported function of every app/**/actions.ts. Tests that must cover everything
// (the cross-organisation sweep, the hostile-input property test) enumerate from here, so a new route or
// action is covered, or named as missing, the day it is added.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(".");
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export async function filesNamed(dir: string, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesNamed(full, name)));
    else if (entry.name === name) found.push(full);
  }
  return found.sort();
}

/** Route files under app/api/v1: key "cases/[caseId]" (the folder), the file, and the methods it exports. */
export async function routeFiles(): Promise<{ key: string; file: string; methods: Method[] }[]> {
  const apiRoot = path.join(ROOT, "app/api/v1");
  const files = await filesNamed(apiRoot, "route.ts");
  return Promise.all(
    files.map(async (file) => {
      const loaded = (await import(file)) as Record<string, unknown>;
      const key = path.relative(apiRoot, path.dirname(file)).split(path.sep).join("/");
      return { key, file, methods: METHODS.filter((method) => typeof loaded[method] === "function") };
    }),
  );
}

/** What each API handler declared it needs (`apiHandler`'s `permission` or `access`), by "METHOD key". */
export async function routeDeclarations(): Promise<Record<string, unknown>> {
  const declared: Record<string, unknown> = {};
  for (const { key, file, methods } of await routeFiles()) {
    const loaded = (await import(file)) as Record<string, { declared?: unknown }>;
    for (const method of methods) declared[`${method} ${key}`] = loaded[method]?.declared ?? null;
  }
  return declared;
}

/** actions.ts files under app/: key "(app)/cases/actions.ts", the file, and the names it exports. */
export async function actionFiles(): Promise<{ key: string; file: string; actions: string[] }[]> {
  const appRoot = path.join(ROOT, "app");
  const files = await filesNamed(appRoot, "actions.ts");
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(file, "utf8");
      const actions = [...source.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)|^export\s+const\s+(\w+)/gm)].map((m) => (m[1] ?? m[2])!);
      return { key: path.relative(appRoot, file).split(path.sep).join("/"), file, actions };
    }),
  );
}

/** What one server action declared: a permission, "member", a self-service wrapper, or null (nothing). */
export interface ActionDeclaration {
  action: string;
  declared: string | null;
}

/**
 * What each exported action of an actions.ts source declares at its door, read from the syntax tree:
 * every `runAction(work, { permission: "…" })` or `runAction(work, { access: "member" })` call in the
 * action, or, for an action that does not use runAction, a call to the wrapper `selfService` names (the
 * account pages' own-session wrapper, the sign-in pages' origin check). An action with an undeclared
 * runAction call, or with neither, is declared `null`.
 */
export function actionDeclarations(source: string, selfService?: string): ActionDeclaration[] {
  const file = ts.createSourceFile("actions.ts", source, ts.ScriptTarget.Latest, true);
  const found: ActionDeclaration[] = [];
  const literal = (node: ts.Expression | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : null);
  const declaredBy = (call: ts.CallExpression): string | null => {
    const options = call.arguments[1];
    if (!options || !ts.isObjectLiteralExpression(options)) return null;
    const value = (name: string) => {
      const property = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === name);
      return literal(property?.initializer);
    };
    const permission = value("permission");
    if (permission) return permission;
    return value("access") === "member" ? "member" : null;
  };
  const calls = (node: ts.Node, name: string): ts.CallExpression[] => {
    const result: ts.CallExpression[] = [];
    const visit = (child: ts.Node) => {
      if (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && child.expression.text === name) result.push(child);
      ts.forEachChild(child, visit);
    };
    visit(node);
    return result;
  };
  for (const statement of file.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const named: [string, ts.Node][] = ts.isFunctionDeclaration(statement) && statement.name
      ? [[statement.name.text, statement]]
      : ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map((d) => [d.name.getText(file), d] as [string, ts.Node])
        : [];
    for (const [action, node] of named) {
      const runs = calls(node, "runAction").map(declaredBy);
      if (runs.length > 0) {
        const undeclared = runs.includes(null);
        found.push({ action, declared: undeclared ? null : [...new Set(runs)].join(" ") });
      } else {
        found.push({ action, declared: selfService && calls(node, selfService).length > 0 ? `self-service:${selfService}` : null });
      }
    }
  }
  return found;
}
