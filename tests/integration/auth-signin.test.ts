import { beforeAll, describe, expect, it } from "vitest";
import { signIn, MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/sign-in";
import { loadSession } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/password";
import { AppError } from "@/lib/errors";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

const PASSWORD = "correct horse battery staple";
let org: TestOrg;
let volunteer: TestMember;
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  org = await createOrg("Sign-in group", "SG");
  volunteer = await createMember(org, "VOLUNTEER", { passwordHash });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the sign-in to be refused");
}

const ip = (n: number) => `ip-hash-${n}`;

describe("signing in", () => {
  it("opens a session in the member's organisation with the right password, and the session gives their role", async () => {
    const session = await signIn({ email: volunteer.email.toUpperCase(), password: PASSWORD, ipHash: ip(1) });
    expect(session.organizationId).toBe(org.id);
    const loaded = await loadSession(session.sessionId);
    expect(loaded?.ctx).toMatchObject({ userId: volunteer.userId, organizationId: org.id, role: "VOLUNTEER" });
    const events = await ownerQuery(`SELECT action FROM audit_events WHERE "actorUserId" = $1 AND action = 'auth.signin'`, [volunteer.userId]);
    expect(events).toHaveLength(1);
  });

  it("gives an unknown e-mail exactly the same answer as a wrong password, and audits both", async () => {
    const wrong = await failure(signIn({ email: volunteer.email, password: "not the password at all", ipHash: ip(2) }));
    const unknown = await failure(signIn({ email: "nobody@example.test", password: "not the password at all", ipHash: ip(2) }));
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.key).toBe("badCredentials");
    const events = await ownerQuery(`SELECT "actorUserId" FROM audit_events WHERE action = 'auth.signin.failed' AND "ipHash" = $1`, [ip(2)]);
    expect(events.map((e) => e.actorUserId).sort()).toEqual([volunteer.userId, null].sort());
  });

  it("takes similar time for an unknown e-mail and a wrong password", async () => {
    const time = async (email: string) => {
      const start = performance.now();
      await failure(signIn({ email, password: "another wrong password", ipHash: ip(3) }));
      return performance.now() - start;
    };
    await time("warm-up@example.test");
    const unknown = await time("nobody-else@example.test");
    const wrong = await time(volunteer.email);
    // both do one argon2id verification; allow generous noise on a busy machine
    expect(Math.max(unknown, wrong) / Math.min(unknown, wrong)).toBeLessThan(4);
  });

  it("refuses further attempts on an account after ten failures, even with the right password", async () => {
    const member = await createMember(org, "COORDINATOR", { passwordHash });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await failure(signIn({ email: member.email, password: `wrong password ${i}`, ipHash: ip(100 + i) }));
    }
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: ip(200) }));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/try again/i);
  });

  it("refuses a disabled user with a clear message, even with the right password", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    await ownerQuery(`UPDATE users SET "disabledAt" = now() WHERE id = $1`, [member.userId]);
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: ip(4) }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.key).toBe("accountDisabled");
  });

  it("refuses a user whose only membership is deactivated", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    await ownerQuery(`UPDATE memberships SET "deactivatedAt" = now() WHERE "userId" = $1`, [member.userId]);
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: ip(5) }));
    expect(refused.key).toBe("noActiveMembership");
  });
});
