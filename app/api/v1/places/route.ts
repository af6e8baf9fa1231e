import { apiHandler } from "@/lib/api/route";
import { findPlaces } from "@/lib/places/find-places";

// GET /api/v1/places?q= — gazetteer places whose name in any language contains q
export const GET = apiHandler(({ ctx, query }) => findPlaces(ctx, { q: query.q ?? "" }), { access: "member" });
