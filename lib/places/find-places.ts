// The shared gazetteer (Xinjiang prefectures and counties, Kazakh cities): search by a name in any language.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { z } from "zod";
import { containsText } from "@/lib/search/like";
import { parseInput } from "@/lib/service-kit";

const placeQuerySchema = z.object({ q: z.string().trim().max(100, "tooLong") });

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
  const { q } = parseInput(placeQuerySchema, { q: query.q ?? "" });
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 200);
  return withTenant(ctx, async (tx) => {
    const contains = containsText(q);
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
