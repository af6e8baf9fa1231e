import { apiHandler } from "@/lib/api/route";

// GET /api/v1/me — who the caller is acting as: user, organisation and role.
export const GET = apiHandler(async ({ ctx }) => ({ userId: ctx.userId, organizationId: ctx.organizationId, role: ctx.role }), { access: "member" });
