import { apiHandler } from "@/lib/api/route";
import { createPerson } from "@/lib/people/create-person";
import { findPeople } from "@/lib/people/find-people";
import type { PersonCreateInput } from "@/lib/validations/person";

// GET /api/v1/people — search and list people (query string as on the people page)
export const GET = apiHandler(({ ctx, query }) => findPeople(ctx, query), {
  permission: "people.read",
});

// POST /api/v1/people — record a person
export const POST = apiHandler(async ({ ctx, body }) => createPerson(ctx, body as PersonCreateInput), {
  permission: "people.write",
  status: 201,
});
