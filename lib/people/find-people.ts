// The people list: search by any spelling in any script (or an exact phone number, or a case reference),
// filters, sort and pagination with a total.
import "server-only";
import { authorize, can, contactScope, personScope, type Ctx } from "@/lib/authz";
import { lookupHash } from "@/lib/crypto";
import { withTenant, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DatePrecision, Gender, NameScript } from "@/lib/generated/prisma/enums";
import { nameQuery, personIdsByNameSql, setNameMatchThresholds } from "@/lib/names/sql";
import { normalisePhone, personQuerySchema, type PersonQueryInput } from "@/lib/validations/person";
import { peopleWithDocumentNumbers } from "./documents";
import { isoDate, type PlaceView } from "./shared";
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

/**
 * Ids of people with a name close to `q`, best first (lib/names/sql.ts): names with every word of the
 * query (by prefix, any script or romanisation: Qasym finds Қасым), or when there are none, trigram
 * similarity on the skeleton and the normalised spelling (typos, Chinese characters given in part).
 */
export async function matchPeopleByName(tx: Tx, organizationId: string, q: string): Promise<Map<string, number>> {
  const query = nameQuery(q);
  if (!query) return new Map();
  await setNameMatchThresholds(tx);
  const rows = await tx.$queryRaw<{ personId: string; score: number }[]>(personIdsByNameSql(query, MAX_NAME_MATCHES, organizationId));
  return new Map(rows.map((row) => [row.personId, Number(row.score)]));
}

/**
 * Open cases each person is the subject or a family contact of. By hand, per id: Prisma's relation
 * counts aggregate every case of the organisation before joining (seconds on 100 000 cases).
 */
async function countCases(tx: Tx, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; n: number }[]>`
    SELECT p.id::text AS id,
           ((SELECT count(*) FROM cases c WHERE c."subjectPersonId" = p.id AND c."deletedAt" IS NULL)
            + (SELECT count(*) FROM case_contacts cc JOIN cases c ON c.id = cc."caseId"
                WHERE cc."personId" = p.id AND c."deletedAt" IS NULL))::int AS n
      FROM unnest(${ids}::uuid[]) AS p(id)`;
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}

