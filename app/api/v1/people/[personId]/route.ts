import { apiHandler } from "@/lib/api/route";
import { deletePerson } from "@/lib/people/delete-person";
import { getPerson } from "@/lib/people/get-person";
import { updatePerson } from "@/lib/people/update-person";
import type { PersonUpdateInput } from "@/lib/validations/person";

type Params = { personId: string };

// GET /api/v1/people/{personId} — one person (contact details only where the caller may see them)
export const GET = apiHandler<Params>(({ ctx, params }) => getPerson(ctx, params.personId), { permission: "people.read" });

// PATCH /api/v1/people/{personId} — change some fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(
  async ({ ctx, params, body }) => updatePerson(ctx, params.personId, body as PersonUpdateInput),
  { permission: "people.write" },
);

// DELETE /api/v1/people/{personId} — soft delete (coordinators; restore through the people pages or POST …/restore)
export const DELETE = apiHandler<Params>(async ({ ctx, params }) => {
  await deletePerson(ctx, params.personId);
}, { permission: "people.delete" });
