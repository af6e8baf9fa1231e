// Generates the Prisma client (lib/generated/prisma). Generation does not run Prisma's native schema
// engine, but the CLI insists that one exists; where none could be downloaded, point it at a file
// that does exist so generation proceeds.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const cli = path.resolve("node_modules/prisma/build/index.js");
if (!existsSync(cli)) {
  console.error("Prisma is not installed yet; run npm install first.");
  process.exit(1);
}
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
