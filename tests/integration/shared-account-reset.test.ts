// The cross-organisation account takeover as an attacker tried it: the admin of group A starts a
// password reset for a member who also belongs to group B, hoping to receive the link, set a password,
// sign in and switch to B. And the self-service "forgot password" that replaces admin resets.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset, RESET_ANSWER_MS, RESET_REQUESTS_PER_ADDRESS } from "@/lib/auth/forgot-password";
import { acceptInvite, createInvite } from "@/lib/auth/invites";
import { signIn } from "@/lib/auth/sign-in";
import { switchOrganization } from "@/lib/auth/sessions";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

// Outgoing mail is captured instead of sent (the database stays real).
const mail = vi.hoisted(() => ({ sent: [] as { to: string; subject: string; text: string }[] }));
vi.mock("@/lib/auth/mail", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/mail")>()),
  sendMail: async (message: { to: string; subject: string; text: string }) => {
    mail.sent.push(message);
    return true;
  },
}));

const PASSWORD = "the member's own long password";
let orgA: TestOrg;
let orgB: TestOrg;
let adminA: TestMember;
let shared: TestMember;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function setMail(on: boolean) {
  if (on) {
    process.env.SMTP_URL = "smtp://mail.example.test:587";
    process.env.PUBLIC_URL = "https://cases.example.org";
  } else {
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
  }
  resetEnvCache();
}

const auditActions = (organizationId: string, entityId: string) =>
  ownerQuery<{ action: string }>(`SELECT action FROM audit_events WHERE "organizationId" = $1 AND ("entityId" = $2 OR metadata::text LIKE '%' || $2 || '%') ORDER BY id`, [
    organizationId,
    entityId,
  ]).then((rows) => rows.map((row) => row.action));

beforeAll(async () => {
  orgA = await createOrg("Group A", "GA");
  orgB = await createOrg("Group B", "GB");
  adminA = await createMember(orgA, "ADMIN");
  shared = await createMember(orgA, "VOLUNTEER", { email: "both@example.test", passwordHash: await hashPassword(PASSWORD) });
  await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'COORDINATOR', now())`, [shared.userId, orgB.id]);
});

beforeEach(() => {
  mail.sent.length = 0;
});

afterEach(() => setMail(false));

describe("an admin resetting the password of a member who also belongs to another group", () => {
  it("is refused with a clear message when no e-mail is set up, and no link exists", async () => {
    setMail(false);
    const before = await ownerQuery(`SELECT count(*)::int AS n FROM invites WHERE email = $1`, [shared.email]);
    const error = await refusal(createInvite(adminA, { email: shared.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" }, { origin: "https://attacker.example" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.key).toBe("resetNeedsMail");
    expect(await ownerQuery(`SELECT count(*)::int AS n FROM invites WHERE email = $1`, [shared.email])).toEqual(before);
    expect(mail.sent).toEqual([]);
  });

  it("never shows the admin the link: it goes to the member's own e-mail, built from PUBLIC_URL, and both groups' logs record it", async () => {
    setMail(true);
    const reset = await createInvite(adminA, { email: shared.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" }, { origin: "https://attacker.example" });
    expect(reset.url).toBeNull();
    expect(reset.emailed).toBe(true);
    expect(JSON.stringify(reset)).not.toContain("/invite/");
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.to).toBe(shared.email);
    expect(mail.sent[0]!.text).toContain("https://cases.example.org/invite/");
    expect(mail.sent[0]!.text).not.toContain("attacker.example");

    expect(await auditActions(orgA.id, reset.inviteId)).toContain("invite.passwordReset");
    expect(await auditActions(orgB.id, shared.userId)).toContain("invite.passwordReset.elsewhere");

    // the member (and only the member) uses the link; group B sees that the password was set
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.sent[0]!.text)![1]!;
    await acceptInvite({ token, name: "-", password: "a fresh and private sentence" });
    expect(await auditActions(orgB.id, shared.userId)).toContain("invite.passwordReset.accept");
  });

  it("still lets the admin see the link for a member of their group only", async () => {
    setMail(false);
    const onlyA = await createMember(orgA, "VOLUNTEER");
    const reset = await createInvite(adminA, { email: onlyA.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" }, { origin: "https://cases.example.org" });
    expect(reset.url).toMatch(/\/invite\//);
  });

  it("does not let a link the admin saw open the account once it has joined another group too", async () => {
    setMail(false);
    const later = await createMember(orgA, "VOLUNTEER", { passwordHash: await hashPassword(PASSWORD) });
    const reset = await createInvite(adminA, { email: later.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" }, { origin: "https://cases.example.org" });
    expect(reset.url).toMatch(/\/invite\//);
    // the member joins group B with their own password; the admin of A still holds the link
    await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'VOLUNTEER', now())`, [later.userId, orgB.id]);
    const error = await refusal(acceptInvite({ token: reset.url!.split("/invite/")[1]!, name: "-", password: "the admin's chosen sentence" }));
    expect(error.key).toBe("resetLinkShared");
    await signIn({ email: later.email, password: PASSWORD, ipHash: "ip-later" });
  });

  it("cannot use an invite of group A to set the password of a passwordless account of group B", async () => {
    setMail(false);
    const onlyB = await createMember(orgB, "VOLUNTEER");
    const invite = await createInvite(adminA, { email: onlyB.email, role: "VOLUNTEER" }, { origin: "https://cases.example.org" });
    const error = await refusal(acceptInvite({ token: invite.url!.split("/invite/")[1]!, name: "-", password: "an attacker's chosen sentence" }));
    expect(error.fieldErrors?.password).toEqual(["useForgotPassword"]);
    const [user] = await ownerQuery<{ passwordHash: string | null }>(`SELECT "passwordHash" FROM users WHERE id = $1`, [onlyB.userId]);
    expect(user?.passwordHash).toBeNull();
  });
});

