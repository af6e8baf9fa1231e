import { apiHandler } from "@/lib/api/route";
import { findPlaces } from "@/lib/places/find-places";

// GET /api/v1/places?q= — gazetteer places whose name in any language contains q
export const GET = apiHandler(({ request, ctx }) => findPlaces(ctx, { q: new URL(request.url).searchParams.get("q") ?? "" }));
