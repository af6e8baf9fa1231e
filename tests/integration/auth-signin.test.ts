import { beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT_CEILING,
  ACCOUNT_WINDOW_MINUTES,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  signIn,
} from "@/lib/auth/sign-in";
import { lookupHash } from "@/lib/crypto";
import { loadSession } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/auth/password";
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

  it("slows an account down after ten failures from many addresses, even with the right password", async () => {
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

describe("throttling guessers", () => {
  it("refuses an address after its quota of failures spread over many accounts, while other addresses still sign in", async () => {
    const guesser = ip(300);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await failure(signIn({ email: `guess-${i}@example.test`, password: `guess ${i}`, ipHash: guesser }));
    }
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: guesser }));
    expect(refused.code).toBe("RATE_LIMITED");
    const elsewhere = await signIn({ email: member.email, password: PASSWORD, ipHash: ip(301) });
    expect(elsewhere.organizationId).toBe(org.id);
  });

  it("counts failures in PostgreSQL, so failures seen by another app instance throttle this one too", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    // another instance recorded the failures: rows in the shared table, nothing in this process
    const emailHash = lookupHash(member.email, "login");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await ownerQuery(`INSERT INTO login_attempts ("emailHash", "ipHash", success) VALUES ($1, $2, false)`, [emailHash, ip(400 + i)]);
    }
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: ip(450) }));
    expect(refused.code).toBe("RATE_LIMITED");
  });

  it("takes the same time, statistically, for an unknown e-mail as for a wrong password", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    const sample = async (email: string, n: number) => {
      // start each attempt unthrottled, so both paths do the full work
      await ownerQuery(`DELETE FROM login_attempts WHERE "ipHash" = $1`, [ip(500)]);
      await ownerQuery(`DELETE FROM login_attempts WHERE "emailHash" = $1`, [lookupHash(email, "login")]);
      const start = performance.now();
      await failure(signIn({ email, password: `wrong password ${n}`, ipHash: ip(500) }));
      return performance.now() - start;
    };
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    await sample("warm-up-2@example.test", 0);
    const unknown: number[] = [];
    const wrong: number[] = [];
    // interleaved, so load on a shared machine hits both alike
    for (let n = 0; n < 12; n++) {
      unknown.push(await sample(`nobody-${n}@example.test`, n));
      wrong.push(await sample(member.email, n));
    }
    const ratio = median(unknown) / median(wrong);
    // both do one argon2id verification and one audited write; a missing hash would be ~100 times faster
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe("throttling per account and address, slowing down per account (ASVS 5.0 V6.3)", () => {
  const emailHashOf = (member: TestMember) => lookupHash(member.email, "login");
  /** moves the account's recorded failures into the past, as if the attacker had paused */
  const age = (member: TestMember, seconds: number) =>
    ownerQuery(`UPDATE login_attempts SET "createdAt" = "createdAt" - make_interval(secs => $2) WHERE "emailHash" = $1`, [emailHashOf(member), seconds]);
  const insertFailures = async (member: TestMember, count: number, agedSeconds: number) =>
    ownerQuery(
      `INSERT INTO login_attempts ("emailHash", "ipHash", success, "createdAt")
       SELECT $1, 'ip-spread-' || n, false, now() - make_interval(secs => $3) FROM generate_series(1, $2) n`,
      [emailHashOf(member), count, agedSeconds],
    );

  it("does not lock the rightful user out from another address after ten wrong passwords from one address", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    const attacker = ip(600);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      await failure(signIn({ email: member.email, password: `wrong password ${i}`, ipHash: attacker }));
    }
    // a human takes longer than the one-second delay the ten failures earned the account
    await age(member, 2);
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: attacker }));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.key).toBe("signInThrottled");
    const rightful = await signIn({ email: member.email, password: PASSWORD, ipHash: ip(601) });
    expect(rightful.organizationId).toBe(org.id);
  });

  it("makes each further attempt on the account wait longer after the last failure, whichever address it comes from", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    await insertFailures(member, 12, 0);
    const refused = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: ip(610) }));
    expect(refused.key).toBe("signInSlowDown");
    expect(refused.values?.seconds).toBe(4);
    expect(refused.message).toMatch(/4 seconds/);
    await age(member, 5);
    expect((await signIn({ email: member.email, password: PASSWORD, ipHash: ip(611) })).organizationId).toBe(org.id);
  });

  it("locks the account only at a much higher ceiling of failures in an hour, then lets it in once they age out", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    // one short of the ceiling, the last a minute ago: slowed down, not locked
    await insertFailures(member, ACCOUNT_CEILING - 1, 61);
    expect((await signIn({ email: member.email, password: PASSWORD, ipHash: ip(620) })).organizationId).toBe(org.id);
    await insertFailures(member, 1, 61);
    const locked = await failure(signIn({ email: member.email, password: PASSWORD, ipHash: ip(621) }));
    expect(locked.key).toBe("signInThrottled");
    expect(locked.values?.minutes).toBe(ACCOUNT_WINDOW_MINUTES);
    await age(member, ACCOUNT_WINDOW_MINUTES * 60);
    expect((await signIn({ email: member.email, password: PASSWORD, ipHash: ip(622) })).organizationId).toBe(org.id);
  });

  it("does not count refused attempts as failures, so a wait always ends", async () => {
    const member = await createMember(org, "VOLUNTEER", { passwordHash });
    const attacker = ip(630);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      await failure(signIn({ email: member.email, password: `wrong password ${i}`, ipHash: attacker }));
    }
    for (let i = 0; i < 5; i++) await failure(signIn({ email: member.email, password: `more guesses ${i}`, ipHash: attacker }));
    const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM login_attempts WHERE "emailHash" = $1`, [emailHashOf(member)]);
    expect(row?.n).toBe(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    const audited = await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'auth.signin.throttled' AND "actorUserId" = $1`, [member.userId]);
    expect(audited).toHaveLength(5);
  });
});
