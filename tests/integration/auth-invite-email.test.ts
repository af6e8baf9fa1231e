import { describe, expect, it } from "vitest";
import { inviteEmail } from "../../lib/auth/invites";
import { createMember, createOrg, ownerQuery } from "../helpers/factories";

describe("the invitation e-mail", () => {
  it("is written in the organisation's default language with the link and how long it works", async () => {
    const org = await createOrg("Тест тобы", "TT");
    const admin = await createMember(org, "ADMIN");
    await ownerQuery(`UPDATE organizations SET "defaultLocale" = 'ru' WHERE id = $1`, [org.id]);
    const mail = await inviteEmail(admin, "INVITE", "https://cases.example.org/invite/abc");
    expect(mail.subject).toBe("Qamqor: приглашение в Тест тобы");
    expect(mail.text).toContain("https://cases.example.org/invite/abc");
    expect(mail.text).toMatch(/в течение \d+ ч\./);

    await ownerQuery(`UPDATE organizations SET "defaultLocale" = 'kk' WHERE id = $1`, [org.id]);
    const reset = await inviteEmail(admin, "PASSWORD_RESET", "https://cases.example.org/invite/def");
    expect(reset.subject).toBe("Qamqor: жаңа құпиясөз орнатыңыз");
  });
});
