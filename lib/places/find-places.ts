// The shared gazetteer (Xinjiang prefectures and counties, Kazakh cities): search by a name in any language.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface PlaceOption {
  id: string;
  code: string;
  kind: string;
  country: string;
  nameEn: string;
  nameKk: string | null;
  nameRu: string | null;
  nameZh: string | null;
  divisionCode: string | null;
  parentName: string | null;
}

export async function findPlaces(ctx: Ctx, query: { q?: string; ids?: string[]; limit?: number }): Promise<PlaceOption[]> {
  const q = (query.q ?? "").trim();
  if (q.length > 100) throw new AppError("INVALID", "The search is too long.", { fieldErrors: { q: ["tooLong"] } });
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 200);
  return withTenant(ctx, async (tx) => {
    const contains = { contains: q, mode: "insensitive" as const };
    const rows = await tx.place.findMany({
      where: query.ids
        ? { id: { in: query.ids } }
        : q
          ? { OR: [{ nameEn: contains }, { nameKk: contains }, { nameRu: contains }, { nameZh: contains }, { code: contains }] }
          : {},
      include: { parent: { select: { nameEn: true } } },
      orderBy: [{ country: "asc" }, { kind: "asc" }, { nameEn: "asc" }],
      take: limit,
    });
    return rows.map(({ parent, parentId: _parentId, ...place }) => ({ ...place, parentName: parent?.nameEn ?? null }));
  });
}
