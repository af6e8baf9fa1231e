// The floor: what the read scenarios cost without the framework. The same data as the app's answers,
// through hand-written SQL with `pg`, as the app's database role under row-level security (the
// organisation set in the transaction, as lib/db.ts's withTenant sets it), each answer built as JSON by
// PostgreSQL in one statement. Opening a case also appends its audit event to the chain, as the app
// does. Used in-process by the HTTP group and behind a bare node:http server (floor-server.ts).
import pg from "pg";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../../lib/audit";
import { CASE_STATUS_CODES } from "../../lib/cases/status-code";
import type { CaseStatus } from "../../lib/generated/prisma/enums";
import { skeletonKey } from "../../lib/names/keys";

export interface FloorScope {
  organizationId: string;
  userId: string;
}

const PAGE_SIZE = 25;
const COUNT_CAP = 1000;

/** [word, word with its last code point plus one): a prefix range in collation "C". */
function prefix(word: string): [string, string] {
  const chars = [...word];
  const last = chars.pop() ?? "";
  return [word, chars.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1)];
}

const firstWord = (q: string) => skeletonKey(q).split(" ").filter(Boolean).sort((a, b) => b.length - a.length)[0] ?? "";

const CASE_ITEM = `json_build_object('id', c.id, 'reference', c.reference, 'subjectName', s."displayName", 'status', c.status,
  'disclosureLevel', c."disclosureLevel", 'verificationLevel', c."verificationLevel", 'priority', c.priority, 'tags', c.tags,
  'assignedToId', c."assignedToId", 'lastEventDate', c."lastEventDate", 'openedAt', c."openedAt", 'updatedAt', c."updatedAt", 'deletedAt', c."deletedAt")`;

/** GET /cases?status=…&q=…&page=… in one statement: page, capped total, subject names. */
function caseListQuery(scope: FloorScope, query: URLSearchParams): { text: string; values: unknown[] } {
  const values: unknown[] = [scope.organizationId];
  const where = [`c."organizationId" = $1`, `c."deletedAt" IS NULL`];
  const status = query.get("status") as CaseStatus | null;
  if (status && status in CASE_STATUS_CODES) {
    values.push(CASE_STATUS_CODES[status]);
    where.push(`c."statusCode" = $${values.length}`);
  }
  const q = query.get("q");
  if (q) {
    const [from, to] = prefix(firstWord(q));
    values.push(from, to);
    where.push(`c."subjectPersonId" IN (SELECT t."personId" FROM person_tokens t WHERE t."organizationId" = $1 AND t.token >= $${values.length - 1} AND t.token < $${values.length})`);
  }
  const page = Math.max(1, Number(query.get("page") ?? "1") || 1);
  values.push((page - 1) * PAGE_SIZE, page);
  const offset = `$${values.length - 1}`;
  return {
    text: `WITH m AS (SELECT c.id, c."updatedAt" FROM cases c WHERE ${where.join(" AND ")} ORDER BY c."updatedAt" DESC, c.id DESC LIMIT ${COUNT_CAP + 1}),
                p AS (SELECT id, "updatedAt" FROM m ORDER BY "updatedAt" DESC, id DESC OFFSET ${offset} LIMIT ${PAGE_SIZE})
           SELECT json_build_object(
             'items', coalesce((SELECT json_agg(${CASE_ITEM} ORDER BY p."updatedAt" DESC, p.id DESC)
                                  FROM p JOIN cases c ON c.id = p.id JOIN people s ON s.id = c."subjectPersonId"), '[]'::json),
             'total', least((SELECT count(*) FROM m), ${COUNT_CAP}), 'totalCapped', (SELECT count(*) FROM m) > ${COUNT_CAP},
             'page', $${values.length}::int, 'pageSize', ${PAGE_SIZE})::text AS body`,
    values,
  };
}

