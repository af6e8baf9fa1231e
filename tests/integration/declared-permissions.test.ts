// Every JSON API handler says at its door what it needs: a permission from lib/authz.ts, or "member" for
// what any signed-in member may call (their own account, the shared gazetteer). A handler that declares
// nothing fails here, so a reader never has to dig into the service to learn who may call it.
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../lib/authz";
import { routeDeclarations } from "../helpers/app-surface";

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
