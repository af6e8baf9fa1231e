import { apiHandler } from "@/lib/api/route";
import { createApiToken, findApiTokens } from "@/lib/auth/api-tokens";
import { createApiTokenSchema } from "@/lib/validations/members";

// GET /api/v1/tokens — the organisation's active API tokens (never the tokens themselves).
export const GET = apiHandler(async ({ ctx }) => ({ tokens: await findApiTokens(ctx) }), { permission: "tokens.manage" });

// POST /api/v1/tokens — issue a token for the caller; the answer is the only time it is shown.
export const POST = apiHandler(
  async ({ ctx, body }) => {
    const data = createApiTokenSchema.parse(body);
    return createApiToken(ctx, { name: data.name, expiresInDays: data.expiresInDays ?? null });
  },
  // the new token is shown once and never kept, so no idempotent replay of this answer
  { permission: "tokens.manage", status: 201, idempotency: false },
);
