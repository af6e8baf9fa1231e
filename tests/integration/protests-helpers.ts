// Test data for the protest, police-action and advocacy tests, written as the database owner.
import { ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

export async function insertPerson(org: TestOrg, displayName: string): Promise<string> {
  const rows = await ownerQuery<{ id: string }>(
    `INSERT INTO people ("organizationId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`,
    [org.id, displayName],
  );
  return rows[0]!.id;
}

let caseCounter = 0;

/** A case about `subjectId`, assigned to `assignee` when given; `contactId` becomes a family contact. */
export async function insertCase(
  org: TestOrg,
  subjectId: string,
  options: { assignee?: TestMember; contactId?: string; disclosureLevel?: "PRIVATE" | "ANONYMISED" | "PUBLIC" } = {},
): Promise<string> {
  caseCounter += 1;
  const rows = await ownerQuery<{ id: string }>(
    `INSERT INTO cases ("organizationId", reference, "subjectPersonId", "assignedToId", "disclosureLevel", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
    [org.id, `TC-2026-${String(caseCounter).padStart(4, "0")}-${org.id.slice(0, 4)}`, subjectId, options.assignee?.userId ?? null, options.disclosureLevel ?? "PRIVATE"],
  );
  const caseId = rows[0]!.id;
  if (options.contactId) {
    await ownerQuery(
      `INSERT INTO case_contacts ("organizationId", "caseId", "personId", relationship) VALUES ($1, $2, $3, 'SISTER')`,
      [org.id, caseId, options.contactId],
    );
  }
  return caseId;
}

export async function auditActions(org: TestOrg, entityId: string): Promise<{ action: string; changedFields: string[]; metadata: unknown }[]> {
  return ownerQuery(
    `SELECT action, "changedFields", metadata FROM audit_events WHERE "organizationId" = $1 AND "entityId" = $2 ORDER BY id`,
    [org.id, entityId],
  );
}

/** The promise's rejection as `{code, fieldErrors}`, for asserting what a user would be told. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> };
    return { code: e.code, fieldErrors: e.fieldErrors, details: e.details };
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

type QueryFn = (...args: unknown[]) => unknown;
interface WatchedClient {
  readyForQuery: boolean;
  _connected?: boolean;
  _queryQueue: unknown[];
}

/**
 * Records every query sent to a PostgreSQL connection that is still busy with another one — what pg
 * deprecates ("client.query() called while already executing"): inside a transaction all queries share
 * one connection, so they must run one after another. Each entry is the caller's stack.
 */
export async function watchOverlappingQueries(): Promise<{ overlaps: string[]; stop: () => void }> {
  const { default: pg } = await import("pg");
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const overlaps: string[] = [];
  proto.query = function (this: WatchedClient, ...args: unknown[]) {
    if (this._connected && (!this.readyForQuery || this._queryQueue.length > 0)) overlaps.push(new Error("overlapping query").stack ?? "");
    return original.apply(this, args);
  };
  return { overlaps, stop: () => void (proto.query = original) };
}
