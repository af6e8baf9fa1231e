// The known cast for browser tests: two organisations, one member per role in the first, an admin of
// the second, and one person in both. Other areas extend `seedE2E` with their own records.
import pg from "pg";
import { encryptField, lookupHash } from "../../lib/crypto";
import { personDocumentNumberContext } from "../../lib/crypto-contexts";
import { chineseIdCheckCharacter } from "../../lib/identity-documents/numbers";
import { nameKeys } from "../../lib/names/keys";
import { hashPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/generated/prisma/enums";

export const E2E_PASSWORD = "e2e password for every account";

export const E2E_ORGS = {
  first: { id: "00000000-0000-4000-8000-0000000000a1", slug: "first", name: "First Group", prefix: "FG" },
  second: { id: "00000000-0000-4000-8000-0000000000b2", slug: "second", name: "Second Group", prefix: "SG" },
} as const;

export interface E2EUser {
  id: string;
  email: string;
  name: string;
  memberships: { org: keyof typeof E2E_ORGS; role: Role }[];
}

export const E2E_USERS = {
  admin: { id: "00000000-0000-4000-8000-000000000001", email: "admin@e2e.test", name: "Aigerim Admin", memberships: [{ org: "first", role: "ADMIN" }] },
  coordinator: { id: "00000000-0000-4000-8000-000000000002", email: "coordinator@e2e.test", name: "Bolat Coordinator", memberships: [{ org: "first", role: "COORDINATOR" }] },
  volunteer: { id: "00000000-0000-4000-8000-000000000003", email: "volunteer@e2e.test", name: "Dana Volunteer", memberships: [{ org: "first", role: "VOLUNTEER" }] },
  analyst: { id: "00000000-0000-4000-8000-000000000004", email: "analyst@e2e.test", name: "Erlan Analyst", memberships: [{ org: "first", role: "ANALYST" }] },
  secondAdmin: { id: "00000000-0000-4000-8000-000000000005", email: "admin2@e2e.test", name: "Gulnar Admin", memberships: [{ org: "second", role: "ADMIN" }] },
  leaver: { id: "00000000-0000-4000-8000-000000000007", email: "leaver@e2e.test", name: "Marat Leaver", memberships: [{ org: "first", role: "VOLUNTEER" }] },
  twoGroups: {
    id: "00000000-0000-4000-8000-000000000006",
    email: "both@e2e.test",
    name: "Kairat Both",
    memberships: [
      { org: "first", role: "VOLUNTEER" },
      { org: "second", role: "COORDINATOR" },
    ],
  },
} as const satisfies Record<string, E2EUser>;

/** Kept apart from E2E_USERS so specs that walk the cast are unaffected: the two-factor spec turns it on for this account. */
export const E2E_TWO_FACTOR_USER = {
  id: "00000000-0000-4000-8000-000000000008",
  email: "twofactor@e2e.test",
  name: "Nurlan Twofactor",
  memberships: [{ org: "first", role: "VOLUNTEER" }],
} as const satisfies E2EUser;

/** A person of the first group holding a Chinese resident ID issued in Ghulja (654002) to a man born 12 April 1975. */
export const E2E_DOCUMENT_PERSON = {
  id: "00000000-0000-4000-8000-0000000000d1",
  documentId: "00000000-0000-4000-8000-0000000000d2",
  name: "Dauletkhan Serikbolsynuly",
  number: `65400219750412105${chineseIdCheckCharacter("65400219750412105")}`,
} as const;

/** Inserts the cast as the database owner. Run once on a freshly migrated database. */
/** Accounts at the test identity provider (E2E_OIDC=1): members by their address, a stranger, an unverified address. */
export const E2E_SSO_ACCOUNTS = {
  admin: { email: "admin@e2e.test", emailVerified: true },
  stranger: { email: "stranger@elsewhere.example", emailVerified: true },
  unverified: { email: "analyst@e2e.test", emailVerified: false },
  twofactor: { email: "twofactor@e2e.test", emailVerified: true },
  // the coordinator's account at the provider: another address, not verified; it works once linked
  "coordinator-at-provider": { email: "bolat@provider.example", emailVerified: false },
} as const;

export async function seedE2E(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const passwordHash = await hashPassword(E2E_PASSWORD);
    await client.query("BEGIN");
    for (const org of Object.values(E2E_ORGS)) {
      await client.query(
        `INSERT INTO organizations (id, slug, name, "referencePrefix", "defaultLocale", "require2fa", "updatedAt") VALUES ($1, $2, $3, $4, 'en', false, now())`,
        [org.id, org.slug, org.name, org.prefix],
      );
    }
    for (const user of [...Object.values(E2E_USERS), E2E_TWO_FACTOR_USER] as E2EUser[]) {
      await client.query(`INSERT INTO users (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
        user.id,
        user.email,
        user.name,
        passwordHash,
      ]);
      for (const membership of user.memberships) {
        await client.query(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, $3, now())`, [
          user.id,
          E2E_ORGS[membership.org].id,
          membership.role,
        ]);
      }
    }
    const holder = E2E_DOCUMENT_PERSON;
    const keys = nameKeys(holder.name);
    await client.query(`INSERT INTO people (id, "organizationId", "displayName", gender, "updatedAt") VALUES ($1, $2, $3, 'MALE', now())`, [
      holder.id,
      E2E_ORGS.first.id,
      holder.name,
    ]);
    await client.query(
      `INSERT INTO person_names ("organizationId", "personId", value, script, kind, normalized, skeleton, "isPrimary", position)
       VALUES ($1, $2, $3, $4, 'LEGAL', $5, $6, true, 0)`,
      [E2E_ORGS.first.id, holder.id, holder.name, keys.script, keys.normalized, keys.skeleton],
    );
    await client.query(
      `INSERT INTO person_documents (id, "organizationId", "personId", kind, "numberEnc", "numberHash", "issuingCountry", "updatedAt")
       VALUES ($1, $2, $3, 'CN_RESIDENT_ID', $4, $5, 'CN', now())`,
      [holder.documentId, E2E_ORGS.first.id, holder.id, encryptField(holder.number, personDocumentNumberContext(holder.documentId)), lookupHash(holder.number, "document")],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
