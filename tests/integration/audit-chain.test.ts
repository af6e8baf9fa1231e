import { describe, expect, it, beforeAll } from "vitest";
import { audit } from "../../lib/audit";
import { withTenant } from "../../lib/db";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

const ownerUrl = () => process.env.DATABASE_URL as string;

/** As the database owner, with the append-only trigger switched off for this one statement: what an attacker with the server would do. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await ownerQuery(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
  try {
    await ownerQuery(sql, params);
  } finally {
    await ownerQuery(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
  }
}

async function record(member: TestMember, count: number): Promise<string[]> {
  for (let i = 0; i < count; i += 1) {
    await withTenant(member, (tx) =>
      audit(tx, {
        organizationId: member.organizationId,
        actorUserId: member.userId,
        action: "case.update",
        entityType: "Case",
        entityId: `case-${i}`,
        changedFields: ["status", "priority"],
        metadata: { step: i },
      }),
    );
  }
  const rows = await ownerQuery<{ id: string }>(
    `SELECT id::text FROM audit_events WHERE "organizationId" = $1 ORDER BY id`,
    [member.organizationId],
  );
  return rows.map((r) => r.id);
}

describe("the tamper-evident audit log", () => {
  let a: TestMember;
  let b: TestMember;
  beforeAll(async () => {
    a = await createMember(await createOrg("Group A", "GA"), "COORDINATOR");
    b = await createMember(await createOrg("Group B", "GB"), "COORDINATOR");
  });

  it("verifies as intact when events were only appended, with one chain per organisation", async () => {
    await record(a, 4);
    await record(b, 3);
    const result = await verifyAuditChains(ownerUrl());
    expect(result.problems).toEqual([]);
    expect(result.events).toBe(7);
    expect(result.chains).toBe(2);
  });

  it("refuses updates and deletes from the app's own database role", async () => {
    await expect(
      withTenant(a, (tx) => tx.auditEvent.updateMany({ where: { organizationId: a.organizationId }, data: { action: "nothing" } })),
    ).rejects.toThrow();
    await expect(withTenant(a, (tx) => tx.auditEvent.deleteMany({ where: { organizationId: a.organizationId } }))).rejects.toThrow();
  });

  it("refuses updates even from the owner while the append-only trigger is on", async () => {
    await expect(ownerQuery(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ownerQuery(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });

  it("finds an event whose fields were altered", async () => {
    const ids = await record(a, 0);
    await tamper(`UPDATE audit_events SET "changedFields" = ARRAY['status'] WHERE id = $1::bigint`, [ids[1]]);
    const result = await verifyAuditChains(ownerUrl());
    expect(result.problems).toContainEqual({ organizationId: a.organizationId, eventId: ids[1], problem: "hash" });
  });

  it("finds a removed event by the broken link of the one after it", async () => {
    const ids = await record(b, 0);
    await tamper(`DELETE FROM audit_events WHERE id = $1::bigint`, [ids[1]]);
    const result = await verifyAuditChains(ownerUrl());
    expect(result.problems).toContainEqual({ organizationId: b.organizationId, eventId: ids[2], problem: "link" });
  });

  it("fails verification with a different key", async () => {
    const result = await verifyAuditChains(ownerUrl(), "another-key-that-is-long-enough-to-be-valid-xx");
    expect(result.problems.length).toBeGreaterThan(0);
  });
});
