"use server";
// Thin actions of the account page.
import { cookies } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions";
import { changePassword } from "@/lib/auth/change-password";
import { SESSION_COOKIE, readSessionToken } from "@/lib/auth/session-token";
import { changePasswordSchema } from "@/lib/validations/auth";

// Change one's own password; other sessions of the user end.
export async function changePasswordAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(async (ctx) => {
    const data = changePasswordSchema.parse(input);
    const sessionId = readSessionToken((await cookies()).get(SESSION_COOKIE)?.value) ?? undefined;
    await changePassword(ctx, { currentPassword: data.currentPassword, newPassword: data.newPassword }, { sessionId });
    return null;
  });
}
