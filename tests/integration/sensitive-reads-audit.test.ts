import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findCaseAdvocacyActions } from "../../lib/advocacy/find-advocacy-actions";
import { exportAuditEventsCsv } from "../../lib/audit-log/find-audit-events";
import { createCase } from "../../lib/cases/create-case";
import { addEvent, listEvents } from "../../lib/cases/events";
import { getCase } from "../../lib/cases/get-case";
import { encryptField } from "../../lib/crypto";
import { advocacyDescriptionContext, policeDescriptionContext, protestDescriptionContext } from "../../lib/crypto-contexts";
import { resetEnvCache } from "../../lib/env";
import { downloadAttachment, uploadAttachment } from "../../lib/files/attachments";
import { addNote } from "../../lib/notes/notes";
import { createPerson } from "../../lib/people/create-person";
import { getPerson } from "../../lib/people/get-person";
import { getPoliceAction } from "../../lib/police-actions/get-police-action";
import { getProtest } from "../../lib/protests/get-protest";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

// Values that must never reach the audit log, whoever reads them.
const PHONE = "+7 705 321 00 99";
const MESSENGER = "@aigul_hidden";
const ADDRESS = "Taldykorgan, Zhansugurov 12";
const PERSON_NOTE = "she is afraid her brother will be punished";
const SUMMARY = "Taken from the bazaar in Ghulja";
const CASE_NOTE = "The neighbour saw two police cars";
const TESTIMONY = "They kept him in a basement for nine days";
const FILE_TEXT = "Court verdict, page one";
const FILE_NAME = "verdict-scan.txt";
const PROTEST_TEXT = "Held portraits of the missing outside the consulate";
const POLICE_TEXT = "Officers read out the warning twice";
const ADVOCACY_TEXT = "Letter asking about his whereabouts";
const SECRETS = [PHONE, MESSENGER, ADDRESS, PERSON_NOTE, SUMMARY, CASE_NOTE, TESTIMONY, FILE_TEXT, FILE_NAME, PROTEST_TEXT, POLICE_TEXT, ADVOCACY_TEXT];

async function eventsOf(actorUserId: string, action: string) {
  return ownerQuery<{ entityType: string; entityId: string; metadata: unknown; changedFields: string[] }>(
    `SELECT "entityType", "entityId", metadata, "changedFields" FROM audit_events WHERE "actorUserId" = $1 AND action = $2 ORDER BY id`,
    [actorUserId, action],
  );
}

