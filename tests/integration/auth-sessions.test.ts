import { beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { randomUUID } from "node:crypto";
import { changeMemberRole, deactivateMember } from "@/lib/members/members";
import { readSessionCookie, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession, loadSession, revokeSession, switchOrganization } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let orgA: TestOrg;
let orgB: TestOrg;
let admin: TestMember;

beforeAll(async () => {
  orgA = await createOrg("Group A", "GA");
  orgB = await createOrg("Group B", "GB");
  admin = await createMember(orgA, "ADMIN");
});

async function membershipOf(userId: string, organizationId: string) {
  const [row] = await ownerQuery<{ id: string; version: number }>(
    `SELECT id, version FROM memberships WHERE "userId" = $1 AND "organizationId" = $2`,
    [userId, organizationId],
  );
  if (!row) throw new Error("no membership");
  return row;
}

describe("the session cookie", () => {
  it("accepts only tokens next-auth sealed with the server's secret", async () => {
    const id = randomUUID();
    const value = await sessionCookieValue(id);
    expect(await readSessionCookie(value)).toBe(id);
    // the token is encrypted: the session id is not readable in it
    expect(value).not.toContain(id);
    const [header, ...rest] = value.split(".");
    expect(await readSessionCookie([header, ...rest.map((part, i) => (i === 1 ? `${part.slice(0, -2)}AA` : part))].join("."))).toBeNull();
    expect(await readSessionCookie(`${id}.forged`)).toBeNull();
    expect(await readSessionCookie("garbage")).toBeNull();
  });

  it("still refuses a tampered copy of a cookie it has already read, and reads the genuine one again", async () => {
    const id = randomUUID();
    const value = await sessionCookieValue(id);
    expect(await readSessionCookie(value)).toBe(id);
    const [header, ...rest] = value.split(".");
    const tampered = [header, ...rest.map((part, i) => (i === 2 ? `${part.slice(0, -2)}AA` : part))].join(".");
    expect(await readSessionCookie(tampered)).toBeNull();
    expect(await readSessionCookie(`${value}x`)).toBeNull();
    expect(await readSessionCookie(value)).toBe(id);
  });

  it("refuses a cookie once its own expiry has passed, though it was read while it was valid", async () => {
    const id = randomUUID();
    const value = await encode({ token: { sid: id }, secret: getEnv().AUTH_SECRET, maxAge: 1 });
    expect(await readSessionCookie(value)).toBe(id);
    // next-auth allows 15 s of clock skew past the expiry
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 20_000 });
    try {
      expect(await readSessionCookie(value)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("sessions checked on every request", () => {
  it("gives the new role on the very next request after an admin changes it", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId });
    expect((await loadSession(sessionId))?.ctx.role).toBe("VOLUNTEER");
    const membership = await membershipOf(member.userId, orgA.id);
    await changeMemberRole(admin, { membershipId: membership.id, version: membership.version, role: "ANALYST" });
    expect((await loadSession(sessionId))?.ctx.role).toBe("ANALYST");
    const audited = await ownerQuery(`SELECT "changedFields" FROM audit_events WHERE action = 'membership.roleChange' AND "entityId" = $1`, [membership.id]);
    expect(audited[0]?.changedFields).toEqual(["role"]);
  });

  it("refuses a deactivated member's old cookie on the next request", async () => {
    const member = await createMember(orgA, "COORDINATOR");
    const { sessionId } = await createSession({ userId: member.userId });
    expect(await loadSession(sessionId)).not.toBeNull();
    const membership = await membershipOf(member.userId, orgA.id);
    await deactivateMember(admin, { membershipId: membership.id, version: membership.version });
    expect(await loadSession(sessionId)).toBeNull();
  });

  it("refuses a disabled user's old cookie on the next request", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId });
    await ownerQuery(`UPDATE users SET "disabledAt" = now() WHERE id = $1`, [member.userId]);
    expect(await loadSession(sessionId)).toBeNull();
  });

  it("refuses a signed-out session and records the sign-out", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId });
    await revokeSession(sessionId);
    expect(await loadSession(sessionId)).toBeNull();
    expect(await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'auth.signout' AND "entityId" = $1`, [sessionId])).toHaveLength(1);
  });

  it("ends a session left idle longer than the idle timeout", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId });
    await ownerQuery(`UPDATE user_sessions SET "lastSeenAt" = now() - interval '1 day' WHERE id = $1`, [sessionId]);
    expect(await loadSession(sessionId)).toBeNull();
  });

  it("ends a session past its absolute lifetime even when active", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId });
    await ownerQuery(`UPDATE user_sessions SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [sessionId]);
    expect(await loadSession(sessionId)).toBeNull();
  });
});

describe("switching organisation", () => {
  it("moves a member of two groups to the other one, with that group's role", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'COORDINATOR', now())`, [
      member.userId,
      orgB.id,
    ]);
    const { sessionId } = await createSession({ userId: member.userId, organizationId: orgA.id });
    const before = await loadSession(sessionId);
    expect(before?.organizations.map((o) => o.id).sort()).toEqual([orgA.id, orgB.id].sort());
    await switchOrganization(sessionId, orgB.id);
    expect((await loadSession(sessionId))?.ctx).toMatchObject({ organizationId: orgB.id, role: "COORDINATOR" });
  });

  it("refuses a forged organisation id as not found, leaves the session where it was, and audits the attempt", async () => {
    const member = await createMember(orgA, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId });
    for (const forged of [orgB.id, randomUUID(), "not-a-uuid"]) {
      const error = await switchOrganization(sessionId, forged).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
    expect((await loadSession(sessionId))?.ctx.organizationId).toBe(orgA.id);
    const audited = await ownerQuery(`SELECT "entityId" FROM audit_events WHERE action = 'auth.organization.switch.refused' AND "actorUserId" = $1`, [
      member.userId,
    ]);
    expect(audited.map((a) => a.entityId)).toContain(orgB.id);
    expect(audited).toHaveLength(3);
  });
});
