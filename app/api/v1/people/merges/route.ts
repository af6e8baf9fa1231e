import { apiHandler } from "@/lib/api/route";
import { mergePeople } from "@/lib/people/merge-people";
import type { MergeInput } from "@/lib/validations/person";

// POST /api/v1/people/merges — merge `mergedId` into `survivorId` (coordinators), with a reason
export const POST = apiHandler(async ({ ctx, body }) => mergePeople(ctx, body as MergeInput), {
  permission: "people.merge",
  status: 201,
});
