// The people list: search by any spelling in any script (or an exact phone number, or a case reference),
// filters, sort and pagination with a total, in one statement that builds the page's JSON in PostgreSQL.
import "server-only";
import { authorize, can, contactScope, type Ctx } from "@/lib/authz";
import { lookupHash } from "@/lib/crypto";
import { withTenant, withTenantRead, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DatePrecision, Gender, NameScript } from "@/lib/generated/prisma/enums";
import { nameQuery, personIdsByNameSql, setNameMatchThresholds } from "@/lib/names/sql";
import { normalisePhone, personQuerySchema, type PersonQuery, type PersonQueryInput } from "@/lib/validations/person";
import { looksLikeDocumentNumber, peopleWithDocumentNumbers } from "./documents";
import type { PlaceView } from "./shared";
import { parseInput } from "@/lib/service-kit";

export interface PersonListItem {
  id: string;
  displayName: string;
  names: { value: string; script: NameScript }[];
  gender: Gender;
  birthDate: string | null;
  birthDatePrecision: DatePrecision;
  hometown: PlaceView | null;
  hometownText: string | null;
  caseCount: number;
  deletedAt: string | null;
  /** 0..1 name similarity when the list was searched by name */
  score?: number;
  /** the search was one of this person's identity numbers */
  documentMatch?: boolean;
}

export interface PersonPage {
  items: PersonListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** The most matches a name search ranks; beyond this the user should narrow the search. */
const MAX_NAME_MATCHES = 500;

const CASE_REFERENCE = /^[a-z]{1,8}-\d{4}-\d{1,6}$/i;
const PHONE = /^[+\d][\d\s()-]{5,}$/;

/**
 * People found by an exact detail typed into the search box: a phone number (only among people whose
 * contacts the caller may see, otherwise the search would confirm a number they may not read) and an
 * identity number (only for those who may see that person's documents). Both rules live with the
 * contact scope, so they stay Prisma look-ups; they run only when the text looks like such a number.
 */
async function peopleByExactDetail(tx: Tx, ctx: Ctx, q: string): Promise<{ exact: string[]; documentHolders: string[] }> {
  const exact = new Set<string>();
  const phone = PHONE.test(q) ? normalisePhone(q) : null;
  if (phone) {
    const byPhone = await tx.person.findMany({ where: { AND: [contactScope(ctx), { phoneHash: lookupHash(phone, "phone") }] }, select: { id: true } });
    for (const { id } of byPhone) exact.add(id);
  }
  const documentHolders = [...(await peopleWithDocumentNumbers(tx, ctx, [q])).keys()];
  for (const id of documentHolders) exact.add(id);
  return { exact: [...exact], documentHolders };
}

/** The list's conditions on people aliased `p`: the reader's scope, then the filters. */
function personConditions(ctx: Ctx, params: PersonQuery): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [Prisma.sql`p."organizationId" = ${ctx.organizationId}::uuid`, Prisma.sql`p."mergedIntoId" IS NULL`];
  // the same rule as personScope(ctx): deleted people only for those who may merge (and restore) them
  conditions.push(params.deleted && can(ctx, "people.merge") ? Prisma.sql`p."deletedAt" IS NOT NULL` : Prisma.sql`p."deletedAt" IS NULL`);
  if (params.hometown) {
    conditions.push(Prisma.sql`(p."hometownPlaceId" = ${params.hometown}::uuid
      OR EXISTS (SELECT 1 FROM places h WHERE h.id = p."hometownPlaceId" AND h."parentId" = ${params.hometown}::uuid))`);
  }
  if (params.gender) conditions.push(Prisma.sql`p.gender::text = ${params.gender}`);
  if (params.bornFrom !== undefined || params.bornTo !== undefined) {
    conditions.push(Prisma.sql`p."birthDatePrecision" <> 'UNKNOWN'`);
    if (params.bornFrom !== undefined) conditions.push(Prisma.sql`p."birthDate" >= make_date(${params.bornFrom}::int, 1, 1)`);
    if (params.bornTo !== undefined) conditions.push(Prisma.sql`p."birthDate" <= make_date(${params.bornTo}::int, 12, 31)`);
  }
  if (params.hasCase !== undefined) {
    const onCase = Prisma.sql`(EXISTS (SELECT 1 FROM cases oc WHERE oc."subjectPersonId" = p.id AND oc."deletedAt" IS NULL)
      OR EXISTS (SELECT 1 FROM case_contacts occ JOIN cases oc ON oc.id = occ."caseId" WHERE occ."personId" = p.id AND oc."deletedAt" IS NULL))`;
    conditions.push(params.hasCase ? onCase : Prisma.sql`NOT ${onCase}`);
  }
  return conditions;
}

