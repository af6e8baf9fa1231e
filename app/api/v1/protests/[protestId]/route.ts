import { apiHandler, versionOf } from "@/lib/api/route";
import { deleteProtest } from "@/lib/protests/delete-protest";
import { getProtest } from "@/lib/protests/get-protest";
import { updateProtest } from "@/lib/protests/update-protest";
import type { ProtestUpdateInput } from "@/lib/validations/protest";

type Params = { protestId: string };

// GET /api/v1/protests/{protestId} — one protest with participants and the police actions that followed
export const GET = apiHandler<Params>(async ({ ctx, params }) => getProtest(ctx, params.protestId), { permission: "protests.read" });

// PATCH /api/v1/protests/{protestId} — edit the protest's fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ ctx, params, body }) =>
  updateProtest(ctx, params.protestId, body as ProtestUpdateInput),
  { permission: "protests.write" },
);

// DELETE /api/v1/protests/{protestId} — soft-delete; `version` in the query or body
export const DELETE = apiHandler<Params>(async ({ ctx, params, body, query }) => deleteProtest(ctx, params.protestId, versionOf({ body, query })), { permission: "protests.write" });
