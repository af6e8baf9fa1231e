// Sign-in, invite acceptance and password change: one schema each, shared by the forms and the actions.
import "@/lib/security/zod-no-eval";
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const emailSchema = z.string().trim().toLowerCase().min(1, "required").max(320, "tooLong").email("invalidEmail");

/** A new password: 12–128 characters. (The service also refuses the most common passwords.) */
export const newPasswordSchema = z.string().min(PASSWORD_MIN, "passwordTooShort").max(PASSWORD_MAX, "passwordTooLong");

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "required").max(320, "tooLong"),
  password: z.string().min(1, "required").max(PASSWORD_MAX, "tooLong"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const forgotPasswordSchema = z.object({ email: z.string().trim().toLowerCase().min(1, "required").max(320, "tooLong") });

/** A code from the authenticator app (6 digits) or a recovery code (xxxx-xxxx-xxxx-xxxx). */
export const secondFactorCodeSchema = z.string().trim().min(1, "required").max(40, "tooLong");

export const secondFactorSchema = z.object({ code: secondFactorCodeSchema });

/** Proving again who one is before a sensitive change: password, plus a code when two-factor sign-in is on. */
export const reauthenticateSchema = z.object({
  password: z.string().min(1, "required").max(PASSWORD_MAX, "tooLong"),
  code: z.string().trim().max(40, "tooLong").optional().default(""),
});

export const twoFactorConfirmSchema = z.object({ code: z.string().trim().min(1, "required").max(12, "tooLong") });

export const signOutEverywhereSchema = z.object({ scope: z.enum(["all", "others"], { message: "invalidChoice" }) });

export const acceptInviteSchema = z
  .object({
    token: z.string().min(20).max(100),
    name: z.string().trim().min(1, "required").max(200, "tooLong"),
    password: newPasswordSchema,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "passwordMismatch" });
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "required").max(PASSWORD_MAX, "tooLong"),
    newPassword: newPasswordSchema,
    newPasswordConfirm: z.string(),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], message: "passwordMismatch" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const switchOrganizationSchema = z.object({ organizationId: z.string().trim().min(1).max(64) });

/** An admin ends every session of one member. */
export const endMemberSessionsSchema = z.object({ membershipId: z.string().uuid("notFound") });
