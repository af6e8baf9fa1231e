// The protest list: filters by date range, city, kind and participant, plus a free-text search.
import "server-only";
import { authorize, personScope, type Ctx, protestScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProtestKind } from "@/lib/generated/prisma/enums";
import { protestListQuerySchema } from "@/lib/validations/protest";
import { containsText, equalsText } from "@/lib/search/like";
import { parseInput } from "@/lib/service-kit";

export interface ProtestListItem {
  id: string;
  startsAt: string;
  city: string;
  location: string | null;
  kind: ProtestKind;
  organiser: string | null;
  participantCount: number;
  policeActionCount: number;
}

export interface ProtestList {
  items: ProtestListItem[];
  total: number;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;

export async function findProtests(ctx: Ctx, query: unknown): Promise<ProtestList> {
  authorize(ctx, "protests.read");
  const filters = parseInput(protestListQuerySchema, query ?? {});
  const where: Prisma.ProtestWhereInput = {
    ...protestScope(ctx),
    ...(filters.from || filters.to
      ? {
          startsAt: {
            ...(filters.from ? { gte: filters.from } : {}),
            // "to" names a whole day
            ...(filters.to ? { lt: new Date(filters.to.getTime() + DAY_MS) } : {}),
          },
        }
      : {}),
    ...(filters.city ? { city: equalsText(filters.city) } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.personId ? { participations: { some: { personId: filters.personId } } } : {}),
    ...(filters.q
      ? {
          OR: [
            { city: containsText(filters.q) },
            { location: containsText(filters.q) },
            { organiser: containsText(filters.q) },
            { participations: { some: { person: { ...personScope(ctx), displayName: containsText(filters.q) } } } },
          ],
        }
      : {}),
  };
  return withTenant(ctx, async (tx) => {
    const total = await tx.protest.count({ where });
    const rows = await tx.protest.findMany({
      where,
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      include: { _count: { select: { participations: true, policeActions: { where: { deletedAt: null } } } } },
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        startsAt: row.startsAt.toISOString(),
        city: row.city,
        location: row.location,
        kind: row.kind,
        organiser: row.organiser,
        participantCount: row._count.participations,
        policeActionCount: row._count.policeActions,
      })),
      total,
      page: filters.page,
      pageSize: filters.pageSize,
    };
  });
}

/** Cities already used, for the filter's suggestions. */
export async function findProtestCities(ctx: Ctx): Promise<string[]> {
  authorize(ctx, "protests.read");
  return withTenant(ctx, async (tx) => {
    const rows = await tx.protest.findMany({
    where: protestScope(ctx),
    distinct: ["city"],
    select: { city: true },
    orderBy: { city: "asc" },
    take: 200,
    });
    return rows.map((row) => row.city);
  });
}