/** GET /people?q=… : the first 500 people with the word among their names (the app ranks at most 500 too), ranked by closeness of spelling. */
function peopleQuery(scope: FloorScope, query: URLSearchParams): { text: string; values: unknown[] } {
  const q = query.get("q") ?? "";
  const [from, to] = prefix(firstWord(q));
  return {
    text: `WITH ranked AS (
             SELECT n."personId", max(similarity(n.skeleton, $4)) AS score FROM person_names n
              WHERE n."personId" IN (SELECT t."personId" FROM person_tokens t WHERE t."organizationId" = $1 AND t.token >= $2 AND t.token < $3 LIMIT 500)
              GROUP BY n."personId" ORDER BY score DESC, n."personId" LIMIT 500),
           page AS (SELECT * FROM ranked ORDER BY score DESC, "personId" LIMIT ${PAGE_SIZE})
           SELECT json_build_object('items', coalesce((SELECT json_agg(json_build_object(
               'id', p.id, 'displayName', p."displayName",
               'names', (SELECT json_agg(json_build_object('value', n.value, 'script', n.script) ORDER BY n.position) FROM person_names n WHERE n."personId" = p.id),
               'gender', p.gender, 'birthDate', p."birthDate", 'birthDatePrecision', p."birthDatePrecision", 'hometownText', p."hometownText",
               'caseCount', (SELECT count(*) FROM cases c WHERE c."subjectPersonId" = p.id AND c."deletedAt" IS NULL)
                          + (SELECT count(*) FROM case_contacts cc JOIN cases c ON c.id = cc."caseId" WHERE cc."personId" = p.id AND c."deletedAt" IS NULL),
               'deletedAt', p."deletedAt", 'score', page.score) ORDER BY page.score DESC, page."personId")
             FROM page JOIN people p ON p.id = page."personId"), '[]'::json),
             'total', (SELECT count(*) FROM ranked), 'page', 1, 'pageSize', ${PAGE_SIZE})::text AS body`,
    values: [scope.organizationId, from, to, skeletonKey(q)],
  };
}

/** GET /cases/{id}: the case with its subject, names, contacts, events, sources, files, notes and tasks. */
function caseQuery(id: string): { text: string; values: unknown[] } {
  return {
    text: `SELECT json_build_object('id', c.id, 'reference', c.reference, 'status', c.status, 'statusOverridden', c."statusOverridden",
             'disclosureLevel', c."disclosureLevel", 'priority', c.priority, 'verificationLevel', c."verificationLevel", 'tags', c.tags,
             'assignedToId', c."assignedToId", 'assignedToName', (SELECT u.name FROM users u WHERE u.id = c."assignedToId"),
             'lastEventDate', c."lastEventDate", 'openedAt', c."openedAt", 'updatedAt', c."updatedAt", 'version', c.version,
             'subject', (SELECT json_build_object('id', p.id, 'displayName', p."displayName", 'birthDate', p."birthDate",
                           'birthDatePrecision', p."birthDatePrecision", 'hometownText', p."hometownText",
                           'names', (SELECT json_agg(json_build_object('value', n.value, 'script', n.script, 'isPrimary', n."isPrimary") ORDER BY n."isPrimary" DESC, n.position)
                                       FROM person_names n WHERE n."personId" = p.id))
                           FROM people p WHERE p.id = c."subjectPersonId"),
             'contacts', coalesce((SELECT json_agg(json_build_object('id', cc.id, 'personId', cc."personId", 'displayName', p."displayName",
                           'relationship', cc.relationship, 'isPrimary', cc."isPrimary") ORDER BY cc."isPrimary" DESC, cc."createdAt")
                           FROM case_contacts cc JOIN people p ON p.id = cc."personId" WHERE cc."caseId" = c.id), '[]'::json),
             'events', coalesce((SELECT json_agg(json_build_object('id', e.id, 'type', e.type, 'date', e.date, 'datePrecision', e."datePrecision",
                           'placeId', e."placeId", 'placeText', e."placeText", 'facility', e.facility, 'authority', e.authority,
                           'sentenceMonths', e."sentenceMonths", 'version', e.version) ORDER BY e.date NULLS LAST, e."createdAt")
                           FROM case_events e WHERE e."caseId" = c.id AND e."deletedAt" IS NULL), '[]'::json),
             'sources', coalesce((SELECT json_agg(json_build_object('linkId', l.id, 'sourceId', l."sourceId", 'title', s.title) ORDER BY l."createdAt")
                           FROM source_links l JOIN sources s ON s.id = l."sourceId" WHERE l."caseId" = c.id AND s."deletedAt" IS NULL), '[]'::json),
             'attachments', coalesce((SELECT json_agg(json_build_object('id', a.id, 'mimeType', a."mimeType", 'sizeBytes', a."sizeBytes") ORDER BY a."createdAt")
                           FROM attachments a WHERE a."caseId" = c.id AND a."deletedAt" IS NULL), '[]'::json),
             'notes', coalesce((SELECT json_agg(json_build_object('id', n.id, 'createdAt', n."createdAt", 'version', n.version) ORDER BY n."createdAt" DESC)
                           FROM notes n WHERE n."caseId" = c.id AND n."deletedAt" IS NULL), '[]'::json),
             'tasks', coalesce((SELECT json_agg(json_build_object('id', t.id, 'title', t.title, 'status', t.status, 'dueDate', t."dueDate") ORDER BY t.status, t."dueDate" NULLS LAST)
                           FROM tasks t WHERE t."caseId" = c.id AND t."deletedAt" IS NULL), '[]'::json))::text AS body
             FROM cases c WHERE c.id = $1 AND c."deletedAt" IS NULL`,
    values: [id],
  };
}

