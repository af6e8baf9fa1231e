import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "../../lib/audit";
import { exportAuditEventsCsv, findAuditEvents, findAuditFilterOptions } from "../../lib/audit-log/find-audit-events";
import { withTenant } from "../../lib/db";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

/** Cells whose first character a spreadsheet would treat as the start of a formula. */
const HOSTILE = ["=HYPERLINK(\"http://evil.example\")", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "\rRETURN"];

function csvCells(csv: string): string[][] {
  // the export quotes every cell that holds a comma, quote, newline or carriage return
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("the admin audit viewer and its CSV export", () => {
  let admin: TestMember;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherAdmin: TestMember;

  beforeAll(async () => {
    const org = await createOrg("Audit group", "AG");
    admin = await createMember(org, "ADMIN");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    const other = await createOrg("Other audit group", "OA");
    otherAdmin = await createMember(other, "ADMIN");
    // a member whose chosen name is itself a formula
    await ownerQuery(`UPDATE users SET name = $2 WHERE id = $1`, [volunteer.userId, "=1+1 volunteer"]);
    await withTenant(volunteer, async (tx) => {
      await audit(tx, { organizationId: org.id, actorUserId: volunteer.userId, action: "case.view", entityType: "Case", entityId: "11111111-1111-4111-8111-111111111111" });
      await audit(tx, { organizationId: org.id, actorUserId: volunteer.userId, action: "case.update", entityType: "Case", entityId: "11111111-1111-4111-8111-111111111111", changedFields: HOSTILE });
      await audit(tx, { organizationId: org.id, actorUserId: volunteer.userId, action: "person.create", entityType: "Person", entityId: "22222222-2222-4222-8222-222222222222" });
    });
    // record ids are free text in the log: each hostile value in a cell of its own
    await withTenant(admin, async (tx) => {
      for (const value of HOSTILE) await audit(tx, { organizationId: org.id, actorUserId: admin.userId, action: "import.hostile", entityType: "Import", entityId: value });
    });
    await withTenant(coordinator, (tx) =>
      audit(tx, { organizationId: org.id, actorUserId: coordinator.userId, action: "person.update", entityType: "Person", entityId: "22222222-2222-4222-8222-222222222222" }),
    );
    await withTenant(otherAdmin, (tx) =>
      audit(tx, { organizationId: other.id, actorUserId: otherAdmin.userId, action: "case.view", entityType: "Case", entityId: "33333333-3333-4333-8333-333333333333" }),
    );
  });

  it("shows an admin the events that match every filter, with the members' names", async () => {
    const byPrefix = await findAuditEvents(admin, { action: "person." });
    expect(byPrefix.events.map((e) => e.action)).toEqual(["person.update", "person.create"]);
    const byActor = await findAuditEvents(admin, { actorUserId: coordinator.userId });
    expect(byActor.events).toHaveLength(1);
    expect(byActor.events[0]).toMatchObject({ action: "person.update", actorName: expect.stringContaining("COORDINATOR") });
    const byEntity = await findAuditEvents(admin, { entityType: "Case", entityId: "11111111-1111-4111-8111-111111111111" });
    expect(byEntity.total).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    // a day alone as the end of the range includes the whole day
    expect((await findAuditEvents(admin, { from: today, to: today })).total).toBe(10);
    expect((await findAuditEvents(admin, { to: "2000-01-01" })).total).toBe(0);
    // an empty form field is no filter at all
    expect((await findAuditEvents(admin, { action: "", actorUserId: "", entityType: "", from: "", to: "" })).total).toBe(10);
  });

  it("pages through the log", async () => {
    const first = await findAuditEvents(admin, { pageSize: 6 });
    const second = await findAuditEvents(admin, { pageSize: 6, page: 2 });
    expect(first.events).toHaveLength(6);
    expect(second.events).toHaveLength(4);
    expect(new Set([...first.events, ...second.events].map((e) => e.id)).size).toBe(10);
  });

  it("answers a malformed filter with a validation error, not a crash", async () => {
    await expect(findAuditEvents(admin, { actorUserId: "not-a-uuid" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { actorUserId: ["invalidChoice"] } });
    await expect(findAuditEvents(admin, { to: "yesterday-ish" })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("refuses coordinators and volunteers the log, its filters and its export", async () => {
    for (const member of [coordinator, volunteer]) {
      await expect(findAuditEvents(member, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(findAuditFilterOptions(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(exportAuditEventsCsv(member, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("never shows or exports another organisation's events, even when asked for them by id", async () => {
    const theirs = await findAuditEvents(admin, { entityId: "33333333-3333-4333-8333-333333333333" });
    expect(theirs.total).toBe(0);
    const csv = await exportAuditEventsCsv(admin, {});
    expect(csv).not.toContain("33333333-3333-4333-8333-333333333333");
    expect(csv).not.toContain(otherAdmin.userId);
    const options = await findAuditFilterOptions(admin);
    expect(options.actors.map((a) => a.id)).not.toContain(otherAdmin.userId);
    expect(options.entityTypes).toEqual(["Case", "Import", "Person"]);
  });

  it("exports CSV in which no cell starts with =, +, -, @, tab or carriage return", async () => {
    const csv = await exportAuditEventsCsv(admin, {});
    const [header, ...rows] = csvCells(csv);
    expect(header).toEqual(["id", "time", "action", "actor", "actor_id", "entity_type", "entity_id", "changed_fields"]);
    const update = rows.find((row) => row[2] === "case.update")!;
    expect(update[3]).toBe("'=1+1 volunteer");
    expect(update[7]!.startsWith("'=HYPERLINK")).toBe(true);
    const hostileIds = rows.filter((row) => row[2] === "import.hostile").map((row) => row[6]);
    expect(hostileIds.sort()).toEqual(HOSTILE.map((value) => `'${value}`).sort());
    for (const cell of [header!, ...rows].flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("records every export in the audit log with the number of rows and the filters used", async () => {
    const before = (await findAuditEvents(admin, { action: "audit.export" })).total;
    await exportAuditEventsCsv(admin, { entityType: "Person" });
    const exports = await ownerQuery<{ actorUserId: string; metadata: { rows: number; filters: string[] } }>(
      `SELECT "actorUserId", metadata FROM audit_events WHERE action = 'audit.export' AND "organizationId" = $1 ORDER BY id DESC LIMIT 1`,
      [admin.organizationId],
    );
    expect(exports[0]).toEqual({ actorUserId: admin.userId, metadata: { rows: 2, filters: ["entityType"] } });
    expect((await findAuditEvents(admin, { action: "audit.export" })).total).toBe(before + 1);
  });
});
