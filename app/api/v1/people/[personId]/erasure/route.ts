import { apiHandler } from "@/lib/api/route";
import { erasePerson } from "@/lib/people/erase-person";

// POST /api/v1/people/{personId}/erasure — erase a person on a family's request (coordinators; cannot be undone)
export const POST = apiHandler<{ personId: string }>(
  async ({ ctx, params, body }) => erasePerson(ctx, params.personId, body as Parameters<typeof erasePerson>[2]),
  { permission: "people.erase" },
);
