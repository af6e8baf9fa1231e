import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postErasure } from "../../app/api/v1/people/[personId]/erasure/route";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { hashApiToken } from "../../lib/auth/api-tokens";
import { createCase } from "../../lib/cases/create-case";
import { addEvent } from "../../lib/cases/events";
import { decryptField, encryptField } from "../../lib/crypto";
import * as contexts from "../../lib/crypto-contexts";
import { resetEnvCache } from "../../lib/env";
import { uploadAttachment } from "../../lib/files/attachments";
import { storedFilePath } from "../../lib/files/storage";
import { chineseIdCheckCharacter, iinCheckDigit } from "../../lib/identity-documents/numbers";
import { addNote } from "../../lib/notes/notes";
import { createPerson } from "../../lib/people/create-person";
import { deletePerson, restorePerson } from "../../lib/people/delete-person";
import { ERASED_DISPLAY_NAME, erasePerson } from "../../lib/people/erase-person";
import { findPeople } from "../../lib/people/find-people";
import { getPerson } from "../../lib/people/get-person";
import { mergePeople } from "../../lib/people/merge-people";
import { setPortrait } from "../../lib/people/portrait";
import sharp from "sharp";
import { updatePerson } from "../../lib/people/update-person";
import { addUnReply } from "../../lib/un-submissions/add-un-reply";
import { createUnSubmission } from "../../lib/un-submissions/create-un-submission";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

// What must be gone from every column of every table once the person is erased.
const LATIN = "Serikzhan Bolatkhanuly";
const CYRILLIC = "Серикжан Болатханулы";
const HAN = "塞力克江";
const DUPLICATE = "Serikjan Bolathanov";
const PHONE = "+7 701 555 12 34";
const PHONE_DIGITS = "77015551234";
const DUPLICATE_PHONE = "+7 702 999 88 77";
const MESSENGER = "@serik_hidden_b";
const ADDRESS = "Zharkent, Abai street 5";
const NOTE = "hiding at his grandmother's house in Shonzhy";
const DUPLICATE_NOTE = "second record says he worked in Kokpekti";
const CASE_NOTE = "Testimony: the guards beat him in block seven";
const FILE_TEXT = "Scanned passport page of the detained man";
const CN_ID = `65400219750412031${chineseIdCheckCharacter("65400219750412031")}`;
const IIN = `7504123001${"2"}${iinCheckDigit("75041230012") ?? ""}`;
const DOCUMENT_NOTE = "copied from the photo his sister kept";
const NEEDLES = [
  LATIN, CYRILLIC, HAN, DUPLICATE, PHONE, PHONE_DIGITS, DUPLICATE_PHONE, MESSENGER, ADDRESS, NOTE, DUPLICATE_NOTE, CASE_NOTE, FILE_TEXT,
  CN_ID, IIN, DOCUMENT_NOTE,
];

/** Which crypto context each encrypted column uses, so the test can decrypt every value left in the database. */
const ENCRYPTED: Record<string, (id: string) => string> = {
  "people.contactEnc": contexts.personContactContext,
  "people.notesEnc": contexts.personNotesContext,
  "cases.summaryEnc": contexts.caseSummaryContext,
  "cases.consentNotesEnc": contexts.caseConsentNotesContext,
  "case_events.descriptionEnc": contexts.eventDescriptionContext,
  "notes.bodyEnc": contexts.noteBodyContext,
  "protests.descriptionEnc": contexts.protestDescriptionContext,
  "police_actions.descriptionEnc": contexts.policeDescriptionContext,
  "advocacy_actions.descriptionEnc": contexts.advocacyDescriptionContext,
  "advocacy_actions.responseEnc": contexts.advocacyResponseContext,
  "tasks.descriptionEnc": contexts.taskDescriptionContext,
  "sources.descriptionEnc": contexts.sourceDescriptionContext,
  "attachments.fileNameEnc": contexts.attachmentFileNameContext,
  "users.totpSecretEnc": contexts.userTotpSecretContext,
  "person_documents.numberEnc": contexts.personDocumentNumberContext,
  "person_documents.noteEnc": contexts.personDocumentNoteContext,
  "un_submissions.arbitraryReasonsEnc": contexts.unSubmissionReasonsContext,
  "un_submissions.commentsEnc": contexts.unSubmissionCommentsContext,
  "un_submission_replies.summaryEnc": contexts.unReplySummaryContext,
};

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
}

