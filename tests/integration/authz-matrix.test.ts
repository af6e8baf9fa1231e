// The authorization matrix: every role × every permission, then every role against records of its own
// organisation, another organisation, its own assignment and someone else's — through the scope
// builders on real rows and through the services.
import { beforeAll, describe, expect, it } from "vitest";
import { authorize, can, caseScope, caseWriteScope, isOwnCase, PERMISSIONS, ROLES, type Ctx, type Permission } from "@/lib/authz";
import { createApiToken, findApiTokens } from "@/lib/auth/api-tokens";
import { createInvite } from "@/lib/auth/invites";
import { getCase } from "@/lib/cases/get-case";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeMemberRole, findMembers } from "@/lib/members/members";
import { getPerson } from "@/lib/people/get-person";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { insertCase } from "./auth-helpers";

// Written out by hand, independently of lib/authz.ts: a change to either must be deliberate.
// Adding a permission to lib/authz.ts? Add it here for the roles that should hold it.
const EXPECTED: Record<Role, readonly Permission[]> = {
  ADMIN: Object.keys(PERMISSIONS) as Permission[],
  COORDINATOR: [
    "cases.read", "cases.create", "cases.update", "cases.updateAny", "cases.delete",
    "people.read", "people.write", "people.delete", "people.merge", "people.erase", "contacts.read",
    "protests.read", "protests.write", "protests.updateAny",
    "stats.read", "stats.exact", "reports.export", "reports.anonymised", "unSubmissions.manage", "imports.run", "audit.readCase",
  ],
  VOLUNTEER: [
    "cases.read", "cases.create", "cases.update", "people.read", "people.write", "contacts.read",
    "protests.read", "protests.write",
  ],
  ANALYST: ["stats.read", "reports.anonymised"],
};

