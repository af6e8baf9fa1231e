// The gazetteer's places for a picker that offers all of them (the case list's hometown filter). The
// gazetteer is shared by every organisation and the app's database role cannot change it (the migration
// step loads it), so one read serves every page of this process; it is read again after a while, for a
// gazetteer reloaded without a restart.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { findPlaces, type PlaceOption } from "./find-places";

export const GAZETTEER_REREAD_MS = 10 * 60_000;

let kept: { at: number; places: Promise<PlaceOption[]> } | null = null;

/** The first 200 places in the gazetteer's order, as findPlaces gives them. */
export function gazetteerPlaces(ctx: Ctx, now = Date.now()): Promise<PlaceOption[]> {
  if (!kept || now - kept.at >= GAZETTEER_REREAD_MS) {
    const places = findPlaces(ctx, { limit: 200 });
    kept = { at: now, places };
    // a failed read is not kept: the next page reads again
    places.catch(() => {
      if (kept?.places === places) kept = null;
    });
  }
  return kept.places;
}
