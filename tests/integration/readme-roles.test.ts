import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES } from "@/lib/authz";
import { rolesTable } from "../../scripts/roles-table";

function readmeTable(): string {
  const readme = readFileSync(path.resolve("README.md"), "utf8");
  const match = /<!-- roles:start -->\n([\s\S]*?)\n<!-- roles:end -->/.exec(readme);
  if (!match?.[1]) throw new Error("README.md has no role table between <!-- roles:start --> and <!-- roles:end -->");
  return match[1].trim();
}

describe("the README's role table", () => {
  it("matches the permission table (regenerate with: npx tsx scripts/roles-table.ts)", () => {
    expect(readmeTable()).toBe(rolesTable());
  });

  it("lists every permission with a mark for exactly the roles that hold it", () => {
    const rows = readmeTable().split("\n").slice(2);
    const parsed = Object.fromEntries(
      rows.map((row) => {
        const cells = row.split("|").slice(1, -1).map((cell) => cell.trim());
        const name = cells[0]?.replace(/`/g, "") ?? "";
        return [name, ROLES.filter((_, index) => cells[2 + index] === "✓")];
      }),
    );
    const expected = Object.fromEntries(Object.entries(PERMISSIONS).map(([name, spec]) => [name, ROLES.filter((r) => (spec.roles as readonly string[]).includes(r))]));
    expect(parsed).toEqual(expected);
  });
});
