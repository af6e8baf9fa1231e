import { apiHandler } from "@/lib/api/route";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { revokeApiTokenSchema } from "@/lib/validations/members";

// DELETE /api/v1/tokens/:tokenId — revoke a token.
export const DELETE = apiHandler<{ tokenId: string }>(
  async ({ ctx, params }) => {
    await revokeApiToken(ctx, revokeApiTokenSchema.parse(params).tokenId);
  },
  { permission: "tokens.manage" },
);
