// Member administration: invites, role changes, deactivation, API tokens.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { emailSchema } from "./auth";

export const roleSchema = z.enum(["ADMIN", "COORDINATOR", "VOLUNTEER", "ANALYST"], { message: "invalidChoice" });

export const createInviteSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  kind: z.enum(["INVITE", "PASSWORD_RESET"], { message: "invalidChoice" }).default("INVITE"),
});
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

const membershipRef = {
  membershipId: z.string().uuid("notFound"),
  version: z.coerce.number().int().min(1),
};

export const changeRoleSchema = z.object({ ...membershipRef, role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const membershipStateSchema = z.object(membershipRef);
export type MembershipStateInput = z.infer<typeof membershipStateSchema>;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  expiresInDays: z.coerce.number().int().min(1, "mustBePositive").max(3650, "invalidNumber").nullable().optional(),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: z.string().uuid("notFound") });
