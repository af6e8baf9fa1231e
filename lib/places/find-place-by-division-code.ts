// The gazetteer place a Chinese resident ID was issued in: by its six-digit division code, the county
// itself when the gazetteer has it, otherwise its prefecture.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { divisionCodeCandidates } from "@/lib/identity-documents/numbers";
import type { PlaceOption } from "./find-places";

export async function findPlaceByDivisionCode(ctx: Ctx, divisionCode: string): Promise<PlaceOption | null> {
  const candidates = divisionCodeCandidates(divisionCode.trim());
  if (candidates.length === 0) return null;
  return withTenant(ctx, async (tx) => {
    const rows = await tx.place.findMany({ where: { divisionCode: { in: candidates } }, include: { parent: { select: { nameEn: true } } } });
    const best = candidates.map((code) => rows.find((row) => row.divisionCode === code)).find((row) => row !== undefined);
    if (!best) return null;
    const { parent, parentId: _parentId, ...place } = best;
    return { ...place, parentName: parent?.nameEn ?? null };
  });
}
