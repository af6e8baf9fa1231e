// Prints the README's role table from PERMISSIONS in lib/authz.ts:
//   npx tsx scripts/roles-table.ts
// Paste the output between <!-- roles:start --> and <!-- roles:end -->; tests/integration/readme-roles.test.ts
// fails while the two disagree.
import { pathToFileURL } from "node:url";
import { PERMISSIONS, ROLES } from "../lib/authz";

export function rolesTable(): string {
  const header = `| Permission | What it allows | ${ROLES.join(" | ")} |`;
  const rule = `|---|---|${ROLES.map(() => ":-:").join("|")}|`;
  const rows = Object.entries(PERMISSIONS).map(([name, spec]) => {
    const marks = ROLES.map((role) => ((spec.roles as readonly string[]).includes(role) ? "✓" : " "));
    return `| \`${name}\` | ${spec.description} | ${marks.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(rolesTable());
}
