import { beforeAll, describe, expect, it } from "vitest";
import { getOrganizationSettings, updateOrganizationSettings } from "../../lib/organizations/settings";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

describe("organisation settings", () => {
  let admin: TestMember;
  let coordinator: TestMember;

  beforeAll(async () => {
    const org = await createOrg("Settings group", "SG", { require2fa: true });
    admin = await createMember(org, "ADMIN");
    coordinator = await createMember(org, "COORDINATOR");
  });

  it("lets an admin set the default language and the two-factor rule, and audits which fields changed", async () => {
    const before = await getOrganizationSettings(admin);
    const saved = await updateOrganizationSettings(admin, { defaultLocale: "ru", require2fa: false, version: before.version });
    expect(saved).toMatchObject({ defaultLocale: "ru", require2fa: false, version: before.version + 1 });
    const [event] = await ownerQuery<{ changedFields: string[] }>(
      `SELECT "changedFields" FROM audit_events WHERE action = 'organization.update' AND "organizationId" = $1`,
      [admin.organizationId],
    );
    expect(event!.changedFields).toEqual(["defaultLocale", "require2fa"]);
  });

  it("refuses a save based on an old version", async () => {
    await expect(updateOrganizationSettings(admin, { defaultLocale: "en", require2fa: true, version: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an unknown language", async () => {
    await expect(updateOrganizationSettings(admin, { defaultLocale: "de" as "en", require2fa: true, version: 2 })).rejects.toThrow();
  });

  it("keeps the small-cell threshold at three or more, in the service and in the database", async () => {
    const current = await getOrganizationSettings(admin);
    await expect(
      updateOrganizationSettings(admin, { defaultLocale: current.defaultLocale as "kk", require2fa: current.require2fa, smallCellThreshold: 2, version: current.version }),
    ).rejects.toThrow();
    const saved = await updateOrganizationSettings(admin, {
      defaultLocale: current.defaultLocale as "kk",
      require2fa: current.require2fa,
      smallCellThreshold: 4,
      staleCaseDays: 30,
      version: current.version,
    });
    expect(saved).toMatchObject({ smallCellThreshold: 4, staleCaseDays: 30, unansweredAdvocacyDays: 60, reportRetentionDays: 7 });
    await expect(ownerQuery(`UPDATE organizations SET "smallCellThreshold" = 1 WHERE id = $1`, [admin.organizationId])).rejects.toThrow(/check/);
  });

  it("refuses coordinators", async () => {
    await expect(getOrganizationSettings(coordinator)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
