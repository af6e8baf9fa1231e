import { beforeAll, describe, expect, it } from "vitest";
import { addContact } from "../../lib/cases/contacts";
import { createCase } from "../../lib/cases/create-case";
import { addEvent, deleteEvent, updateEvent } from "../../lib/cases/events";
import { findCases } from "../../lib/cases/find-cases";
import { getCase } from "../../lib/cases/get-case";
import { getCaseActivity } from "../../lib/cases/get-case-activity";
import { assignCase, deleteCase, restoreCase, setStatusOverride } from "../../lib/cases/manage-case";
import { updateCase } from "../../lib/cases/update-case";
import { AppError } from "../../lib/errors";
import { getEnv } from "../../lib/env";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const newCase = (name: string, extra: Record<string, unknown> = {}) => ({
  subject: { person: { names: [{ value: name }] } },
  contacts: [{ person: { names: [{ value: "Айгүл Қасымова" }], phone: "+7 701 000 00 00" }, relationship: "WIFE" }],
  ...extra,
});

describe("opening and reading cases", () => {
  let admin: TestMember;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherVolunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;

  beforeAll(async () => {
    const org = await createOrg("Atazhurt", "AT");
    admin = await createMember(org, "ADMIN");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    otherVolunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "COORDINATOR");
  });

  it("gives a new case a reference of the form <ORG>-<YEAR>-<NNNN>, its subject, contact and consent", async () => {
    const created = await createCase(
      volunteer,
      newCase("Қасымов Ерлан", { disclosureLevel: "PUBLIC", consentGivenBy: "Айгүл", consentGivenAt: "2025-01-10", consentScope: "media" }),
    );
    expect(created.reference).toMatch(new RegExp(`^AT-${new Date().getUTCFullYear()}-\\d{4}$`));
    const detail = await getCase(volunteer, created.id);
    expect(detail.subject.displayName).toBe("Қасымов Ерлан");
    expect(detail.contacts).toHaveLength(1);
    expect(detail.contacts[0]).toMatchObject({ relationship: "WIFE", isPrimary: true, contact: { phone: "+7 701 000 00 00" } });
    expect(detail.consentGivenBy).toBe("Айгүл");
    expect(detail.disclosureLevel).toBe("PUBLIC");
  });

  it("numbers concurrently created cases without a gap or a duplicate", async () => {
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => createCase(coordinator, newCase(`Person ${i}`))));
    const numbers = created.map((c) => Number(c.reference.split("-")[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.at(-1)! - numbers[0]!).toBe(7);
  });

  it("audits a new case's subject, its new contact and the case in that order, in a chain that verifies after cases opened at once", async () => {
    const created = await Promise.all(Array.from({ length: 6 }, (_, i) => createCase(coordinator, newCase(`Audited ${i}`))));
    for (const { id } of created) {
      const [row] = await ownerQuery<{ subject: string; contact: string }>(
        `SELECT c."subjectPersonId" AS subject, cc."personId" AS contact FROM cases c JOIN case_contacts cc ON cc."caseId" = c.id WHERE c.id = $1`,
        [id],
      );
      const events = await ownerQuery<{ action: string; entityId: string }>(
        `SELECT action, "entityId" FROM audit_events WHERE "entityId" = ANY($1::text[]) ORDER BY id`,
        [[row!.subject, row!.contact, id]],
      );
      expect(events).toEqual([
        { action: "person.create", entityId: row!.subject },
        { action: "person.create", entityId: row!.contact },
        { action: "case.create", entityId: id },
      ]);
    }
    expect((await verifyAuditChains(getEnv().DATABASE_URL!)).problems).toEqual([]);
  });

  it("refuses public disclosure without a recorded consent, per field", async () => {
    const error = await createCase(volunteer, newCase("Test", { disclosureLevel: "PUBLIC" })).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toMatchObject({ consentGivenBy: ["required"], consentGivenAt: ["required"] });
  });

  it("saves nothing when a later part of the case fails", async () => {
    const before = await ownerQuery<{ n: string }>(`SELECT count(*)::text AS n FROM people`);
    const missing = "7b0e7a9c-9a51-4a5e-b2b3-1a2b3c4d5e6f";
    const error = await codeOf(
      createCase(volunteer, {
        subject: { person: { names: [{ value: "Half Saved" }] } },
        contacts: [{ personId: missing, relationship: "BROTHER" }],
      }),
    );
    expect(error).toBe("NOT_FOUND");
    const after = await ownerQuery<{ n: string }>(`SELECT count(*)::text AS n FROM people`);
    expect(after[0]!.n).toBe(before[0]!.n);
    const cases = await ownerQuery(`SELECT 1 FROM cases c JOIN people p ON p.id = c."subjectPersonId" WHERE p."displayName" = 'Half Saved'`);
    expect(cases).toHaveLength(0);
  });

  describe("permissions", () => {
    let volunteersCase: string;
    beforeAll(async () => {
      volunteersCase = (await createCase(volunteer, newCase("Dauletbek Maksutkhan"))).id;
    });

    it("lets a volunteer see another volunteer's case, but without contact details", async () => {
      const seen = await getCase(otherVolunteer, volunteersCase);
      expect(seen.contactsVisible).toBe(false);
      expect(seen.contacts[0]?.contact).toBeNull();
      expect(seen.permissions.edit).toBe(false);
    });

    it("refuses a volunteer's edit of a case neither assigned to nor created by them", async () => {
      expect(await codeOf(updateCase(otherVolunteer, volunteersCase, { version: 1, priority: "HIGH" }))).toBe("FORBIDDEN");
      expect(await codeOf(addEvent(otherVolunteer, volunteersCase, { type: "DETAINED", date: "2018" }))).toBe("FORBIDDEN");
    });

    it("lets a volunteer edit a case once it is assigned to them", async () => {
      const { version } = await assignCase(coordinator, volunteersCase, { version: 1, assignedToId: otherVolunteer.userId });
      const seen = await getCase(otherVolunteer, volunteersCase);
      expect(seen.contactsVisible).toBe(true);
      expect(await codeOf(updateCase(otherVolunteer, volunteersCase, { version, priority: "HIGH" }))).toBe("OK");
    });

    it("refuses volunteers reassigning, overriding status and deleting", async () => {
      expect(await codeOf(assignCase(volunteer, volunteersCase, { version: 3, assignedToId: volunteer.userId }))).toBe("FORBIDDEN");
      expect(await codeOf(setStatusOverride(volunteer, volunteersCase, { version: 3, status: "RELEASED_IN_CHINA" }))).toBe("FORBIDDEN");
      expect(await codeOf(deleteCase(volunteer, volunteersCase, { version: 3 }))).toBe("FORBIDDEN");
    });

    it("refuses a volunteer assigning a new case to someone else", async () => {
      expect(await codeOf(createCase(volunteer, newCase("X", { assignedToId: otherVolunteer.userId })))).toBe("FORBIDDEN");
    });

    it("lets coordinators and admins see contacts and edit any case", async () => {
      for (const member of [coordinator, admin]) {
        const seen = await getCase(member, volunteersCase);
        expect(seen.contactsVisible).toBe(true);
        expect(seen.contacts[0]?.contact).toEqual({ phone: "+7 701 000 00 00" });
        const result = await updateCase(member, volunteersCase, { version: seen.version, tags: ["urgent-appeal"] });
        expect(result.version).toBe(seen.version + 1);
      }
    });

    it("refuses analysts any case page or list", async () => {
      expect(await codeOf(getCase(analyst, volunteersCase))).toBe("FORBIDDEN");
      expect(await codeOf(findCases(analyst, {}))).toBe("FORBIDDEN");
      expect(await codeOf(createCase(analyst, newCase("Y")))).toBe("FORBIDDEN");
    });

    it("answers NOT_FOUND to another organisation, for reading and for writing", async () => {
      expect(await codeOf(getCase(outsider, volunteersCase))).toBe("NOT_FOUND");
      expect(await codeOf(updateCase(outsider, volunteersCase, { version: 1, priority: "LOW" }))).toBe("NOT_FOUND");
      expect(await codeOf(addEvent(outsider, volunteersCase, { type: "DETAINED", date: "2018" }))).toBe("NOT_FOUND");
      const list = await findCases(outsider, { q: "Dauletbek" });
      expect(list.items).toHaveLength(0);
    });

    it("soft-deletes a case and lets a coordinator restore it", async () => {
      const current = await getCase(coordinator, volunteersCase);
      await deleteCase(coordinator, volunteersCase, { version: current.version });
      expect(await codeOf(getCase(volunteer, volunteersCase))).toBe("NOT_FOUND");
      const deletedList = await findCases(coordinator, { deleted: "1" });
      expect(deletedList.items.map((c) => c.id)).toContain(volunteersCase);
      await restoreCase(coordinator, volunteersCase);
      expect((await getCase(volunteer, volunteersCase)).id).toBe(volunteersCase);
    });

    it("shows coordinators who viewed and changed the case, and refuses volunteers that panel", async () => {
      const activity = await getCaseActivity(coordinator, volunteersCase);
      const actions = activity.map((a) => a.action);
      expect(actions).toContain("case.view");
      expect(actions).toContain("case.update");
      expect(actions).toContain("case.create");
      expect(activity.some((a) => a.action === "case.update" && a.changedFields.includes("tags"))).toBe(true);
      expect(await codeOf(getCaseActivity(volunteer, volunteersCase))).toBe("FORBIDDEN");
    });
  });

  describe("concurrent edits", () => {
    it("refuses the second of two saves made from the same version, handing back the other change", async () => {
      const { id } = await createCase(coordinator, newCase("Concurrent"));
      const opened = await getCase(coordinator, id);
      await updateCase(admin, id, { version: opened.version, summary: "Admin's summary", priority: "URGENT" });
      const error = await updateCase(coordinator, id, { version: opened.version, summary: "Coordinator's summary" }).catch((e: AppError) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("CONFLICT");
      expect((error as AppError).details).toMatchObject({ current: { version: opened.version + 1, summary: "Admin's summary", priority: "URGENT" } });
      expect((await getCase(coordinator, id)).summary).toBe("Admin's summary");
    });

    it("lets only one of two racing saves through", async () => {
      const { id } = await createCase(coordinator, newCase("Race"));
      const results = await Promise.all([
        codeOf(updateCase(admin, id, { version: 1, priority: "HIGH" })),
        codeOf(updateCase(coordinator, id, { version: 1, priority: "LOW" })),
      ]);
      expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    });

    it("refuses a stale edit of a timeline event", async () => {
      const { id } = await createCase(coordinator, newCase("Event race"));
      const event = await addEvent(coordinator, id, { type: "DETAINED", date: "2018-03" });
      await updateEvent(admin, id, event.id, { ...event, date: "2018-04", version: event.version });
      expect(await codeOf(updateEvent(coordinator, id, event.id, { type: "DETAINED", date: "2018-05", version: event.version }))).toBe("CONFLICT");
    });
  });

  it("writes an audit event for every view of a case", async () => {
    const { id } = await createCase(coordinator, newCase("Viewed"));
    await getCase(volunteer, id);
    await getCase(volunteer, id);
    const rows = await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'case.view' AND "entityId" = $1 AND "actorUserId" = $2`, [id, volunteer.userId]);
    expect(rows).toHaveLength(2);
  });

  it("adds a family contact and keeps one primary contact", async () => {
    const { id } = await createCase(coordinator, newCase("Contacts"));
    await addContact(coordinator, id, { person: { names: [{ value: "Brother" }] }, relationship: "BROTHER", isPrimary: true });
    const detail = await getCase(coordinator, id);
    expect(detail.contacts.filter((c) => c.isPrimary).map((c) => c.relationship)).toEqual(["BROTHER"]);
    expect(await codeOf(addContact(coordinator, id, { personId: detail.subject.id, relationship: "OTHER", relationshipOther: "self" }))).toBe("INVALID");
  });

  it("deletes an event and re-derives the status without it", async () => {
    const { id } = await createCase(coordinator, newCase("Delete event"));
    await addEvent(coordinator, id, { type: "DETAINED", date: "2017" });
    const released = await addEvent(coordinator, id, { type: "RELEASED", date: "2019-05" });
    expect((await getCase(coordinator, id)).status).toBe("RELEASED_IN_CHINA");
    await deleteEvent(coordinator, id, released.id, { version: released.version });
    expect((await getCase(coordinator, id)).status).toBe("DETAINED");
  });
});
