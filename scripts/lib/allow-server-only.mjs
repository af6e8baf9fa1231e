// node --import ./scripts/lib/allow-server-only.mjs …: registers ./server-only-hooks.mjs.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