describe("the permission table", () => {
  const cells = ROLES.flatMap((role) => (Object.keys(PERMISSIONS) as Permission[]).map((permission) => ({ role, permission })));

  it.each(cells)("$role holds $permission exactly when the matrix says so", ({ role, permission }) => {
    const expected = EXPECTED[role].includes(permission);
    expect(can({ role }, permission)).toBe(expected);
    if (expected) expect(() => authorize({ role }, permission)).not.toThrow();
    else expect(() => authorize({ role }, permission)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("gives every permission a description", () => {
    for (const [name, spec] of Object.entries(PERMISSIONS)) expect(spec.description.length, name).toBeGreaterThan(10);
  });
});

// ── records ──────────────────────────────────────────────────────────────────────────────────────
let orgA: TestOrg;
let orgB: TestOrg;
let cast: Record<Role, TestMember>;
let otherVolunteer: TestMember;
let memberOfB: TestMember;
const cases = {} as Record<"assignedToMe" | "createdByMe" | "someoneElses" | "publicOne" | "deletedMine" | "otherOrg", string>;
let personA: string;
let personB: string;

beforeAll(async () => {
  orgA = await createOrg("Matrix A", "MA");
  orgB = await createOrg("Matrix B", "MB");
  cast = {
    ADMIN: await createMember(orgA, "ADMIN"),
    COORDINATOR: await createMember(orgA, "COORDINATOR"),
    VOLUNTEER: await createMember(orgA, "VOLUNTEER"),
    ANALYST: await createMember(orgA, "ANALYST"),
  };
  otherVolunteer = await createMember(orgA, "VOLUNTEER");
  memberOfB = await createMember(orgB, "ADMIN");
  const me = cast.VOLUNTEER.userId;
  cases.assignedToMe = await insertCase(orgA, { assignedToId: me });
  cases.createdByMe = await insertCase(orgA, { createdById: me, assignedToId: otherVolunteer.userId });
  cases.someoneElses = await insertCase(orgA, { assignedToId: otherVolunteer.userId, createdById: otherVolunteer.userId });
  cases.publicOne = await insertCase(orgA, { assignedToId: otherVolunteer.userId, disclosureLevel: "PUBLIC" });
  cases.deletedMine = await insertCase(orgA, { assignedToId: me, deleted: true });
  cases.otherOrg = await insertCase(orgB, { assignedToId: memberOfB.userId, disclosureLevel: "PUBLIC" });
  const people = await ownerQuery<{ id: string; organizationId: string }>(`SELECT "subjectPersonId" AS id, "organizationId" FROM cases WHERE id = ANY($1)`, [
    [cases.someoneElses, cases.otherOrg],
  ]);
  personA = people.find((p) => p.organizationId === orgA.id)!.id;
  personB = people.find((p) => p.organizationId === orgB.id)!.id;
});

type CaseName = keyof typeof cases;
const ALL_LIVE_A: CaseName[] = ["assignedToMe", "createdByMe", "someoneElses", "publicOne"];

const READABLE: Record<Role, CaseName[]> = {
  ADMIN: ALL_LIVE_A,
  COORDINATOR: ALL_LIVE_A,
  VOLUNTEER: ALL_LIVE_A,
  ANALYST: ["publicOne"],
};
const WRITABLE: Record<Role, CaseName[]> = {
  ADMIN: ALL_LIVE_A,
  COORDINATOR: ALL_LIVE_A,
  VOLUNTEER: ["assignedToMe", "createdByMe"],
  ANALYST: [],
};

const names = (ids: string[]) => (Object.keys(cases) as CaseName[]).filter((name) => ids.includes(cases[name])).sort();

describe.each(ROLES)("scopes on real rows for %s", (role) => {
  const ctx = () => cast[role] as Ctx;

  it("reads exactly the cases the matrix allows, never another organisation's", async () => {
    const rows = await withTenant(ctx(), (tx) => tx.case.findMany({ where: caseScope(ctx()), select: { id: true } }));
    expect(names(rows.map((r) => r.id))).toEqual([...READABLE[role]].sort());
  });

  it("may edit exactly its own assignments or, with updateAny, every live case of its organisation", async () => {
    const rows = await withTenant(ctx(), (tx) => tx.case.findMany({ where: caseWriteScope(ctx()), select: { id: true } }));
    expect(names(rows.map((r) => r.id))).toEqual([...WRITABLE[role]].sort());
  });

  it("writes through the write scope touch only the allowed rows", async () => {
    const touched = await withTenant(ctx(), async (tx) => {
      const result = await tx.case.updateMany({ where: { ...caseWriteScope(ctx()) }, data: { tags: { push: `touched-by-${role}` } } });
      return result.count;
    });
    expect(touched).toBe(WRITABLE[role].length);
    const [other] = await ownerQuery<{ tags: string[] }>(`SELECT tags FROM cases WHERE id = $1`, [cases.otherOrg]);
    expect(other?.tags).not.toContain(`touched-by-${role}`);
  });

  it("sees deleted cases only with the delete permission", async () => {
    const rows = await withTenant(ctx(), (tx) =>
      tx.case.findMany({ where: { ...caseScope(ctx(), { includeDeleted: true }), id: cases.deletedMine }, select: { id: true } }),
    );
    expect(rows.length).toBe(can(ctx(), "cases.delete") ? 1 : 0);
  });

  it("finds another organisation's case by id neither through the scope nor through the database", async () => {
    const viaScope = await withTenant(ctx(), (tx) => tx.case.findFirst({ where: { ...caseScope(ctx()), id: cases.otherOrg } }));
    const viaRlsOnly = await withTenant(ctx(), (tx) => tx.case.findUnique({ where: { id: cases.otherOrg } }));
    expect(viaScope).toBeNull();
    expect(viaRlsOnly).toBeNull();
  });
});

describe("own and other assignment", () => {
  it("treats a case as the volunteer's own when assigned to or created by them, and not otherwise", () => {
    const me = cast.VOLUNTEER;
    expect(isOwnCase(me, { assignedToId: me.userId, createdById: null })).toBe(true);
    expect(isOwnCase(me, { assignedToId: otherVolunteer.userId, createdById: me.userId })).toBe(true);
    expect(isOwnCase(me, { assignedToId: otherVolunteer.userId, createdById: otherVolunteer.userId })).toBe(false);
  });
});

// ── through the services ─────────────────────────────────────────────────────────────────────────
type Outcome = "ok" | "FORBIDDEN" | "NOT_FOUND";

async function outcome(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    await work();
    return "ok";
  } catch (error) {
    if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) return error.code;
    throw error;
  }
}

const readers = (role: Role): Outcome => (can({ role }, "cases.read") ? "ok" : "FORBIDDEN");
const adminsOnly = (role: Role): Outcome => (role === "ADMIN" ? "ok" : "FORBIDDEN");

describe.each(ROLES)("services for %s", (role) => {
  const ctx = () => cast[role] as Ctx;

  it.each([
    ["its own assignment", "assignedToMe"],
    ["someone else's case in its organisation", "someoneElses"],
  ] as const)("opens %s only with cases.read", async (_label, name) => {
    const result = await outcome(() => getCase(ctx(), cases[name]));
    expect(result === "ok" ? "ok" : "refused").toBe(readers(role) === "ok" ? "ok" : "refused");
  });

  it("gets not found (or forbidden without the permission) for another organisation's case and person", async () => {
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(await outcome(() => getCase(ctx(), cases.otherOrg)));
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(await outcome(() => getPerson(ctx(), personB)));
    if (can(ctx(), "cases.read")) expect(await outcome(() => getCase(ctx(), cases.otherOrg))).toBe("NOT_FOUND");
    if (can(ctx(), "people.read")) {
      expect(await outcome(() => getPerson(ctx(), personB))).toBe("NOT_FOUND");
      expect(await outcome(() => getPerson(ctx(), personA))).toBe("ok");
    }
  });

  it("lists members, invites and manages API tokens only as an admin", async () => {
    expect(await outcome(() => findMembers(ctx()))).toBe(adminsOnly(role));
    expect(await outcome(() => createInvite(ctx(), { email: `matrix-${role.toLowerCase()}@example.test`, role: "VOLUNTEER" }))).toBe(adminsOnly(role));
    expect(await outcome(() => findApiTokens(ctx()))).toBe(adminsOnly(role));
    expect(await outcome(() => createApiToken(ctx(), { name: "matrix" }))).toBe(adminsOnly(role));
  });

  it("cannot change the role of another organisation's member (not found for an admin)", async () => {
    const [membership] = await ownerQuery<{ id: string; version: number }>(`SELECT id, version FROM memberships WHERE "userId" = $1`, [memberOfB.userId]);
    const result = await outcome(() => changeMemberRole(ctx(), { membershipId: membership!.id, version: membership!.version, role: "ANALYST" }));
    expect(result).toBe(role === "ADMIN" ? "NOT_FOUND" : "FORBIDDEN");
    const [after] = await ownerQuery<{ role: string }>(`SELECT role FROM memberships WHERE id = $1`, [membership!.id]);
    expect(after?.role).toBe("ADMIN");
  });
});
