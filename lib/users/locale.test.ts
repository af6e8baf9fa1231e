import { describe, expect, it } from "vitest";
import { createMember, createOrg, ownerQuery } from "../../tests/helpers/factories";
import { createSession, inspectSession } from "../auth/sessions";
import { setUserLocale } from "./set-locale";

/** The language a page shows a member whose browser chose none: what their session check answers. */
async function preferredLocale(member: { userId: string; organizationId: string }) {
  const { sessionId } = await createSession({ userId: member.userId, organizationId: member.organizationId });
  return (await inspectSession(sessionId))?.preferredLocale;
}

describe("interface language of a member", () => {
  it("uses the organisation's default until the member chooses, then the member's choice", async () => {
    const org = await createOrg("Language group", "LG");
    await ownerQuery(`UPDATE organizations SET "defaultLocale" = 'ru' WHERE id = $1`, [org.id]);
    const member = await createMember(org, "VOLUNTEER");

    expect(await preferredLocale(member)).toBe("ru");
    await setUserLocale(member, { locale: "en" });
    expect(await preferredLocale(member)).toBe("en");
  });

  it("records the change in the audit log by field name only", async () => {
    const member = await createMember(await createOrg("Audit group", "AG"), "ANALYST");
    await setUserLocale(member, { locale: "kk" });
    const events = await ownerQuery<{ action: string; changedFields: string[]; metadata: unknown }>(
      `SELECT action, "changedFields", metadata FROM audit_events WHERE "actorUserId" = $1`,
      [member.userId],
    );
    expect(events).toEqual([{ action: "user.locale.update", changedFields: ["locale"], metadata: {} }]);
  });

  it("refuses a language the interface does not offer", async () => {
    const member = await createMember(await createOrg("Other group", "OG"), "VOLUNTEER");
    await expect(setUserLocale(member, { locale: "de" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { locale: expect.any(Array) } });
    const [user] = await ownerQuery<{ locale: string | null }>(`SELECT locale FROM users WHERE id = $1`, [member.userId]);
    expect(user?.locale).toBeNull();
  });
});
