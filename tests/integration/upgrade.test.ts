// Upgrading from the previous release: a database built with that release's migrations (prisma/releases.json)
// and filled the way its schema allowed, in raw SQL as that version wrote it, is brought to this version
// by `npm run db:migrate`; every record survives and this version's services read it.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCase } from "@/lib/cases/create-case";
import { findCases } from "@/lib/cases/find-cases";
import { getCase } from "@/lib/cases/get-case";
import { listEvents } from "@/lib/cases/events";
import { encryptField } from "@/lib/crypto";
import { caseSummaryContext, eventDescriptionContext } from "@/lib/crypto-contexts";
import { disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { nameKeys } from "@/lib/names/keys";
import { findPeople } from "@/lib/people/find-people";
import type { Ctx } from "@/lib/authz";
import { defaultMigrationsDir, readMigrations } from "../../scripts/lib/migrate";
import { migrate } from "../../scripts/lib/migrate";
import { TEST_APP_DB_PASSWORD } from "../setup/test-env";
import { TSX_NODE_FLAGS } from "../../scripts/lib/node-flags";

const releases = JSON.parse(readFileSync(path.resolve("prisma/releases.json"), "utf8")) as { releases: { name: string; lastMigration: string }[] };
const previous = releases.releases[0]!;

const ids = {
  org: "5a0c1f0e-0000-4000-8000-000000000001",
  user: "5a0c1f0e-0000-4000-8000-000000000002",
  person: "5a0c1f0e-0000-4000-8000-000000000003",
  case: "5a0c1f0e-0000-4000-8000-000000000004",
  event: "5a0c1f0e-0000-4000-8000-000000000005",
};
const year = new Date().getUTCFullYear();
const oldReference = `OG-${year}-0001`;
const coordinator: Ctx = { userId: ids.user, organizationId: ids.org, role: "COORDINATOR" };
let upgradedUrl: string;
let applied: string[];
const restoreEnv = { DATABASE_URL: process.env.DATABASE_URL, APP_DATABASE_URL: process.env.APP_DATABASE_URL };

/** The migration folders up to and including the previous release's last one. */
function previousReleaseMigrations(): string {
  const all = readMigrations();
  const last = all.findIndex((migration) => migration.name === previous.lastMigration);
  if (last < 0) throw new Error(`prisma/releases.json names ${previous.lastMigration}, which is not a migration`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "qamqor-previous-release-"));
  for (const migration of all.slice(0, last + 1)) cpSync(path.join(defaultMigrationsDir, migration.name), path.join(dir, migration.name), { recursive: true });
  cpSync(path.join(defaultMigrationsDir, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  return dir;
}

async function ownerSql(sql: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: upgradedUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const name = `qamqor_t_${inject("templateDatabase").replace("qamqor_tpl_", "")}_up${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(inject("adminUrl"));
  url.pathname = `/${name}`;
  upgradedUrl = url.toString();
  await migrate(upgradedUrl, { dir: previousReleaseMigrations() });

  // what the previous release wrote: an organisation, a coordinator, a person with names in two scripts,
  // a case with an encrypted summary and a dated event
  await ownerSql(`INSERT INTO organizations (id, slug, name, "referencePrefix", "require2fa", "updatedAt") VALUES ($1, 'old-group', 'Old group', 'OG', false, now())`, [ids.org]);
  await ownerSql(`INSERT INTO users (id, email, name, "updatedAt") VALUES ($1, 'coordinator@old.test', 'Old coordinator', now())`, [ids.user]);
  await ownerSql(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'COORDINATOR', now())`, [ids.user, ids.org]);
  await ownerSql(`INSERT INTO people (id, "organizationId", "displayName", gender, "updatedAt") VALUES ($1, $2, 'Erlan Upgradeuly', 'MALE', now())`, [ids.person, ids.org]);
  for (const [position, value] of ["Erlan Upgradeuly", "Ерлан Апгрейдұлы"].entries()) {
    const keys = nameKeys(value);
    await ownerSql(
      `INSERT INTO person_names ("organizationId", "personId", value, script, kind, "isPrimary", normalized, skeleton, position) VALUES ($1, $2, $3, $4, 'LEGAL', $5, $6, $7, $8)`,
      [ids.org, ids.person, value, keys.script, position === 0, keys.normalized, keys.skeleton, position],
    );
  }
  await ownerSql(
    `INSERT INTO cases (id, "organizationId", reference, "subjectPersonId", status, "disclosureLevel", "summaryEnc", "createdById", "lastEventDate", "openedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 'DETAINED', 'PRIVATE', $5, $6, '2019-05-01', now(), now())`,
    [ids.case, ids.org, oldReference, ids.person, encryptField("Taken from his home in Ghulja", caseSummaryContext(ids.case)), ids.user],
  );
  await ownerSql(`INSERT INTO case_reference_counters ("organizationId", year, "lastNumber") VALUES ($1, $2, 1)`, [ids.org, year]);
  await ownerSql(
    `INSERT INTO case_events (id, "organizationId", "caseId", type, date, "datePrecision", facility, "descriptionEnc", "createdById", "updatedAt")
     VALUES ($1, $2, $3, 'DETAINED', '2019-05-01', 'MONTH', 'Camp No. 3', $4, $5, now())`,
    [ids.event, ids.org, ids.case, encryptField("Seen by a neighbour", eventDescriptionContext(ids.event)), ids.user],
  );

  // the upgrade itself, as an operator runs it
  const result = spawnSync(process.execPath, [...TSX_NODE_FLAGS, "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: upgradedUrl, APP_DB_PASSWORD: TEST_APP_DB_PASSWORD, NODE_ENV: "production" },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  applied = result.stdout.split("\n").filter((line) => line.startsWith("applied ")).map((line) => line.slice("applied ".length));

  // this version's services now read the upgraded database
  const appUrl = new URL(upgradedUrl);
  appUrl.username = "qamqor_app";
  appUrl.password = TEST_APP_DB_PASSWORD;
  await disconnectDb();
  process.env.DATABASE_URL = upgradedUrl;
  process.env.APP_DATABASE_URL = appUrl.toString();
  resetEnvCache();
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  Object.assign(process.env, restoreEnv);
  resetEnvCache();
});

describe(`upgrading from the previous release (${previous.name})`, () => {
  it("applies every migration added since that release, once, and leaves none pending", async () => {
    const all = readMigrations().map((migration) => migration.name);
    const since = all.slice(all.indexOf(previous.lastMigration) + 1);
    expect(since.length).toBeGreaterThan(0);
    expect(applied).toEqual(since);
    const recorded = await ownerSql(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`);
    expect(recorded.map((row) => row.migration_name)).toEqual(all);
  });

  it("keeps the case, its subject's names, its summary and its event, and the case list and name search find them", async () => {
    const detail = await getCase(coordinator, ids.case);
    expect(detail).toMatchObject({ reference: oldReference, status: "DETAINED", disclosureLevel: "PRIVATE", summary: "Taken from his home in Ghulja" });
    expect(detail.subject.names.map((name) => name.value).sort()).toEqual(["Erlan Upgradeuly", "Ерлан Апгрейдұлы"]);
    const events = await listEvents(coordinator, ids.case);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "DETAINED", facility: "Camp No. 3", description: "Seen by a neighbour" });

    const list = await findCases(coordinator, { q: "Upgradeuly" });
    expect(list.items.map((item) => item.reference)).toEqual([oldReference]);
    const people = await findPeople(coordinator, { q: "Апгрейд" });
    expect(people.items.map((person) => person.id)).toEqual([ids.person]);
  });

  it("lets this version add a case next to the old one, numbered after it", async () => {
    const created = await createCase(coordinator, { subject: { person: { names: [{ value: "Aliya Newcase" }] } } });
    expect(created.reference).toBe(`OG-${year}-0002`);
    const list = await findCases(coordinator, {});
    expect(list.items.map((item) => item.reference).sort()).toEqual([oldReference, `OG-${year}-0002`]);
  });
});
