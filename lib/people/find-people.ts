// The people list: search by any spelling in any script (or an exact phone number, or a case reference),
// filters, sort and pagination with a total.
import "server-only";
import { authorize, can, personScope, type Ctx } from "@/lib/authz";
import { lookupHash } from "@/lib/crypto";
import { withTenant, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DatePrecision, Gender, NameScript } from "@/lib/generated/prisma/enums";
import { normalizeName, skeletonKey } from "@/lib/names/keys";
import { normalisePhone, personQuerySchema, type PersonQueryInput } from "@/lib/validations/person";
import { isoDate, parseInput, type PlaceView } from "./shared";

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
}

export interface PersonPage {
  items: PersonListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** The most matches a name search ranks; beyond this the user should narrow the search. */
const MAX_NAME_MATCHES = 500;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Ids of people with a name close to `q`, best first: trigram similarity on the transliteration-independent
 * skeleton (so Qasym finds Қасым) and on the normalised spelling (for Chinese characters and partial input).
 */
export async function matchPeopleByName(tx: Tx, organizationId: string, q: string): Promise<Map<string, number>> {
  const skeleton = skeletonKey(q);
  const normalized = normalizeName(q);
  if (!skeleton && !normalized) return new Map();
  await tx.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true), set_config('pg_trgm.similarity_threshold', '0.3', true)`;
  const rows = await tx.$queryRaw<{ id: string; score: number }[]>(Prisma.sql`
    SELECT pn."personId"::text AS id,
           max(greatest(similarity(pn.skeleton, ${skeleton}), word_similarity(${skeleton}, pn.skeleton),
                        similarity(pn.normalized, ${normalized}),
                        CASE WHEN pn.normalized LIKE ${`%${escapeLike(normalized)}%`} THEN 0.9 ELSE 0 END))::float8 AS score
      FROM person_names pn
     WHERE pn."organizationId" = ${organizationId}::uuid
       AND ((${skeleton} <> '' AND (pn.skeleton % ${skeleton} OR ${skeleton} <% pn.skeleton
                                    OR pn.skeleton LIKE ${`%${escapeLike(skeleton)}%`}))
            OR (${normalized} <> '' AND (pn.normalized % ${normalized} OR pn.normalized LIKE ${`%${escapeLike(normalized)}%`})))
     GROUP BY pn."personId"
     ORDER BY score DESC
     LIMIT ${MAX_NAME_MATCHES}`);
  return new Map(rows.map((row) => [row.id, Number(row.score)]));
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
    if (params.q) {
      const q = params.q;
      const ids = new Set<string>();
      scores = await matchPeopleByName(tx, ctx.organizationId, q);
      for (const id of scores.keys()) ids.add(id);
      const phone = /^[+\d][\d\s()-]{5,}$/.test(q) ? normalisePhone(q) : null;
      if (phone) {
        const byPhone = await tx.person.findMany({
          where: { organizationId: ctx.organizationId, phoneHash: lookupHash(phone, "phone") },
          select: { id: true },
        });
        for (const { id } of byPhone) {
          ids.add(id);
          scores.set(id, 1);
        }
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
      _count: { select: { subjectOf: { where: { deletedAt: null } }, contactFor: { where: { case: { deletedAt: null } } } } },
    };

    let rows;
    if (scores && !params.sort) {
      // best match first: rank the (bounded) matching ids in memory, then load one page
      const matching = await tx.person.findMany({ where: fullWhere, select: { id: true, displayName: true } });
      const ranked = matching
        .sort((a, b) => (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) || a.displayName.localeCompare(b.displayName))
        .slice(skip, skip + params.pageSize)
        .map((row) => row.id);
      const loaded = await tx.person.findMany({ where: { id: { in: ranked } }, select });
      rows = ranked.map((id) => loaded.find((row) => row.id === id)).filter((row) => row !== undefined);
    } else {
      rows = await tx.person.findMany({ where: fullWhere, orderBy, skip, take: params.pageSize, select });
    }

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
        caseCount: row._count.subjectOf + row._count.contactFor,
        deletedAt: row.deletedAt?.toISOString() ?? null,
        ...(scores ? { score: scores.get(row.id) ?? 0 } : {}),
      })),
    };
  });
}
