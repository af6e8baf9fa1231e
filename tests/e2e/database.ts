// Where tests/e2e/server.ts leaves the e2e database's address for specs that check the database itself.
import os from "node:os";
import path from "node:path";

export function e2eDatabaseFile(port: string | number): string {
  return path.join(os.tmpdir(), `qamqor-e2e-${String(port).replace(/\D/g, "")}.json`);
}
