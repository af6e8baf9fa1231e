// The case list: search by any spelling of the subject's name or by reference, filters, sort and
// pagination. The page (as JSON) and the capped total come from one hand-written SQL query (Prisma's
// generated relation filters defeat the indexes on large organisations), read through the hot reads' path.
// The default order reads the (organizationId, updatedAt, id, deletedAt) index; a status filter reads
// cases_status_list_idx through the leakproof statusCode, which also carries the subject for the name
// search, so status + name is two index-only scans joined by hash. Name words are looked up
// by prefix in person_tokens (lib/names/sql.ts), whose btree index row-level security lets
// PostgreSQL use.
import "server-only";
import { authorize, can, caseScope, type Ctx } from "@/lib/authz";
import { withTenantRead } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseStatus, DisclosureLevel, Priority, VerificationLevel } from "@/lib/generated/prisma/enums";
import { skeletonKey } from "@/lib/names/keys";
import { personIdsWithWordsSql, skeletonWords } from "@/lib/names/sql";
import { unReadinessFilterSql } from "@/lib/un-submissions/readiness-sql";
import { caseListQuerySchema, type CaseListParams, type CaseListQuery } from "@/lib/validations/case";
import { escapeLike } from "@/lib/search/like";
import { caseFilterConditions } from "./case-filters";
import { parseInput } from "@/lib/service-kit";

