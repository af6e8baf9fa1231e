// Builds organisations and members directly as the database owner, for tests that need a cast of users.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Ctx } from "../../lib/authz";
import type { Role } from "../../lib/generated/prisma/enums";

export async function ownerQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface TestOrg {
  id: string;
  slug: string;
}

/**
 * An organisation. Its two-factor rule is off unless asked for (the product's default is on), so tests
 * about other areas can act as admins and coordinators with a password-only session.
 */
export async function createOrg(name = "Test group", prefix = "TG", options: { require2fa?: boolean } = {}): Promise<TestOrg> {
  const id = randomUUID();
  const slug = `${prefix.toLowerCase()}-${id.slice(0, 8)}`;
  await ownerQuery(
    `INSERT INTO organizations (id, slug, name, "referencePrefix", "require2fa", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`,
    [id, slug, name, prefix, options.require2fa ?? false],
  );
  return { id, slug };
}

export interface TestMember extends Ctx {
  email: string;
}

/** A user with a membership of `org` in `role`. The password hash is a placeholder: sign-in tests set their own. */
export async function createMember(org: TestOrg, role: Role, options: { email?: string; passwordHash?: string } = {}): Promise<TestMember> {
  const userId = randomUUID();
  const email = options.email ?? `${role.toLowerCase()}-${userId.slice(0, 8)}@example.test`;
  await ownerQuery(`INSERT INTO users (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
    userId,
    email,
    `${role} ${userId.slice(0, 4)}`,
    options.passwordHash ?? null,
  ]);
  await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, $3, now())`, [
    userId,
    org.id,
    role,
  ]);
  return { userId, organizationId: org.id, role, email };
}
