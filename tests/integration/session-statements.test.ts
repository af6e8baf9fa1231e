// A session is checked on every request: the statements that check it are counted, and what it
// answers is the member's context in the session's organisation.
import { describe, expect, it } from "vitest";
import { createSession, inspectSession } from "../../lib/auth/sessions";
import { createMember, createOrg } from "../helpers/factories";
import { recordStatements } from "../helpers/statements";

describe("checking a session", () => {
  it("reads the session with its user and memberships in the round trip that begins the transaction, then commits", async () => {
    const org = await createOrg("Session check group", "SC");
    const member = await createMember(org, "VOLUNTEER");
    const { sessionId } = await createSession({ userId: member.userId, organizationId: org.id });
    // the first check right after sign-in touches nothing (lastSeenAt is fresh)
    const { result, statements } = await recordStatements(() => inspectSession(sessionId));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^BEGIN READ ONLY; .*set_config\('app\.organization_id', '', true\).*; SELECT app_session_state\('[0-9a-f-]{36}'::uuid\)/);
    expect(statements[1]).toBe("COMMIT");
    expect(result).toMatchObject({
      stage: "active",
      ctx: { userId: member.userId, organizationId: org.id, role: "VOLUNTEER" },
      organizations: [{ id: org.id, name: "Session check group", role: "VOLUNTEER" }],
    });
  });
});