describe("audited reads of sensitive data", () => {
  let coordinator: TestMember;
  let reader: TestMember;
  let volunteer: TestMember;
  let admin: TestMember;
  let personId: string;
  let caseId: string;
  let attachmentId: string;
  let protestId: string;
  let policeId: string;

  beforeAll(async () => {
    process.env.QAMQOR_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "qamqor-reads-"));
    resetEnvCache();
    const org = await createOrg("Reads group", "RG");
    coordinator = await createMember(org, "COORDINATOR");
    reader = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    admin = await createMember(org, "ADMIN");

    personId = (await createPerson(coordinator, { names: [{ value: "Aigul Serikbay" }], contact: { phone: PHONE, messenger: MESSENGER, address: ADDRESS }, notes: PERSON_NOTE })).id;
    caseId = (await createCase(coordinator, { subject: { person: { names: [{ value: "Marat Serikbay" }] } }, contacts: [{ personId, relationship: "SISTER" }], summary: SUMMARY })).id;
    await addNote(coordinator, caseId, { body: CASE_NOTE });
    await addEvent(coordinator, caseId, { type: "DETAINED", date: "2018-03", description: TESTIMONY });
    attachmentId = (await uploadAttachment(coordinator, { caseId, fileName: FILE_NAME, bytes: Buffer.from(FILE_TEXT) })).id;

    protestId = randomUUID();
    await ownerQuery(
      `INSERT INTO protests (id, "organizationId", "startsAt", city, kind, "descriptionEnc", "updatedAt") VALUES ($1, $2, now(), 'Almaty', 'PICKET', $3, now())`,
      [protestId, org.id, encryptField(PROTEST_TEXT, protestDescriptionContext(protestId))],
    );
    policeId = randomUUID();
    await ownerQuery(
      `INSERT INTO police_actions (id, "organizationId", "personId", "protestId", type, date, "descriptionEnc", "updatedAt") VALUES ($1, $2, $3, $4, 'WARNING', '2024-03-01', $5, now())`,
      [policeId, org.id, personId, protestId, encryptField(POLICE_TEXT, policeDescriptionContext(policeId))],
    );
    const advocacyId = randomUUID();
    await ownerQuery(
      `INSERT INTO advocacy_actions (id, "organizationId", "caseId", type, date, recipient, "descriptionEnc", "updatedAt") VALUES ($1, $2, $3, 'LETTER', '2024-04-01', 'Foreign ministry', $4, now())`,
      [advocacyId, org.id, caseId, encryptField(ADVOCACY_TEXT, advocacyDescriptionContext(advocacyId))],
    );
  });

  it("records who saw a person's contact details and notes, naming the fields but not their values", async () => {
    const person = await getPerson(reader, personId);
    expect(person.contact?.phone).toBe(PHONE);
    expect(await eventsOf(reader.userId, "person.contact.view")).toEqual([
      { entityType: "Person", entityId: personId, metadata: { fields: ["contact", "notes"] }, changedFields: [] },
    ]);
  });

  it("records nothing for a volunteer who was shown no contact details", async () => {
    const person = await getPerson(volunteer, personId);
    expect(person.contact).toBeNull();
    expect(await eventsOf(volunteer.userId, "person.contact.view")).toEqual([]);
  });

  it("records every opening of a case, which shows its notes, summary and testimony", async () => {
    const opened = await getCase(reader, caseId);
    expect(opened.notes.map((n) => n.body)).toContain(CASE_NOTE);
    expect(await eventsOf(reader.userId, "case.view")).toEqual([
      { entityType: "Case", entityId: caseId, metadata: { contactsShown: true }, changedFields: [] },
    ]);
  });

  it("records a read of a case's timeline with its testimony through the API", async () => {
    const events = await listEvents(reader, caseId);
    expect(events.map((e) => e.description)).toContain(TESTIMONY);
    expect(await eventsOf(reader.userId, "case.events.view")).toEqual([
      { entityType: "Case", entityId: caseId, metadata: { events: 1 }, changedFields: [] },
    ]);
  });

  it("records every file download", async () => {
    const file = await downloadAttachment(reader, attachmentId);
    expect(file.bytes.toString()).toBe(FILE_TEXT);
    expect(await eventsOf(reader.userId, "attachment.download")).toEqual([
      { entityType: "Attachment", entityId: attachmentId, metadata: { caseId }, changedFields: [] },
    ]);
  });

  it("records reads of a protest, a police action and a case's advocacy letters", async () => {
    expect((await getProtest(reader, protestId)).description).toBe(PROTEST_TEXT);
    expect((await getPoliceAction(reader, policeId)).description).toBe(POLICE_TEXT);
    expect((await findCaseAdvocacyActions(reader, caseId)).map((a) => a.description)).toEqual([ADVOCACY_TEXT]);
    expect(await eventsOf(reader.userId, "protest.view")).toHaveLength(1);
    expect(await eventsOf(reader.userId, "policeAction.view")).toHaveLength(1);
    expect(await eventsOf(reader.userId, "advocacy.view")).toHaveLength(1);
  });

  it("records every export of the audit log", async () => {
    await exportAuditEventsCsv(admin, {});
    expect(await eventsOf(admin.userId, "audit.export")).toHaveLength(1);
  });

  it("keeps every value read out of the audit log, in any column", async () => {
    const [dump] = await ownerQuery<{ text: string }>(`SELECT coalesce(string_agg(a::text, ' '), '') AS text FROM audit_events a`);
    expect(dump!.text.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(dump!.text).not.toContain(secret);
  });
});
