// Opening a case is one round trip for its data: the statements it sends are counted, and what it
// returns is checked field by field against a case that has something in every part.
import os from "node:os";
import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { addContact } from "../../lib/cases/contacts";
import { createCase } from "../../lib/cases/create-case";
import { addEvent, deleteEvent } from "../../lib/cases/events";
import { getCase } from "../../lib/cases/get-case";
import { assignCase } from "../../lib/cases/manage-case";
import { resetEnvCache } from "../../lib/env";
import { uploadAttachment } from "../../lib/files/attachments";
import { addNote, deleteNote } from "../../lib/notes/notes";
import { findPlaces } from "../../lib/places/find-places";
import { addCaseSource } from "../../lib/sources/sources";
import { createTask } from "../../lib/tasks/tasks";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";
import { recordStatements } from "../helpers/statements";

describe("opening a case", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;
  let analyst: TestMember;
  let caseId: string;
  let eventId: string;

  beforeAll(async () => {
    process.env.QAMQOR_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "qamqor-open-"));
    resetEnvCache();
    const org = await createOrg("Open case group", "OC");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    const [ghulja] = await findPlaces(coordinator, { q: "Құлжа" });
    const created = await createCase(coordinator, {
      subject: { person: { names: [{ value: "Қасымов Ерлан" }, { value: "Qasymov Erlan" }], birthDate: "1970" } },
      contacts: [{ person: { names: [{ value: "Айгүл Қасымова" }], phone: "+7 701 000 00 01" }, relationship: "WIFE" }],
      summary: "Taken from his home in Ghulja.",
    });
    caseId = created.id;
    await addContact(coordinator, caseId, { person: { names: [{ value: "Болат Қасымов" }], phone: "+7 701 000 00 02" }, relationship: "BROTHER" });
    await assignCase(coordinator, caseId, { assignedToId: volunteer.userId, version: 1 });
    eventId = (await addEvent(coordinator, caseId, { type: "DETAINED", date: "наурыз 2018", placeId: ghulja?.id, description: "Taken at night." })).id;
    await addEvent(coordinator, caseId, { type: "SENT_TO_CAMP", date: "2018" });
    const removed = await addEvent(coordinator, caseId, { type: "CONTACT_LOST", date: "" });
    await deleteEvent(coordinator, caseId, removed.id, { version: removed.version });
    await addCaseSource(coordinator, caseId, { kind: "MEDIA_REPORT", title: "Report on the case", url: "https://example.org/a", description: "Interview" });
    await addCaseSource(coordinator, caseId, { kind: "TESTIMONY", title: "Wife's testimony", caseEventId: eventId });
    await uploadAttachment(coordinator, { caseId, fileName: "letter.txt", bytes: Buffer.from("a letter") });
    await uploadAttachment(coordinator, { caseId, caseEventId: eventId, fileName: "warrant.txt", bytes: Buffer.from("a warrant") });
    await addNote(coordinator, caseId, { body: "First note" });
    const gone = await addNote(coordinator, caseId, { body: "Removed note" });
    await deleteNote(coordinator, caseId, gone.id, { version: 1 });
    await addNote(volunteer, caseId, { body: "Second note" });
    await createTask(coordinator, caseId, { title: "Call the wife", assigneeId: volunteer.userId, description: "About the appeal" });
    await createTask(coordinator, caseId, { title: "Write to the ministry" });
  });

  it("reads every part of the case in one statement after beginning with the organisation set, then appends the audit event", async () => {
    const { statements } = await recordStatements(() => getCase(coordinator, caseId));
    expect(statements).toHaveLength(5);
    expect(statements[0]).toMatch(/^BEGIN; .*SELECT set_config\('app.organization_id', '[0-9a-f-]{36}', true\)/);
    expect(statements[1]).toMatch(/FROM cases c WHERE c.id = \$\d+::uuid/);
    // the chain's head, then the event, then COMMIT
    expect(statements.slice(2)).toEqual([
      expect.stringMatching(/^SELECT hash FROM audit_events/),
      expect.stringMatching(/^INSERT INTO audit_events/),
      "COMMIT",
    ]);
    expect(statements.join("\n")).not.toMatch(/IN \(NULL\)/i);
  });

  it("returns every part in the order the page lists it, with the timeline without its removed event", async () => {
    const detail = await getCase(coordinator, caseId);
    expect(detail.subject).toMatchObject({ displayName: "Қасымов Ерлан", birthDate: "1970-01-01", birthDatePrecision: "YEAR" });
    expect(detail.subject.names.map((name) => [name.value, name.isPrimary])).toEqual([
      ["Қасымов Ерлан", true],
      ["Qasymov Erlan", false],
    ]);
    expect(detail.summary).toBe("Taken from his home in Ghulja.");
    expect(detail.assignedToId).toBe(volunteer.userId);
    expect(detail.assignedToName).toMatch(/^VOLUNTEER/);
    expect(detail.contacts.map((c) => [c.displayName, c.relationship, c.isPrimary, c.contact?.phone])).toEqual([
      ["Айгүл Қасымова", "WIFE", true, "+7 701 000 00 01"],
      ["Болат Қасымов", "BROTHER", false, "+7 701 000 00 02"],
    ]);
    expect(detail.events.map((e) => [e.type, e.date, e.datePrecision])).toEqual([
      ["SENT_TO_CAMP", "2018-01-01", "YEAR"],
      ["DETAINED", "2018-03-01", "MONTH"],
    ]);
    const detained = detail.events[1];
    expect(detained).toMatchObject({ id: eventId, description: "Taken at night.", place: { nameKk: "Құлжа", parentName: expect.stringMatching(/Ili/) } });
    expect(detained?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(detail.sources.map((s) => [s.title, s.caseEventId, s.description])).toEqual([
      ["Report on the case", null, "Interview"],
      ["Wife's testimony", eventId, null],
    ]);
    expect(detail.attachments.map((a) => [a.fileName, a.caseEventId, a.sizeBytes])).toEqual([
      ["letter.txt", null, 8],
      ["warrant.txt", eventId, 9],
    ]);
    expect(detail.notes.map((n) => n.body)).toEqual(["Second note", "First note"]);
    expect(detail.tasks.map((t) => [t.title, t.assigneeId, t.description])).toEqual([
      ["Call the wife", volunteer.userId, "About the appeal"],
      ["Write to the ministry", null, null],
    ]);
  });

  it("shows contact details only to those allowed, and nothing of the case to an analyst or a volunteer of another case", async () => {
    const other = await createMember({ id: coordinator.organizationId, slug: "" }, "VOLUNTEER");
    const unassigned = await getCase(other, caseId);
    expect(unassigned.contactsVisible).toBe(false);
    expect(unassigned.contacts.every((c) => c.contact === null)).toBe(true);
    expect(JSON.stringify(unassigned)).not.toContain("+7 701");
    expect((await getCase(volunteer, caseId)).contacts[0]?.contact).toEqual({ phone: "+7 701 000 00 01" });
    await expect(getCase(analyst, caseId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCase(coordinator, "not-a-case")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps the audit chain in one line when the case is opened many times at once", async () => {
    await Promise.all(Array.from({ length: 12 }, () => getCase(coordinator, caseId)));
    const result = await verifyAuditChains(process.env.DATABASE_URL as string);
    expect(result.problems).toEqual([]);
    const views = await ownerQuery<{ n: string }>(`SELECT count(*)::text AS n FROM audit_events WHERE action = 'case.view' AND "entityId" = $1`, [caseId]);
    expect(Number(views[0]?.n)).toBeGreaterThanOrEqual(12);
  });
});
