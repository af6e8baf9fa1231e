// The floor behind HTTP: a bare node:http server answering the read scenarios' paths with the JSON that
// floor.ts builds, as the app's database role. Started by the HTTP benchmark group as its own process:
//   node --import tsx scripts/bench/floor-server.ts --port N --organization ID --user ID
import { createServer } from "node:http";
import pg from "pg";
import { appDatabaseUrl } from "../../lib/env";
import { floorAnswer } from "./floor";
import { option } from "./types";

const argv = process.argv.slice(2);
const port = Number(option(argv, "--port", "4190"));
const scope = { organizationId: option(argv, "--organization", ""), userId: option(argv, "--user", "") };
// as many connections as the app's pool (lib/db.ts)
const pool = new pg.Pool({ connectionString: appDatabaseUrl(), max: 10 });

const server = createServer((request, response) => {
  floorAnswer(pool, scope, request.url ?? "/")
    .then((body) => {
      response.writeHead(body === null ? 404 : 200, { "content-type": "application/json" });
      response.end(body ?? "{}");
    })
    .catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
});
server.listen(port, "127.0.0.1", () => console.log(`Floor ready on http://127.0.0.1:${port}`));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
