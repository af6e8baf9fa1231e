// Every JSON API handler and every server action says at its door what it needs: a permission from
// lib/authz.ts, or "member" for what any signed-in member may call (their own account, the shared
// gazetteer). One that declares nothing fails here, so a reader never has to dig into the service to
// learn who may call it.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../lib/authz";
import { actionDeclarations, actionFiles, routeDeclarations } from "../helpers/app-surface";

/**
 * Actions files whose actions do not go through runAction, and the wrapper that says why: the account
 * pages act on the caller's own session (also one still owing its two-factor set-up), the sign-in pages
 * run before there is a member at all.
 */
const SELF_SERVICE: Record<string, string> = {
  "(app)/account/actions.ts": "accountAction",
  "(auth)/actions.ts": "assertActionOrigin",
};

const isDeclared = (declared: string | null) =>
  declared !== null && declared.split(" ").every((value) => value === "member" || value.startsWith("self-service") || value in PERMISSIONS);

async function allActionDeclarations(): Promise<Record<string, string | null>> {
  const declared: Record<string, string | null> = {};
  for (const { key, file } of await actionFiles()) {
    for (const { action, declared: value } of actionDeclarations(await readFile(file, "utf8"), SELF_SERVICE[key])) declared[`${action} in ${key}`] = value;
  }
  return declared;
}

describe("declared permissions", () => {
  it("every API handler declares the permission it needs or that any member may call it", async () => {
    const declared = await routeDeclarations();
    expect(Object.keys(declared).length).toBeGreaterThan(40);
    const undeclared = Object.entries(declared)
      .filter(([, value]) => !(value === "member" || (typeof value === "string" && value in PERMISSIONS)))
      .map(([route]) => route);
    expect(undeclared).toEqual([]);
  });

  it("only account and reference routes are open to any member", async () => {
    const declared = await routeDeclarations();
    const open = Object.entries(declared)
      .filter(([, value]) => value === "member")
      .map(([route]) => route)
      .sort();
    expect(open).toEqual(["GET dashboard", "GET me", "GET places"]);
  });
});

describe("declared permissions of server actions", () => {
  it("every server action declares the permission it needs, or that it is self-service", async () => {
    const declared = await allActionDeclarations();
    expect(Object.keys(declared).length).toBeGreaterThan(50);
    const undeclared = Object.entries(declared)
      .filter(([, value]) => !isDeclared(value))
      .map(([action]) => action);
    expect(undeclared, "give runAction a { permission } (or { access: \"member\" }) written at the call").toEqual([]);
  });

  it("only the gazetteer look-up is open to any member", async () => {
    const open = Object.entries(await allActionDeclarations())
      .filter(([, value]) => value === "member")
      .map(([action]) => action);
    expect(open).toEqual(["searchPlacesAction in (app)/people/actions.ts"]);
  });

  it("an action whose runAction call declares nothing, or an unknown permission, is named as undeclared", () => {
    const source = `"use server";
export async function declaredAction(id: string) {
  return runAction((ctx) => work(ctx, id), { permission: "cases.update" });
}
export async function bareAction(id: string) {
  return runAction((ctx) => work(ctx, id));
}
export async function onlyASubmitKey(input: unknown, key?: string) {
  return runAction((ctx) => work(ctx, input), { submission: { key, action: "case.create", input } });
}
export async function madeUpPermission() {
  return runAction((ctx) => work(ctx), { permission: "cases.everything" });
}
export async function halfDeclared(id: string) {
  const first = await runAction((ctx) => work(ctx, id), { permission: "cases.read" });
  return first.ok ? runAction((ctx) => work(ctx, id)) : first;
}
export async function noWrapperAtAll() {
  return { ok: true, data: null };
}`;
    const found = actionDeclarations(source);
    expect(found.map((f) => f.action)).toEqual(["declaredAction", "bareAction", "onlyASubmitKey", "madeUpPermission", "halfDeclared", "noWrapperAtAll"]);
    expect(found.filter((f) => !isDeclared(f.declared)).map((f) => f.action)).toEqual(["bareAction", "onlyASubmitKey", "madeUpPermission", "halfDeclared", "noWrapperAtAll"]);
  });
});