/** Runs `work` with one owner connection (no row-level security): a scan makes many queries. */
async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every text, json and binary column of every table. */
async function textColumns(client: pg.Client): Promise<Column[]> {
  const { rows } = await client.query<Column>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND (data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea') OR udt_name IN ('_text', '_varchar'))
      ORDER BY table_name, column_name`,
  );
  return rows;
}

/** "table.column: needle" for every column of every table that contains one of the needles (any letter case). */
async function findAnywhere(needles: string[]): Promise<string[]> {
  return asOwner(async (client) => {
    const found: string[] = [];
    const patterns = needles.map((needle) => `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    for (const { table_name: table, column_name: column, data_type: type } of await textColumns(client)) {
      const cast = type === "bytea" ? `encode("${column}", 'escape')` : `"${column}"::text`;
      const { rows } = await client.query<{ value: string }>(`SELECT lower(${cast}) AS value FROM "${table}" WHERE lower(${cast}) LIKE ANY($1::text[])`, [patterns]);
      for (const row of rows) for (const needle of needles) if (row.value.includes(needle.toLowerCase())) found.push(`${table}.${column}: ${needle}`);
    }
    return [...new Set(found)];
  });
}

/** Every encrypted value left in the database, decrypted with the context of its column and row. */
async function decryptEverything(): Promise<{ plain: string[]; unknownColumns: string[] }> {
  return asOwner(async (client) => {
    const plain: string[] = [];
    const unknownColumns = new Set<string>();
    for (const { table_name: table, column_name: column, data_type: type } of await textColumns(client)) {
      if (type !== "text") continue;
      const { rows } = await client.query<{ id: string; value: string }>(
        `SELECT id::text AS id, "${column}" AS value FROM "${table}" WHERE "${column}" LIKE 'v1.%'`,
      ).catch(() => ({ rows: [] as { id: string; value: string }[] }));
      if (!rows.length) continue;
      const context = ENCRYPTED[`${table}.${column}`];
      if (!context) {
        unknownColumns.add(`${table}.${column}`);
        continue;
      }
      for (const row of rows) plain.push(decryptField(row.value, context(row.id)) ?? "");
    }
    return { plain, unknownColumns: [...unknownColumns] };
  });
}

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; key?: string; fieldErrors?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; key?: string };
  }
  throw new Error("expected a refusal");
}

