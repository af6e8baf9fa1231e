// How the app's scripts run in plain Node, outside Next.js: TypeScript through tsx, and "server-only"
// resolving to an empty module (server-only-hook.mjs), since lib's server modules import it to keep
// themselves out of the browser bundle. Every place that starts a script uses these.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SERVER_ONLY_HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), "server-only-hook.mjs");

/** Node flags that run a TypeScript script of this repository: `node ...TSX_NODE_FLAGS scripts/x.ts`. */
export const TSX_NODE_FLAGS = ["--import", SERVER_ONLY_HOOK, "--import", "tsx"];

/** Arguments for the tsx binary: `tsx ...tsxArgs("scripts/x.ts", ...rest)`. */
export const tsxArgs = (script: string, ...rest: string[]): string[] => ["--import", SERVER_ONLY_HOOK, script, ...rest];
