import { apiHandler } from "@/lib/api/route";
import { findDuplicateCandidates } from "@/lib/people/find-duplicate-candidates";
import type { DuplicateQueryInput } from "@/lib/validations/person";

// POST /api/v1/people/duplicates — likely existing records of a person about to be entered, ranked with reasons
export const POST = apiHandler(async ({ ctx, body }) => findDuplicateCandidates(ctx, body as DuplicateQueryInput), {
  permission: "people.read",
});
