// Records for the authorization and row-level-security tests, inserted as the database owner.
import { randomUUID } from "node:crypto";
import { ownerQuery, type TestOrg } from "../helpers/factories";

let counter = 0;

export async function insertPerson(org: TestOrg, name = "Test Person"): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO people (id, "organizationId", "displayName", "updatedAt") VALUES ($1, $2, $3, now())`, [id, org.id, name]);
  await ownerQuery(
    `INSERT INTO person_names ("organizationId", "personId", value, script, normalized, skeleton, "isPrimary") VALUES ($1, $2, $3, 'LATIN', $4, $4, true)`,
    [org.id, id, name, name.toLowerCase()],
  );
  return id;
}

export async function insertCase(
  org: TestOrg,
  options: { assignedToId?: string | null; createdById?: string | null; deleted?: boolean; disclosureLevel?: "PRIVATE" | "ANONYMISED" | "PUBLIC" } = {},
): Promise<string> {
  const id = randomUUID();
  const personId = await insertPerson(org);
  counter += 1;
  await ownerQuery(
    `INSERT INTO cases (id, "organizationId", reference, "subjectPersonId", "assignedToId", "createdById", "deletedAt", "disclosureLevel", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
    [
      id,
      org.id,
      `T-${counter}-${id.slice(0, 6)}`,
      personId,
      options.assignedToId ?? null,
      options.createdById ?? null,
      options.deleted ? new Date() : null,
      options.disclosureLevel ?? "PRIVATE",
    ],
  );
  return id;
}

export async function insertProtest(org: TestOrg): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO protests (id, "organizationId", "startsAt", city, kind, "updatedAt") VALUES ($1, $2, now(), 'Almaty', (SELECT enum_range(NULL::"ProtestKind"))[1], now())`, [
    id,
    org.id,
  ]);
  return id;
}
