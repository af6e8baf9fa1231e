import { apiHandler } from "@/lib/api/route";
import { addParticipants } from "@/lib/protests/participants";
import type { ParticipantInput } from "@/lib/validations/protest";

type Params = { protestId: string };

// POST /api/v1/protests/{protestId}/participants — add participants: `{participants: [{personId | newPerson, role, caseId}]}`
export const POST = apiHandler<Params>(
  async ({ ctx, params, body }) => {
    const given = body as { participants?: ParticipantInput[] } | ParticipantInput[];
    return addParticipants(ctx, params.protestId, Array.isArray(given) ? given : (given.participants ?? []));
  },
  { permission: "protests.write", status: 201 },
);