export interface CaseListItem {
  id: string;
  reference: string;
  subjectName: string;
  status: CaseStatus;
  disclosureLevel: DisclosureLevel;
  verificationLevel: VerificationLevel;
  priority: Priority;
  tags: string[];
  assignedToId: string | null;
  lastEventDate: string | null;
  openedAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface CaseListResult {
  items: CaseListItem[];
  /** exact up to COUNT_CAP; when capped, `totalCapped` is true and the UI shows "1000+" */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  params: CaseListParams;
}

export const COUNT_CAP = 1000;
const REFERENCE_LIKE = /^[A-Za-z]{1,10}-\d{0,4}(-\d{0,6})?$/;

/** WHERE conditions on `cases c`: the reader's scope (caseScope) and the list's filters. */
function buildConditions(ctx: Ctx, params: CaseListParams): Prisma.Sql[] {
  const showDeleted = params.deleted === "1" && can(ctx, "cases.delete");
  const scope: { organizationId: string; deletedAt?: null; disclosureLevel?: DisclosureLevel } = showDeleted
    ? caseScope(ctx, { includeDeleted: true })
    : caseScope(ctx);
  const conditions: Prisma.Sql[] = [Prisma.sql`c."organizationId" = ${scope.organizationId}::uuid`];
  if (showDeleted) conditions.push(Prisma.sql`c."deletedAt" IS NOT NULL`);
  else if ("deletedAt" in scope) conditions.push(Prisma.sql`c."deletedAt" IS NULL`);
  if (scope.disclosureLevel) conditions.push(Prisma.sql`c."disclosureLevel" = ${scope.disclosureLevel}::"DisclosureLevel"`);

  if (params.q) {
    // Every word (by prefix) among the subject's names: matching people of the organisation first
    // (person_tokens), then cases by subject, so a common name matching thousands of people is one pass.
    const words = skeletonWords(skeletonKey(params.q));
    const or: Prisma.Sql[] = [];
    if (words.length > 0) or.push(Prisma.sql`c."subjectPersonId" IN (${personIdsWithWordsSql(words, ctx.organizationId)})`);
    if (REFERENCE_LIKE.test(params.q)) or.push(Prisma.sql`c.reference LIKE ${`${escapeLike(params.q.toUpperCase())}%`}`);
    conditions.push(or.length > 0 ? Prisma.sql`(${Prisma.join(or, " OR ")})` : Prisma.sql`FALSE`);
  }
  conditions.push(...caseFilterConditions(ctx, params));
  if (params.disclosure) conditions.push(Prisma.sql`c."disclosureLevel" = ${params.disclosure}::"DisclosureLevel"`);
  if (params.verification) conditions.push(Prisma.sql`c."verificationLevel" = ${params.verification}::"VerificationLevel"`);
  // the date range applies to the date of the latest event (what happened when)
  if (params.from) conditions.push(Prisma.sql`c."lastEventDate" >= ${params.from}::date`);
  if (params.to) conditions.push(Prisma.sql`c."lastEventDate" <= ${params.to}::date`);
  if (params.un) conditions.push(unReadinessFilterSql(params.un));
  return conditions;
}

interface ListOrder {
  /** ORDER BY on `c` */
  by: Prisma.Sql;
  /** the columns `by` reads, and only those, so an index that covers them is read without the table */
  columns: Prisma.Sql;
}

function buildOrder(params: CaseListParams): ListOrder {
  // direction from a closed enum, never from input text
  const dir = Prisma.raw(params.dir === "asc" ? "ASC" : "DESC");
  switch (params.sort) {
    case "opened":
      return { by: Prisma.sql`c."openedAt" ${dir}, c.id ${dir}`, columns: Prisma.sql`c.id, c."openedAt"` };
    case "reference":
      return { by: Prisma.sql`c.reference ${dir}`, columns: Prisma.sql`c.id, c.reference` };
    case "lastEvent":
      return { by: Prisma.sql`c."lastEventDate" ${dir} NULLS LAST, c.id ${dir}`, columns: Prisma.sql`c.id, c."lastEventDate"` };
    case "priority":
      return { by: Prisma.sql`c.priority ${dir}, c."updatedAt" DESC, c.id ${dir}`, columns: Prisma.sql`c.id, c.priority, c."updatedAt"` };
    default:
      return { by: Prisma.sql`c."updatedAt" ${dir}, c.id ${dir}`, columns: Prisma.sql`c.id, c."updatedAt"` };
  }
}

export async function findCases(ctx: Ctx, query: CaseListQuery | Record<string, unknown> = {}): Promise<CaseListResult> {
  authorize(ctx, "cases.read");
  const params = parseInput(caseListQuerySchema, query);
  const where = Prisma.join(buildConditions(ctx, params), " AND ");
  const offset = (params.page - 1) * params.pageSize;
  // One query for the page and the capped total: the first COUNT_CAP + 1 matching cases in list order
  // (more on a page beyond them), counted, and the page's ids cut out of them in the database. Counting
  // every match on a large organisation costs more than the page itself; past the cap the list says
  // "1000+". One row comes back, not a thousand: turning each raw row into an object costs more than
  // the query.
  const window = Math.max(COUNT_CAP + 1, offset + params.pageSize);
  const order = buildOrder(params);
  // The page's rows are built as JSON in the same statement, in the page's order, as the list answers them.
  return withTenantRead(ctx, async (tx) => {
    const [slice] = await tx.query<{ total: number; items: CaseListItem[] }>(Prisma.sql`
      WITH slice AS (
        SELECT count(*)::int AS total,
               (array_agg(c.id ORDER BY ${order.by}))[${offset + 1}::int:${offset + params.pageSize}::int] AS ids
          FROM (SELECT ${order.columns} FROM cases c
                 WHERE ${where}
                 ORDER BY ${order.by}
                 LIMIT ${window}) AS c)
      SELECT slice.total, coalesce((
        SELECT json_agg(json_build_object(
                 'id', c.id, 'reference', c.reference, 'subjectName', p."displayName", 'status', c.status,
                 'disclosureLevel', c."disclosureLevel", 'verificationLevel', c."verificationLevel", 'priority', c.priority,
                 'tags', c.tags, 'assignedToId', c."assignedToId", 'lastEventDate', to_char(c."lastEventDate", 'YYYY-MM-DD'),
                 'openedAt', to_char(c."openedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'updatedAt', to_char(c."updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'deletedAt', to_char(c."deletedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
               ORDER BY page.position)
          FROM unnest(slice.ids) WITH ORDINALITY AS page(id, position)
          JOIN cases c ON c.id = page.id
          JOIN people p ON p.id = c."subjectPersonId"), '[]') AS items
        FROM slice`);
    const total = slice?.total ?? 0;
    return {
      items: slice?.items ?? [],
      total: Math.min(total, COUNT_CAP),
      totalCapped: total > COUNT_CAP,
      page: params.page,
      pageSize: params.pageSize,
      params,
    };
  });
}