describe("the attack from the report, end to end", () => {
  it("gives the admin of A no way into B: no link, so no new password, no sign-in and no switch to B", async () => {
    setMail(false);
    const victim = await createMember(orgA, "VOLUNTEER", { email: "victim-both@example.test", passwordHash: await hashPassword(PASSWORD) });
    await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'COORDINATOR', now())`, [victim.userId, orgB.id]);
    const attempt = await createInvite(adminA, { email: victim.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" }, { origin: "https://cases.example.org" }).catch(
      (error: unknown) => error,
    );
    expect(attempt).toBeInstanceOf(AppError);
    // the password the admin would have set does not open the account; the member's own still does
    expect((await refusal(signIn({ email: victim.email, password: "the admin's chosen password", ipHash: "ip-attacker" }))).code).toBe("UNAUTHENTICATED");
    const session = await signIn({ email: victim.email, password: PASSWORD, ipHash: "ip-victim" });
    await switchOrganization(session.sessionId, orgB.id);
  });
});

describe("forgot password", () => {
  it("e-mails a link for a known address and nothing for an unknown one, with the same answer", async () => {
    setMail(true);
    const known = await requestPasswordReset({ email: shared.email, ipHash: "ip-forgot-1" });
    const unknown = await requestPasswordReset({ email: "nobody@example.test", ipHash: "ip-forgot-1" });
    expect(known).toEqual(unknown);
    expect(mail.sent.map((m) => m.to)).toEqual([shared.email]);
    expect(mail.sent[0]!.text).toContain("https://cases.example.org/invite/");
  });

  it("takes about the same time for a known and an unknown address", async () => {
    setMail(true);
    const time = async (email: string, ip: string) => {
      const started = performance.now();
      await requestPasswordReset({ email, ipHash: ip });
      return performance.now() - started;
    };
    const known = await time(shared.email, "ip-forgot-time-1");
    const unknown = await time("nobody-else@example.test", "ip-forgot-time-2");
    expect(known).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    expect(unknown).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    expect(Math.abs(known - unknown)).toBeLessThan(RESET_ANSWER_MS / 2);
  });

  it("records the request in every group of the account, and the link sets a password that opens both", async () => {
    setMail(true);
    const member = await createMember(orgA, "VOLUNTEER", { email: "forgetful@example.test", passwordHash: await hashPassword(PASSWORD) });
    await ownerQuery(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'VOLUNTEER', now())`, [member.userId, orgB.id]);
    await requestPasswordReset({ email: member.email, ipHash: "ip-forgot-2" });
    for (const org of [orgA, orgB]) {
      const rows = await ownerQuery(`SELECT 1 FROM audit_events WHERE "organizationId" = $1 AND action = 'auth.passwordReset.requested' AND "actorUserId" = $2`, [
        org.id,
        member.userId,
      ]);
      expect(rows).toHaveLength(1);
    }
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.sent[0]!.text)![1]!;
    await acceptInvite({ token, name: "-", password: "my brand new sentence" });
    const session = await signIn({ email: member.email, password: "my brand new sentence", ipHash: "ip-forgot-2" });
    await switchOrganization(session.sessionId, orgB.id);
  });

  it("is throttled per address, for known and unknown e-mails alike", async () => {
    setMail(true);
    for (let i = 0; i < RESET_REQUESTS_PER_ADDRESS; i += 1) await requestPasswordReset({ email: `guess-${i}@example.test`, ipHash: "ip-forgot-flood" });
    const error = await refusal(requestPasswordReset({ email: shared.email, ipHash: "ip-forgot-flood" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(mail.sent).toEqual([]);
    // another address is not affected
    await requestPasswordReset({ email: shared.email, ipHash: "ip-forgot-other" });
    expect(mail.sent).toHaveLength(1);
  });

  it("sends nothing when e-mail is not set up, and still answers the same", async () => {
    setMail(false);
    await expect(requestPasswordReset({ email: shared.email, ipHash: "ip-forgot-3" })).resolves.toBeUndefined();
    expect(mail.sent).toEqual([]);
  });
});
