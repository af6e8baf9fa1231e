"use server";
// Thin actions of the admin pages: members, invites and API tokens.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createInvite } from "@/lib/auth/invites";
import { requestedHost } from "@/lib/auth/request-info";
import { endMemberSessions } from "@/lib/auth/sessions";
import { changeMemberRole, deactivateMember, reactivateMember } from "@/lib/members/members";
import { updateOrganizationSettings } from "@/lib/organizations/settings";
import { endMemberSessionsSchema } from "@/lib/validations/auth";
import type { OrganizationSettingsInput } from "@/lib/validations/organization";
import {
  changeRoleSchema,
  createApiTokenSchema,
  createInviteSchema,
  membershipStateSchema,
  revokeApiTokenSchema,
} from "@/lib/validations/members";

/** Where the admin reached the app (forwarded host and scheme only from a trusted proxy), for links when PUBLIC_URL is unset. */
async function requestOrigin(): Promise<string | undefined> {
  const { host, proto } = requestedHost(await headers());
  return host ? `${proto ?? "http"}://${host}` : undefined;
}

// Invite someone (or start a password reset): returns the one-time link to show, or no link when it went
// only to the member's own e-mail (an account shared with another organisation).
export async function createInviteAction(input: unknown): Promise<ActionResult<{ url: string | null; emailed: boolean }>> {
  return runAction(
    async (ctx) => {
      const data = createInviteSchema.parse(input);
      const invite = await createInvite(ctx, data, { origin: await requestOrigin() });
      revalidatePath("/admin");
      return { url: invite.url, emailed: invite.emailed };
    },
    { permission: "users.manage" },
  );
}

// Change a member's role; acts on their next request.
export async function changeRoleAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(
    async (ctx) => {
      await changeMemberRole(ctx, changeRoleSchema.parse(input));
      revalidatePath("/admin");
      return null;
    },
    { permission: "users.manage" },
  );
}

// Deactivate or reactivate a member.
export async function setMemberActiveAction(input: unknown, active: boolean): Promise<ActionResult<null>> {
  return runAction(
    async (ctx) => {
      const data = membershipStateSchema.parse(input);
      await (active ? reactivateMember(ctx, data) : deactivateMember(ctx, data));
      revalidatePath("/admin");
      return null;
    },
    { permission: "users.manage" },
  );
}

// End every session of a member (they stay a member and may sign in again).
export async function endMemberSessionsAction(input: unknown): Promise<ActionResult<{ count: number }>> {
  return runAction(
    async (ctx) => ({ count: await endMemberSessions(ctx, endMemberSessionsSchema.parse(input)) }),
    { permission: "users.manage" },
  );
}

// Issue a personal API token: the token is returned once.
export async function createApiTokenAction(input: unknown): Promise<ActionResult<{ token: string }>> {
  return runAction(
    async (ctx) => {
      const data = createApiTokenSchema.parse(input);
      const created = await createApiToken(ctx, { name: data.name, expiresInDays: data.expiresInDays ?? null });
      revalidatePath("/admin/tokens");
      return { token: created.token };
    },
    { permission: "tokens.manage" },
  );
}

// Revoke an API token.
export async function revokeApiTokenAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(
    async (ctx) => {
      await revokeApiToken(ctx, revokeApiTokenSchema.parse(input).tokenId);
      revalidatePath("/admin/tokens");
      return null;
    },
    { permission: "tokens.manage" },
  );
}

// Save the organisation's default language and two-factor rule.
export async function updateSettingsAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(
    async (ctx) => {
      const saved = await updateOrganizationSettings(ctx, input as OrganizationSettingsInput);
      revalidatePath("/", "layout");
      return { version: saved.version };
    },
    { permission: "org.manage" },
  );
}
