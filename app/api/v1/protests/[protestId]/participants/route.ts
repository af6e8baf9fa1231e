import { apiHandler } from "@/lib/api/route";
import { addParticipants } from "@/lib/protests/participants";
import type { ParticipantInput } from "@/lib/validations/protest";
import { readJson } from "../../_json";

type Params = { protestId: string };

// POST /api/v1/protests/{protestId}/participants — add participants: `{participants: [{personId | newPerson, role, caseId}]}`
export const POST = apiHandler<Params>(
  async ({ request, ctx, params }) => {
    const body = (await readJson(request)) as { participants?: ParticipantInput[] } | ParticipantInput[];
    return addParticipants(ctx, params.protestId, Array.isArray(body) ? body : (body.participants ?? []));
  },
  { status: 201 },
);