export async function findPeople(ctx: Ctx, query: PersonQueryInput = {}): Promise<PersonPage> {
  authorize(ctx, "people.read");
  const params = parseInput(personQuerySchema, query);
  return withTenant(ctx, async (tx) => {
    const where: Prisma.PersonWhereInput =
      params.deleted && can(ctx, "people.merge")
        ? { organizationId: ctx.organizationId, mergedIntoId: null, deletedAt: { not: null } }
        : personScope(ctx);
    const and: Prisma.PersonWhereInput[] = [];

    let scores: Map<string, number> | null = null;
    const documentHolders = new Set<string>();
    if (params.q) {
      const q = params.q;
      const ids = new Set<string>();
      scores = await matchPeopleByName(tx, ctx.organizationId, q);
      for (const id of scores.keys()) ids.add(id);
      const phone = /^[+\d][\d\s()-]{5,}$/.test(q) ? normalisePhone(q) : null;
      if (phone) {
        const byPhone = await tx.person.findMany({
          // only people whose contacts the caller may see: otherwise the search confirms a number they may not read
          where: { AND: [contactScope(ctx), { phoneHash: lookupHash(phone, "phone") }] },
          select: { id: true },
        });
        for (const { id } of byPhone) {
          ids.add(id);
          scores.set(id, 1);
        }
      }
      // a whole identity number finds its holder, only for those who may see that person's documents
      const byDocument = await peopleWithDocumentNumbers(tx, ctx, [q]);
      for (const id of byDocument.keys()) {
        ids.add(id);
        documentHolders.add(id);
        scores.set(id, 1);
      }
      if (/^[a-z]{1,8}-\d{4}-\d{1,6}$/i.test(q)) {
        const byReference = await tx.case.findMany({
          where: { organizationId: ctx.organizationId, deletedAt: null, reference: q.toUpperCase() },
          select: { subjectPersonId: true, contacts: { select: { personId: true } } },
        });
        for (const found of byReference) {
          for (const id of [found.subjectPersonId, ...found.contacts.map((c) => c.personId)]) {
            ids.add(id);
            scores.set(id, 1);
          }
        }
      }
      and.push({ id: { in: [...ids] } });
    }
    if (params.hometown) and.push({ OR: [{ hometownPlaceId: params.hometown }, { hometown: { parentId: params.hometown } }] });
    if (params.gender) and.push({ gender: params.gender });
    if (params.bornFrom !== undefined || params.bornTo !== undefined) {
      and.push({
        birthDatePrecision: { not: "UNKNOWN" },
        birthDate: {
          ...(params.bornFrom !== undefined ? { gte: new Date(Date.UTC(params.bornFrom, 0, 1)) } : {}),
          ...(params.bornTo !== undefined ? { lte: new Date(Date.UTC(params.bornTo, 11, 31)) } : {}),
        },
      });
    }
    if (params.hasCase !== undefined) {
      const onCase: Prisma.PersonWhereInput = {
        OR: [{ subjectOf: { some: { deletedAt: null } } }, { contactFor: { some: { case: { deletedAt: null } } } }],
      };
      and.push(params.hasCase ? onCase : { NOT: onCase });
    }
    const fullWhere: Prisma.PersonWhereInput = { ...where, AND: and };

    const direction = params.dir ?? (params.sort === "created" || params.sort === "updated" ? "desc" : "asc");
    const orderBy: Prisma.PersonOrderByWithRelationInput[] =
      params.sort === "created"
        ? [{ createdAt: direction }]
        : params.sort === "updated"
          ? [{ updatedAt: direction }]
          : params.sort === "birth"
            ? [{ birthDate: { sort: direction, nulls: "last" } }]
            : [{ displayName: direction }];
    orderBy.push({ id: "asc" });

    const total = await tx.person.count({ where: fullWhere });
    const skip = (params.page - 1) * params.pageSize;
    const select = {
      id: true,
      displayName: true,
      gender: true,
      birthDate: true,
      birthDatePrecision: true,
      hometownText: true,
      deletedAt: true,
      hometown: true,
      names: { select: { value: true, script: true }, orderBy: [{ isPrimary: "desc" as const }, { position: "asc" as const }] },
    };

    let rows;
    if (scores && !params.sort) {
      // best match first: rank the (bounded) matching ids in memory, then load one page
      const matching = await tx.person.findMany({ where: fullWhere, select: { id: true, displayName: true } });
      const ranked = matching
        .sort(
          (a, b) =>
            Number(documentHolders.has(b.id)) - Number(documentHolders.has(a.id)) ||
            (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) ||
            a.displayName.localeCompare(b.displayName),
        )
        .slice(skip, skip + params.pageSize)
        .map((row) => row.id);
      const loaded = await tx.person.findMany({ where: { id: { in: ranked } }, select });
      rows = ranked.map((id) => loaded.find((row) => row.id === id)).filter((row) => row !== undefined);
    } else {
      rows = await tx.person.findMany({ where: fullWhere, orderBy, skip, take: params.pageSize, select });
    }

    const caseCounts = await countCases(tx, rows.map((row) => row.id));
    return {
      total,
      page: params.page,
      pageSize: params.pageSize,
      items: rows.map((row) => ({
        id: row.id,
        displayName: row.displayName,
        names: row.names,
        gender: row.gender,
        birthDate: isoDate(row.birthDate),
        birthDatePrecision: row.birthDatePrecision,
        hometown: row.hometown,
        hometownText: row.hometownText,
        caseCount: caseCounts.get(row.id) ?? 0,
        deletedAt: row.deletedAt?.toISOString() ?? null,
        ...(scores ? { score: scores.get(row.id) ?? 0 } : {}),
        ...(documentHolders.has(row.id) ? { documentMatch: true } : {}),
      })),
    };
  });
}