describe("erasing a person on a family's request", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;
  let personId: string;
  let duplicateId: string;
  let caseId: string;
  let storageKeys: string[] = [];
  let oldCiphertexts: string[] = [];

  beforeAll(async () => {
    process.env.QAMQOR_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "qamqor-erasure-"));
    resetEnvCache();
    const org = await createOrg("Erasure group", "ER");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OT"), "COORDINATOR");

    const person = await createPerson(coordinator, {
      names: [{ value: LATIN }, { value: CYRILLIC, kind: "TRANSLITERATION" }, { value: HAN, kind: "ALIAS" }],
      gender: "MALE",
      birthDate: "1975",
      birthDatePrecision: "YEAR",
      ethnicity: "Kazakh",
      citizenships: ["CN"],
      hometownText: "Shonzhy",
      contact: { phone: PHONE, messenger: MESSENGER, address: ADDRESS },
      notes: NOTE,
      documents: [{ kind: "CN_RESIDENT_ID", number: CN_ID, note: DOCUMENT_NOTE }],
    });
    personId = person.id;
    const duplicate = await createPerson(coordinator, {
      names: [{ value: DUPLICATE }],
      contact: { phone: DUPLICATE_PHONE },
      notes: DUPLICATE_NOTE,
      documents: [{ kind: "KZ_IIN", number: IIN }],
    });
    duplicateId = duplicate.id;
    const wife = await createPerson(coordinator, { names: [{ value: "Gulnara Tleukhan" }] });

    // the case about him, with a family contact, a timeline, a note and a file
    caseId = (
      await createCase(coordinator, {
        subject: { personId },
        contacts: [{ personId: wife.id, relationship: "WIFE" }],
        summary: `${LATIN} was taken from his home in 2017.`,
        consentNotes: `${CYRILLIC} asked us to speak for him.`,
        tags: ["camp", LATIN.toLowerCase()],
      })
    ).id;
    await addEvent(coordinator, caseId, {
      type: "DETAINED",
      date: "2017-04",
      facility: "Camp No. 3",
      warrantShown: "YES",
      warrantDetails: `Detention decision on ${LATIN}`,
      description: `${CASE_NOTE}; ${HAN}`,
    });
    await addNote(coordinator, caseId, { body: `${CASE_NOTE} — call ${PHONE}` });
    const file = await uploadAttachment(coordinator, { caseId, fileName: `${LATIN}.txt`, bytes: Buffer.from(`${FILE_TEXT}: ${LATIN}`) });

    // a case about someone else where he speaks as a cousin
    const otherCase = (
      await createCase(coordinator, {
        subject: { person: { names: [{ value: "Aidos Kenzhebek" }] } },
        contacts: [{ personId, relationship: "OTHER", relationshipOther: `cousin, ${LATIN}` }],
        summary: `Reported by ${LATIN}, who still keeps in touch.`,
      })
    ).id;
    await addNote(coordinator, otherCase, { body: `${CYRILLIC} called again on Monday.` });
    await addEvent(coordinator, otherCase, { type: "DETAINED", date: "2018", warrantShown: "YES", warrantDetails: `Read out to ${CYRILLIC} at the door` });

    // a protest he joined, a police action against him, a source quoting him
    const protestRows = await ownerQuery<{ id: string }>(
      `INSERT INTO protests ("organizationId", "startsAt", city, kind, organiser, "updatedAt") VALUES ($1, now(), 'Almaty', 'PICKET', $2, now()) RETURNING id`,
      [org.id, `${LATIN} and others`],
    );
    const protestId = protestRows[0]!.id;
    await ownerQuery(`UPDATE protests SET "descriptionEnc" = $2 WHERE id = $1`, [protestId, encryptField(`${LATIN} held a portrait`, contexts.protestDescriptionContext(protestId))]);
    await ownerQuery(`INSERT INTO protest_participations ("organizationId", "protestId", "personId") VALUES ($1, $2, $3)`, [org.id, protestId, personId]);
    const policeId = randomUUID();
    await ownerQuery(
      `INSERT INTO police_actions (id, "organizationId", "personId", "protestId", type, date, authority, "descriptionEnc", "updatedAt")
       VALUES ($1, $2, $3, $4, 'DETENTION', '2024-05-01', 'Almaty police', $5, now())`,
      [policeId, org.id, personId, protestId, encryptField(`${LATIN} held for four hours`, contexts.policeDescriptionContext(policeId))],
    );
    const sourceId = randomUUID();
    await ownerQuery(
      `INSERT INTO sources (id, "organizationId", kind, title, url, "descriptionEnc", "updatedAt") VALUES ($1, $2, 'TESTIMONY', $3, $4, $5, now())`,
      [sourceId, org.id, `Interview with ${LATIN}`, "https://news.example/serikzhan-bolatkhanuly", encryptField(`"${NOTE}," he said.`, contexts.sourceDescriptionContext(sourceId))],
    );
    await ownerQuery(`INSERT INTO source_links ("organizationId", "sourceId", "personId") VALUES ($1, $2, $3)`, [org.id, sourceId, personId]);

    // the duplicate record, merged into him with a reason that names both
    await mergePeople(coordinator, { survivorId: personId, mergedId: duplicateId, reason: `${DUPLICATE} is ${LATIN}` });

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
    const portrait = await setPortrait(coordinator, personId, { fileName: `${LATIN}.png`, bytes: png });
    const storageKey = (await ownerQuery<{ storageKey: string }>(`SELECT "storageKey" FROM attachments WHERE id = $1`, [file.id]))[0]!.storageKey;
    const portraitKey = (await ownerQuery<{ storageKey: string }>(`SELECT "storageKey" FROM attachments WHERE id = $1`, [portrait.id]))[0]!.storageKey;
    storageKeys = [storageKey, portraitKey];
    expect(existsSync(storedFilePath(org.id, portraitKey))).toBe(true);
    expect(existsSync(storedFilePath(org.id, storageKey))).toBe(true);
    oldCiphertexts = (
      await ownerQuery<{ value: string }>(
        `SELECT unnest(ARRAY[p."contactEnc", p."notesEnc"]) AS value FROM people p WHERE p.id IN ($1, $2)
         UNION ALL SELECT "bodyEnc" FROM notes WHERE "caseId" = $3
         UNION ALL SELECT "summaryEnc" FROM cases WHERE id = $3
         UNION ALL SELECT "descriptionEnc" FROM case_events WHERE "caseId" = $3
         UNION ALL SELECT "fileNameEnc" FROM attachments WHERE "caseId" = $3`,
        [personId, duplicateId, caseId],
      )
    )
      .map((row) => row.value)
      .filter(Boolean);
    expect(oldCiphertexts.length).toBeGreaterThanOrEqual(7);
    expect(await findAnywhere([LATIN])).not.toEqual([]);
  });

  it("refuses volunteers and analysts", async () => {
    const person = await getPerson(coordinator, personId);
    const input = { reason: "FAMILY_REQUEST" as const, confirmation: LATIN, version: person.version };
    expect(await errorOf(erasePerson(volunteer, personId, input))).toMatchObject({ code: "FORBIDDEN" });
    expect(await errorOf(erasePerson(analyst, personId, input))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers another organisation's coordinator that the person does not exist", async () => {
    expect(await errorOf(erasePerson(outsider, personId, { reason: "FAMILY_REQUEST", confirmation: LATIN, version: 1 }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses a wrongly typed confirmation and an erasure based on a stale version", async () => {
    const person = await getPerson(coordinator, personId);
    expect(await errorOf(erasePerson(coordinator, personId, { reason: "FAMILY_REQUEST", confirmation: "Serik", version: person.version }))).toMatchObject({
      code: "INVALID",
      fieldErrors: { confirmation: ["confirmationMismatch"] },
    });
    // someone edits the person after the coordinator opened the page
    await updatePerson(coordinator, personId, { version: person.version, ethnicity: "Kazakh (Naiman)" });
    expect(await errorOf(erasePerson(coordinator, personId, { reason: "FAMILY_REQUEST", confirmation: LATIN, version: person.version }))).toMatchObject({
      code: "CONFLICT",
    });
    expect((await getPerson(coordinator, personId)).names.map((n) => n.value)).toContain(LATIN);
  });

  it("leaves no name, phone number, note or file of the person anywhere in the database or on disk", async () => {
    const person = await getPerson(coordinator, personId);
    const result = await erasePerson(coordinator, personId, { reason: "FAMILY_REQUEST", confirmation: ` ${LATIN.toUpperCase()} `, version: person.version });
    // the case file and the portrait
    expect(result).toMatchObject({ id: personId, mergedRecords: 1, filesDeleted: 2 });
    expect(await ownerQuery(`SELECT id FROM person_documents WHERE "personId" IN ($1, $2)`, [personId, duplicateId])).toEqual([]);

    expect(await findAnywhere(NEEDLES)).toEqual([]);
    const { plain, unknownColumns } = await decryptEverything();
    expect(unknownColumns).toEqual([]);
    for (const text of plain) for (const needle of NEEDLES) expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
    // not even a copy of an old ciphertext survives somewhere (it could be decrypted by whoever knows its record)
    expect(await findAnywhere(oldCiphertexts.map((ciphertext) => ciphertext.slice(-40)))).toEqual([]);
    for (const key of storageKeys) expect(existsSync(storedFilePath(coordinator.organizationId, key))).toBe(false);
  }, 120_000);

  it("keeps a tombstone that links and counts still point at", async () => {
    const tombstone = await getPerson(coordinator, personId);
    expect(tombstone).toMatchObject({ displayName: ERASED_DISPLAY_NAME, names: [], contact: null, notes: null, birthDate: null, ethnicity: null });
    expect(tombstone.erasedAt).not.toBeNull();
    const [row] = await ownerQuery<{ erasedById: string }>(`SELECT "erasedById" FROM people WHERE id = $1`, [personId]);
    expect(row!.erasedById).toBe(coordinator.userId);
    const [counts] = await ownerQuery<{ cases: number; participations: number; police: number; notes: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE "subjectPersonId" = $1) AS cases,
              (SELECT count(*)::int FROM protest_participations WHERE "personId" = $1) AS participations,
              (SELECT count(*)::int FROM police_actions WHERE "personId" = $1) AS police,
              (SELECT count(*)::int FROM notes WHERE "caseId" = $2) AS notes`,
      [personId, caseId],
    );
    expect(counts).toEqual({ cases: 1, participations: 1, police: 1, notes: 0 });
  });

  it("finds nothing when searching by any old name, the old phone number or an old identity number", async () => {
    for (const q of [LATIN, "Serikzhan", CYRILLIC, HAN, DUPLICATE, PHONE, CN_ID, IIN]) {
      expect((await findPeople(coordinator, { q })).total, q).toBe(0);
    }
  });

  it("records one audit event with only the person, the actor and the reason, and the chain still verifies", async () => {
    const events = await ownerQuery<{ actorUserId: string; entityId: string; metadata: unknown; changedFields: string[] }>(
      `SELECT "actorUserId", "entityId", metadata, "changedFields" FROM audit_events WHERE action = 'person.erased'`,
    );
    expect(events).toEqual([{ actorUserId: coordinator.userId, entityId: personId, metadata: { reason: "FAMILY_REQUEST" }, changedFields: [] }]);
    const verified = await verifyAuditChains(process.env.DATABASE_URL!);
    expect(verified.problems).toEqual([]);
    expect(verified.events).toBeGreaterThan(10);
  });

  it("refuses to edit, restore, merge or erase again an erased person", async () => {
    const tombstone = await getPerson(coordinator, personId);
    expect(await errorOf(updatePerson(coordinator, personId, { version: tombstone.version, names: [{ value: LATIN }] }))).toMatchObject({
      code: "CONFLICT",
      key: "personErased",
    });
    const other = await createPerson(coordinator, { names: [{ value: "Nurlan Abenov" }] });
    expect(await errorOf(mergePeople(coordinator, { survivorId: other.id, mergedId: personId, reason: "same" }))).toMatchObject({ key: "personErased" });
    expect(await errorOf(mergePeople(coordinator, { survivorId: personId, mergedId: other.id, reason: "same" }))).toMatchObject({ key: "personErased" });
    expect(await errorOf(erasePerson(coordinator, personId, { reason: "OTHER", confirmation: ERASED_DISPLAY_NAME, version: tombstone.version }))).toMatchObject({
      key: "personErased",
    });
    // a deleted tombstone cannot be brought back either
    const deletable = await createPerson(coordinator, { names: [{ value: "Temirlan Oskenbay" }] });
    await erasePerson(coordinator, deletable.id, { reason: "PERSON_REQUEST", confirmation: "Temirlan Oskenbay", version: deletable.version });
    await deletePerson(coordinator, deletable.id);
    expect(await errorOf(restorePerson(coordinator, deletable.id))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses, in the database itself, to give an erased person data back", async () => {
    await expect(ownerQuery(`UPDATE people SET "displayName" = $2 WHERE id = $1`, [personId, LATIN])).rejects.toThrow(/erased person/);
    await expect(ownerQuery(`UPDATE people SET "erasedAt" = NULL WHERE id = $1`, [personId])).rejects.toThrow(/erased person/);
    await expect(
      ownerQuery(
        `INSERT INTO person_names ("organizationId", "personId", value, script, normalized, skeleton) VALUES ($1, $2, $3, 'LATIN', 'x', 'x')`,
        [coordinator.organizationId, personId, LATIN],
      ),
    ).rejects.toThrow(/erased person/);
  });
});

describe("erasing the subject of a case sent to the UN", () => {
  it("clears who submitted it and every free text of its submissions and replies, and the name where they submitted for someone else", async () => {
    const org = await createOrg("UN erasure group", "UE");
    const coordinator = await createMember(org, "COORDINATOR");
    const subject = await createPerson(coordinator, { names: [{ value: "Yerzhan Zhaksylykuly" }] });
    const caseId = (await createCase(coordinator, { subject: { personId: subject.id } })).id;
    const wgad = await createUnSubmission(coordinator, caseId, {
      type: "WGAD",
      submitterName: "Aizhan Zhaksylykkyzy (sister)",
      arbitraryCategories: ["II"],
      arbitraryReasons: "Yerzhan was held for praying at home",
      sentAt: "2026-01-10",
      unReference: "WGAD/2026/17",
      comments: "His sister can be reached through the lawyer",
    });
    const reply = await addUnReply(coordinator, caseId, wgad.id, { receivedAt: "2026-03-01", summary: "The government says Yerzhan is in vocational training" });
    // he submitted for his cousin's case: his name there goes, the cousin's submission stays
    const cousinCase = (await createCase(coordinator, { subject: { person: { names: [{ value: "Dias Omarov" }] } } })).id;
    const cousin = await createUnSubmission(coordinator, cousinCase, { type: "WGEID", submitterName: "Yerzhan Zhaksylykuly, cousin", comments: "Sent by post" });

    await erasePerson(coordinator, subject.id, { reason: "FAMILY_REQUEST", confirmation: "Yerzhan Zhaksylykuly", version: 1 });

    const rows = await ownerQuery<{ id: string; submitterName: string | null; arbitraryReasonsEnc: string | null; commentsEnc: string | null; arbitraryCategories: string[]; unReference: string | null; sentAt: Date | null }>(
      `SELECT id, "submitterName", "arbitraryReasonsEnc", "commentsEnc", "arbitraryCategories", "unReference", "sentAt" FROM un_submissions WHERE "organizationId" = $1`,
      [org.id],
    );
    const own = rows.find((row) => row.id === wgad.id)!;
    expect(own).toMatchObject({ submitterName: null, arbitraryReasonsEnc: null, commentsEnc: null, arbitraryCategories: ["II"], unReference: "WGAD/2026/17" });
    expect(own.sentAt?.toISOString().slice(0, 10)).toBe("2026-01-10");
    const [replyRow] = await ownerQuery<{ summaryEnc: string | null; respondBy: Date }>(`SELECT "summaryEnc", "respondBy" FROM un_submission_replies WHERE id = $1`, [reply.id]);
    expect(replyRow).toMatchObject({ summaryEnc: null });
    expect(replyRow!.respondBy.toISOString().slice(0, 10)).toBe(reply.respondBy);
    const other = rows.find((row) => row.id === cousin.id)!;
    expect(other.submitterName).toBe("[…], cousin");
    expect(decryptField(other.commentsEnc, contexts.unSubmissionCommentsContext(cousin.id))).toBe("Sent by post");
    expect(await findAnywhere(["Zhaksylyk", "Yerzhan", "vocational", "praying"])).toEqual([]);
  }, 60_000);
});

describe("the erasure API", () => {
  const call = (token: string, body: unknown) =>
    new Request("http://localhost/api/v1/people/x/erasure", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify(body),
    });

  it("erases with a coordinator's token, refuses a volunteer's, hides the person from another organisation, and answers 409 afterwards", async () => {
    const org = await createOrg("API erasure group", "AE");
    const coordinator = await createMember(org, "COORDINATOR");
    const volunteer = await createMember(org, "VOLUNTEER");
    const outsider = await createMember(await createOrg("API outsiders", "AO"), "ADMIN");
    const coordinatorToken = await tokenFor(coordinator);
    const volunteerToken = await tokenFor(volunteer);
    const outsiderToken = await tokenFor(outsider);
    const person = await createPerson(coordinator, { names: [{ value: "Asem Baurzhanqyzy" }], contact: { phone: "+7 777 100 20 30" } });
    const body = { reason: "CONSENT_WITHDRAWN", confirmation: "Asem Baurzhanqyzy", version: person.version };
    const params = { params: Promise.resolve({ personId: person.id }) };

    expect((await postErasure(call(volunteerToken, body), params)).status).toBe(403);
    expect((await postErasure(call(outsiderToken, body), params)).status).toBe(404);
    const bad = await postErasure(call(coordinatorToken, { ...body, confirmation: "Asem" }), params);
    expect(bad.status).toBe(422);
    // a sentence in the caller's language (Accept-Language: en), not a bare key
    expect((await bad.json()).error.fieldErrors.confirmation).toEqual(["Type the name exactly as it is shown above."]);

    const done = await postErasure(call(coordinatorToken, body), params);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: person.id, mergedRecords: 0, filesDeleted: 0 });
    const again = await postErasure(call(coordinatorToken, { ...body, version: person.version + 1 }), params);
    expect(again.status).toBe(409);
    expect((await again.json()).error.key).toBe("personErased");
  });
});

async function tokenFor(member: TestMember): Promise<string> {
  const token = `qmq_${randomBytes(32).toString("base64url")}`;
  await ownerQuery(`INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'test', $3)`, [
    member.organizationId,
    member.userId,
    hashApiToken(token),
  ]);
  return token;
}
