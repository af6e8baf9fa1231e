import { apiHandler } from "@/lib/api/route";
import { removeParticipant } from "@/lib/protests/participants";

type Params = { protestId: string; personId: string };

// DELETE /api/v1/protests/{protestId}/participants/{personId} — take a participant off the protest
export const DELETE = apiHandler<Params>(async ({ ctx, params }) => removeParticipant(ctx, params.protestId, params.personId), { permission: "protests.write" });
