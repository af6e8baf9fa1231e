// The modules that hold keys, secrets and the database are marked "server-only", so a client component
// that imports one (even through another module) breaks the build instead of shipping it to the browser.
// Outside Next.js "server-only" resolves the way a browser bundle resolves it, unless the resolve hook
// the app's scripts and the browser tests' seed load (scripts/lib/server-only-hook.mjs) is given.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const GUARDED = ["lib/env.ts", "lib/crypto.ts", "lib/audit.ts", "lib/auth/password.ts", "lib/names/sql.ts", "lib/db.ts"];

/** Imports one guarded module in a fresh Node (TypeScript through tsx): "loaded", or the error it stopped with. */
function importAlone(file: string, flags: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...flags, "--import", "tsx", "--input-type=module", "-e", `await import(${JSON.stringify(path.resolve(file))});`],
      { env: { ...process.env }, timeout: 120_000 },
      (error, _stdout, stderr) => resolve(error ? stderr : "loaded"),
    );
  });
}

async function importEach(flags: string[]): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of GUARDED) result[file] = await importAlone(file, flags);
  return result;
}

describe("server-only boundary", () => {
  it("marks every module holding keys, secrets or the database as server-only", async () => {
    const unmarked: string[] = [];
    for (const file of GUARDED) if (!/^import "server-only";$/m.test(await readFile(file, "utf8"))) unmarked.push(file);
    expect(unmarked).toEqual([]);
  });

  it("refuses each of them where server-only resolves as in a browser bundle", async () => {
    const result = await importEach([]);
    const message = "This module cannot be imported from a Client Component module.";
    expect(Object.fromEntries(GUARDED.map((file) => [file, result[file]?.includes(message) ? "refused" : result[file]]))).toEqual(
      Object.fromEntries(GUARDED.map((file) => [file, "refused"])),
    );
  });

  it("loads each of them with the resolve hook the scripts and the browser-test seed use", async () => {
    const result = await importEach(["--import", "./scripts/lib/server-only-hook.mjs"]);
    expect(result).toEqual(Object.fromEntries(GUARDED.map((file) => [file, "loaded"])));
  });
});