/** GET /people/{id}/timeline: cases as subject or family, protests and police actions, newest first. */
function timelineQuery(id: string): { text: string; values: unknown[] } {
  return {
    text: `SELECT coalesce(json_agg(x ORDER BY x.date DESC), '[]'::json)::text AS body FROM (
             SELECT 'case' AS kind, c.id, c."openedAt"::text AS date, c.reference, c.status::text AS what, 'SUBJECT' AS role, s."displayName" AS detail
               FROM cases c JOIN people s ON s.id = c."subjectPersonId" WHERE c."subjectPersonId" = $1 AND c."deletedAt" IS NULL
             UNION ALL
             SELECT 'case', c.id, c."openedAt"::text, c.reference, c.status::text, cc.relationship::text, s."displayName"
               FROM case_contacts cc JOIN cases c ON c.id = cc."caseId" JOIN people s ON s.id = c."subjectPersonId"
              WHERE cc."personId" = $1 AND c."deletedAt" IS NULL
             UNION ALL
             SELECT 'protest', pr.id, pr."startsAt"::text, NULL, pr.kind::text, pp.role::text, pr.city
               FROM protest_participations pp JOIN protests pr ON pr.id = pp."protestId" WHERE pp."personId" = $1 AND pr."deletedAt" IS NULL
             UNION ALL
             SELECT 'police', a.id, a.date::text, NULL, a.type::text, a.status::text, a.authority
               FROM police_actions a WHERE a."personId" = $1 AND a."deletedAt" IS NULL) AS x`,
    values: [id],
  };
}

/** Appends the case.view event to the organisation's chain, as lib/audit.ts does (lock, head, insert). */
async function auditCaseView(client: pg.PoolClient, scope: FloorScope, caseId: string): Promise<void> {
  // Two statements: the head must be read with a snapshot taken after the lock is held. In one
  // statement the snapshot predates the wait, and two requests chain to the same event.
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`audit:${scope.organizationId}`]);
  const head = await client.query<{ hash: string | null }>(`SELECT hash FROM audit_events WHERE "organizationId" = $1 ORDER BY id DESC LIMIT 1`, [scope.organizationId]);
  const fields: ChainedFields = {
    organizationId: scope.organizationId,
    actorUserId: scope.userId,
    action: "case.view",
    entityType: "Case",
    entityId: caseId,
    changedFields: [],
    metadata: { contactsShown: true },
    ipHash: null,
    createdAt: new Date(),
    prevHash: head.rows[0]?.hash ?? GENESIS_HASH,
  };
  await client.query(
    `INSERT INTO audit_events ("organizationId", "actorUserId", action, "entityType", "entityId", "changedFields", metadata, "createdAt", "prevHash", hash)
     VALUES ($1, $2, $3, $4, $5, '{}', $6, $7, $8, $9)`,
    [fields.organizationId, fields.actorUserId, fields.action, fields.entityType, fields.entityId, JSON.stringify(fields.metadata), fields.createdAt, fields.prevHash, hashEvent(fields)],
  );
}

/**
 * Answers a floor request: path as the API's without /api/v1 (`/cases?…`, `/people?…`, `/cases/{id}`,
 * `/people/{id}/timeline`); null for a path the floor does not know. One transaction, as the app's.
 */
export async function floorAnswer(pool: pg.Pool, scope: FloorScope, path: string): Promise<string | null> {
  const url = new URL(path, "http://floor");
  const parts = url.pathname.split("/").filter(Boolean);
  let query: { text: string; values: unknown[] } | null = null;
  let auditCase: string | null = null;
  if (parts.length === 1 && parts[0] === "cases") query = caseListQuery(scope, url.searchParams);
  else if (parts.length === 1 && parts[0] === "people") query = peopleQuery(scope, url.searchParams);
  else if (parts.length === 2 && parts[0] === "cases") query = caseQuery((auditCase = parts[1] as string));
  else if (parts.length === 3 && parts[0] === "people" && parts[2] === "timeline") query = timelineQuery(parts[1] as string);
  if (!query) return null;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [scope.organizationId, scope.userId]);
    const result = await client.query<{ body: string | null }>(query);
    if (auditCase && result.rows[0]?.body) await auditCaseView(client, scope, auditCase);
    await client.query("COMMIT");
    return result.rows[0]?.body ?? "null";
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