function sortOrder(params: PersonQuery, ranked: boolean): Prisma.Sql {
  // best match first; ties by name as the reader's alphabet has it (ICU root collation), then by id
  if (ranked) return Prisma.sql`m."documentMatch" DESC, m.score DESC, m."displayName" COLLATE "und-x-icu", m.id`;
  const direction = Prisma.raw((params.dir ?? (params.sort === "created" || params.sort === "updated" ? "desc" : "asc")) === "desc" ? "DESC" : "ASC");
  const column =
    params.sort === "created"
      ? Prisma.sql`m."createdAt" ${direction}`
      : params.sort === "updated"
        ? Prisma.sql`m."updatedAt" ${direction}`
        : params.sort === "birth"
          ? Prisma.sql`m."birthDate" ${direction} NULLS LAST`
          : Prisma.sql`m."displayName" ${direction}`;
  return Prisma.sql`${column}, m.id`;
}

interface PageJson {
  total: number;
  items: (Omit<PersonListItem, "score" | "documentMatch"> & { score: number; documentMatch: boolean })[];
}

export async function findPeople(ctx: Ctx, query: PersonQueryInput = {}): Promise<PersonPage> {
  authorize(ctx, "people.read");
  const params = parseInput(personQuerySchema, query);
  // A phone or identity number is looked up through the contact and document scopes (Prisma); every
  // other search is the hot reads' path, whose one statement is the same.
  if (params.q && (PHONE.test(params.q) || looksLikeDocumentNumber(params.q))) {
    const q = params.q;
    return withTenant(ctx, async (tx) => {
      const { exact, documentHolders } = await peopleByExactDetail(tx, ctx, q);
      return peoplePage(ctx, params, { exact, documentHolders }, {
        setThresholds: () => setNameMatchThresholds(tx),
        query: (sql) => tx.$queryRaw(sql),
      });
    });
  }
  return withTenantRead(ctx, (tx) =>
    peoplePage(ctx, params, { exact: [], documentHolders: [] }, {
      setThresholds: () => setNameMatchThresholds({ $executeRawUnsafe: (text: string) => tx.query(Prisma.raw(text)) }),
      query: (sql) => tx.query(sql),
    }),
  );
}

