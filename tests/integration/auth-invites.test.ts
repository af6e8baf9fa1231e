import { beforeAll, describe, expect, it } from "vitest";
import { acceptInvite, createInvite, getInvite } from "@/lib/auth/invites";
import { signIn } from "@/lib/auth/sign-in";
import { loadSession } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const NEW_PASSWORD = "a long and private sentence";
let org: TestOrg;
let admin: TestMember;

beforeAll(async () => {
  org = await createOrg("Invite group", "IG");
  admin = await createMember(org, "ADMIN");
});

const tokenOf = (url: string | null) => url?.split("/invite/")[1] ?? "";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("invites", () => {
  it("lets an invitee set a password once, join in the invited role and sign in; the invite is audited", async () => {
    const invite = await createInvite(admin, { email: "New.Member@Example.test", role: "VOLUNTEER" });
    expect(invite.emailed).toBe(false);
    const token = tokenOf(invite.url);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const stored = await ownerQuery(`SELECT "tokenHash" FROM invites WHERE id = $1`, [invite.inviteId]);
    expect(stored[0]?.tokenHash).not.toContain(token);

    const view = await getInvite(token);
    expect(view).toMatchObject({ email: "new.member@example.test", role: "VOLUNTEER", status: "valid", organizationName: "Invite group" });

    const accepted = await acceptInvite({ token, name: "New Member", password: NEW_PASSWORD });
    expect(accepted.organizationId).toBe(org.id);
    const session = await signIn({ email: "new.member@example.test", password: NEW_PASSWORD, ipHash: "ip-invite" });
    expect((await loadSession(session.sessionId))?.ctx.role).toBe("VOLUNTEER");

    const actions = await ownerQuery(`SELECT action FROM audit_events WHERE "entityId" = $1 ORDER BY id`, [invite.inviteId]);
    expect(actions.map((a) => a.action)).toEqual(["invite.create", "invite.accept"]);
  });

  it("refuses a used invite with a clear message and audits the attempt", async () => {
    const invite = await createInvite(admin, { email: "twice@example.test", role: "ANALYST" });
    const token = tokenOf(invite.url);
    await acceptInvite({ token, name: "Twice", password: NEW_PASSWORD });
    const error = await refusal(acceptInvite({ token, name: "Someone else", password: "another long sentence here" }));
    expect(error.key).toBe("inviteUsed");
    expect(error.message).toMatch(/already been used/);
    expect(await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'invite.refused' AND "entityId" = $1`, [invite.inviteId])).toHaveLength(1);
  });

  it("refuses an expired invite with a clear message and audits the attempt", async () => {
    const invite = await createInvite(admin, { email: "late@example.test", role: "VOLUNTEER" });
    await ownerQuery(`UPDATE invites SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [invite.inviteId]);
    const token = tokenOf(invite.url);
    expect((await getInvite(token)).status).toBe("expired");
    const error = await refusal(acceptInvite({ token, name: "Late", password: NEW_PASSWORD }));
    expect(error.key).toBe("inviteExpired");
    expect(await ownerQuery(`SELECT 1 FROM users WHERE email = 'late@example.test'`)).toHaveLength(0);
    expect(await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'invite.refused' AND "entityId" = $1`, [invite.inviteId])).toHaveLength(1);
  });

  it("refuses an unknown token as not found", async () => {
    const error = await refusal(acceptInvite({ token: "x".repeat(43), name: "Nobody", password: NEW_PASSWORD }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("refuses one of the most common passwords", async () => {
    const invite = await createInvite(admin, { email: "weak@example.test", role: "VOLUNTEER" });
    const error = await refusal(acceptInvite({ token: tokenOf(invite.url), name: "Weak", password: "password1234" }));
    expect(error.fieldErrors?.password).toEqual(["passwordTooCommon"]);
  });

  it("is for admins only", async () => {
    const coordinator = await createMember(org, "COORDINATOR");
    const error = await refusal(createInvite(coordinator, { email: "x@example.test", role: "ADMIN" }));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("resets a password through a new link, ending the member's sessions", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash: await hashPassword("the old long password") });
    const before = await signIn({ email: member.email, password: "the old long password", ipHash: "ip-reset" });
    const reset = await createInvite(admin, { email: member.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" });
    await acceptInvite({ token: tokenOf(reset.url), name: "-", password: NEW_PASSWORD });
    expect(await loadSession(before.sessionId)).toBeNull();
    const after = await signIn({ email: member.email, password: NEW_PASSWORD, ipHash: "ip-reset" });
    expect(after.organizationId).toBe(org.id);
  });

  it("does not let an invite link open an existing account without its password", async () => {
    const other = await createOrg("Other group", "OG");
    const otherAdmin = await createMember(other, "ADMIN");
    const member = await createMember(org, "VOLUNTEER", { passwordHash: await hashPassword("members own password") });
    const invite = await createInvite(otherAdmin, { email: member.email, role: "VOLUNTEER" });
    const error = await refusal(acceptInvite({ token: tokenOf(invite.url), name: "-", password: "an attacker's guess!" }));
    expect(error.fieldErrors?.password).toEqual(["currentPasswordWrong"]);
    const joined = await acceptInvite({ token: tokenOf(invite.url), name: "-", password: "members own password" });
    expect(joined.organizationId).toBe(other.id);
  });
});
