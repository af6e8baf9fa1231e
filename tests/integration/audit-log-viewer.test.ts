import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "../../lib/audit";
import { exportAuditEventsCsv, findAuditEvents } from "../../lib/audit-log/find-audit-events";
import { withTenant } from "../../lib/db";
import { createMember, createOrg, type TestMember } from "../helpers/factories";

describe("the audit log viewer", () => {
  let admin: TestMember;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherAdmin: TestMember;

  beforeAll(async () => {
    const org = await createOrg("Viewer group", "VG");
    admin = await createMember(org, "ADMIN");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    otherAdmin = await createMember(await createOrg("Other group", "OG"), "ADMIN");
    await withTenant(volunteer, async (tx) => {
      await audit(tx, { organizationId: org.id, actorUserId: volunteer.userId, action: "case.view", entityType: "Case", entityId: "c1" });
      await audit(tx, {
        organizationId: org.id,
        actorUserId: volunteer.userId,
        action: "case.update",
        entityType: "Case",
        entityId: "c1",
        changedFields: ["=cmd|' /C calc'!A0", "status"],
      });
      await audit(tx, { organizationId: org.id, actorUserId: volunteer.userId, action: "person.create", entityType: "Person", entityId: "p1" });
    });
  });

  it("shows an admin the organisation's events newest first, with filters", async () => {
    const all = await findAuditEvents(admin, {});
    expect(all.events.map((e) => e.action)).toEqual(["person.create", "case.update", "case.view"]);
    const cases = await findAuditEvents(admin, { action: "case." });
    expect(cases.total).toBe(2);
  });

  // a case's own activity (coordinators) is the case page's, lib/cases/get-case-activity.ts (cases-core tests)
  it("refuses coordinators and volunteers the whole log", async () => {
    await expect(findAuditEvents(coordinator, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(findAuditEvents(volunteer, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never shows another organisation's events", async () => {
    expect((await findAuditEvents(otherAdmin, {})).events).toEqual([]);
  });

  it("exports CSV that a spreadsheet cannot run as a formula, and audits the export", async () => {
    const csv = await exportAuditEventsCsv(admin, { action: "case.update" });
    expect(csv).toContain(`'=cmd|' /C calc'!A0`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
    const after = await findAuditEvents(admin, { action: "audit.export" });
    expect(after.total).toBe(1);
  });
});