/** The page for `params`, given who an exact detail found, through either transaction's client. */
async function peoplePage(
  ctx: Ctx,
  params: PersonQuery,
  { exact, documentHolders }: { exact: string[]; documentHolders: string[] },
  tx: { setThresholds: () => Promise<unknown>; query: (sql: Prisma.Sql) => Promise<unknown[]> },
): Promise<PersonPage> {
  const q = params.q;
  const names = q ? nameQuery(q) : null;
  if (names) await tx.setThresholds();

  // Who the search found, with a score: names ranked by lib/names/sql.ts, an exact phone, identity
  // number or case reference scores 1. Without a search, every person in scope is a candidate.
  const found: Prisma.Sql[] = [];
  if (names) found.push(Prisma.sql`SELECT named."personId", named.score FROM (${personIdsByNameSql(names, MAX_NAME_MATCHES, ctx.organizationId)}) AS named`);
  if (exact.length > 0) found.push(Prisma.sql`SELECT unnest(${exact}::uuid[]), 1::float8`);
  if (q && CASE_REFERENCE.test(q)) {
    const reference = q.toUpperCase();
    found.push(Prisma.sql`
      SELECT unnest(array_prepend(c."subjectPersonId", ARRAY(SELECT cc."personId" FROM case_contacts cc WHERE cc."caseId" = c.id))), 1::float8
        FROM cases c WHERE c."organizationId" = ${ctx.organizationId}::uuid AND c."deletedAt" IS NULL AND c.reference = ${reference}`);
  }
  const candidates = q
    ? Prisma.sql`WITH found AS MATERIALIZED (
        SELECT f."personId", MAX(f.score)::float8 AS score
          FROM (${found.length > 0 ? Prisma.join(found, " UNION ALL ") : Prisma.sql`SELECT NULL::uuid, NULL::float8 WHERE FALSE`}) AS f("personId", score)
         GROUP BY f."personId")`
    : Prisma.empty;
  const matching = Prisma.sql`
    SELECT p.id, p."displayName", p."createdAt", p."updatedAt", p."birthDate",
           ${q ? Prisma.sql`found.score` : Prisma.sql`0::float8`} AS score,
           p.id = ANY(${documentHolders}::uuid[]) AS "documentMatch"
      FROM people p ${q ? Prisma.sql`JOIN found ON found."personId" = p.id` : Prisma.empty}
     WHERE ${Prisma.join(personConditions(ctx, params), " AND ")}`;
  const offset = (params.page - 1) * params.pageSize;
  const order = sortOrder(params, Boolean(q) && !params.sort);

  // The count and the page are two subqueries over the same conditions, so that without a search the
  // page still reads the sort order's index for its few rows instead of sorting everyone counted.
  const [row] = (await tx.query(Prisma.sql`
    ${candidates}
    SELECT json_build_object(
      'total', (SELECT count(*) FROM (${matching}) AS m)::int,
      'items', coalesce((
        SELECT json_agg(json_build_object(
                 'id', p.id, 'displayName', p."displayName",
                 'names', coalesce((
                   SELECT json_agg(json_build_object('value', n.value, 'script', n.script) ORDER BY n."isPrimary" DESC, n.position)
                     FROM person_names n WHERE n."personId" = p.id), '[]'),
                 'gender', p.gender, 'birthDate', to_char(p."birthDate", 'YYYY-MM-DD'), 'birthDatePrecision', p."birthDatePrecision",
                 'hometown', (
                   SELECT json_build_object(
                            'id', pl.id, 'code', pl.code, 'kind', pl.kind, 'country', pl.country, 'nameEn', pl."nameEn",
                            'nameKk', pl."nameKk", 'nameRu', pl."nameRu", 'nameZh', pl."nameZh", 'parentId', pl."parentId",
                            'divisionCode', pl."divisionCode")
                     FROM places pl WHERE pl.id = p."hometownPlaceId"),
                 'hometownText', p."hometownText",
                 -- open cases the person is the subject or a family contact of, per person of the page
                 'caseCount', (SELECT count(*) FROM cases c WHERE c."subjectPersonId" = p.id AND c."deletedAt" IS NULL)
                            + (SELECT count(*) FROM case_contacts cc JOIN cases c ON c.id = cc."caseId"
                                WHERE cc."personId" = p.id AND c."deletedAt" IS NULL),
                 'deletedAt', to_char(p."deletedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'score', m.score, 'documentMatch', m."documentMatch")
               ORDER BY ${order})
          -- a plain ORDER BY … LIMIT under the aggregate: a top-N sort (or an index) for the page's few rows
          FROM (SELECT * FROM (${matching}) AS m ORDER BY ${order} LIMIT ${params.pageSize} OFFSET ${offset}) AS m
          JOIN people p ON p.id = m.id), '[]')) AS data`)) as { data: PageJson }[];
  const data = row?.data ?? { total: 0, items: [] };
  return {
    total: data.total,
    page: params.page,
    pageSize: params.pageSize,
    items: data.items.map(({ score, documentMatch, ...item }) => ({
      ...item,
      ...(q ? { score: Number(score) } : {}),
      ...(documentMatch ? { documentMatch: true } : {}),
    })),
  };
}
