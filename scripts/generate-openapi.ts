// Writes public/openapi.yaml from the API registry in lib/api/openapi (`npm run openapi`).
// With --check it writes nothing and fails when the committed file is not what the registry gives.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderOpenApiYaml } from "@/lib/api/openapi/document";

const target = path.resolve("public/openapi.yaml");
const yaml = renderOpenApiYaml();

if (process.argv.includes("--check")) {
  const committed = await readFile(target, "utf8").catch(() => "");
  if (committed !== yaml) {
    console.error("public/openapi.yaml is out of date: run `npm run openapi` and commit it.");
    process.exit(1);
  }
  console.log("public/openapi.yaml is up to date.");
} else {
  await writeFile(target, yaml);
  console.log(`Wrote ${path.relative(process.cwd(), target)}.`);
}
