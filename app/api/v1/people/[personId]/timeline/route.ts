import { apiHandler } from "@/lib/api/route";
import { getPersonTimeline } from "@/lib/people/get-person-timeline";

// GET /api/v1/people/{personId}/timeline — cases, protests and police actions of a person, newest first
export const GET = apiHandler<{ personId: string }>(({ ctx, params }) => getPersonTimeline(ctx, params.personId), {
  permission: "people.read",
});
