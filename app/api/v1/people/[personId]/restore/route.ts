import { apiHandler } from "@/lib/api/route";
import { restorePerson } from "@/lib/people/delete-person";

// POST /api/v1/people/{personId}/restore — bring back a deleted person (coordinators)
export const POST = apiHandler<{ personId: string }>(({ ctx, params }) => restorePerson(ctx, params.personId), {
  permission: "people.delete",
});
