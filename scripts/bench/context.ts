// Who a benchmark acts as: the coordinator of the organisation `npm run seed:large` filled.
import pg from "pg";
import type { Ctx } from "../../lib/authz";
import { ConfigError, getEnv } from "../../lib/env";

/** The organisation `slug`'s coordinator as a service context; `owner` is left open for the caller. */
export async function coordinatorContext(owner: pg.Client, slug: string): Promise<{ ctx: Ctx; cases: number }> {
  const org = await owner.query<{ id: string; cases: string }>(
    `SELECT o.id, (SELECT count(*) FROM cases c WHERE c."organizationId" = o.id) AS cases FROM organizations o WHERE slug = $1`,
    [slug],
  );
  const organization = org.rows[0];
  if (!organization) throw new ConfigError(`No organisation "${slug}"; run npm run seed:large -- --cases 100000 --org-slug ${slug} first.`);
  const member = await owner.query<{ userId: string }>(`SELECT "userId" FROM memberships WHERE "organizationId" = $1 AND role = 'COORDINATOR' LIMIT 1`, [organization.id]);
  const userId = member.rows[0]?.userId;
  if (!userId) throw new ConfigError(`The organisation "${slug}" has no coordinator to measure as.`);
  return { ctx: { userId, organizationId: organization.id, role: "COORDINATOR" }, cases: Number(organization.cases) };
}

/** An owner connection to the benchmark database (DATABASE_URL). */
export async function ownerClient(): Promise<pg.Client> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set; it must name the database filled by npm run seed:large.");
  const owner = new pg.Client({ connectionString: env.DATABASE_URL });
  await owner.connect();
  return owner;
}
