// A session is checked on every request: the statements that check it are counted, and what it
// answers is the member's context in the session's organisation.
import { describe, expect, it } from "vitest";
import { createSession, inspectSession } from "../../lib/auth/sessions";
import { createMember, createOrg } from "../helpers/factories";
import { recordStatements } from "../helpers/statements";

describe("checking a session", () => {
  it("reads the session with its user, then the memberships, between setting the identity and the commit", async () => {
    const org = await createOrg("Session check group", "SC");
    const member = await createMember(org, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId, organizationId: org.id });
    // the first check right after sign-in touches nothing (lastSeenAt is fresh)
    const { result, statements } = await recordStatements(() => inspectSession(sessionId));
    expect(statements).toHaveLength(6);
    expect(statements[2]).toMatch(/FROM user_sessions s JOIN users u/);
    expect(statements[3]).toMatch(/FROM memberships m JOIN organizations o/);
    expect(result).toMatchObject({
      stage: "active",
      ctx: { userId: member.userId, organizationId: org.id, role: "VOLUNTEER" },
      organizations: [{ id: org.id, name: "Session check group", role: "VOLUNTEER" }],
    });
  });
});
