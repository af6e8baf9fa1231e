import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../lib/cases/create-case";
import { AppError } from "../../lib/errors";
import { resetEnvCache } from "../../lib/env";
import { chineseIdCheckCharacter, iinCheckDigit } from "../../lib/identity-documents/numbers";
import { createPerson } from "../../lib/people/create-person";
import { findDuplicateCandidates } from "../../lib/people/find-duplicate-candidates";
import { findPeople } from "../../lib/people/find-people";
import { getPerson } from "../../lib/people/get-person";
import { mergePeople } from "../../lib/people/merge-people";
import { getPortrait, setPortrait } from "../../lib/people/portrait";
import { updatePerson } from "../../lib/people/update-person";
import { findPlaceByDivisionCode } from "../../lib/places/find-place-by-division-code";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

const cnId = (first17: string) => `${first17}${chineseIdCheckCharacter(first17)}`;
const iin = (first11: string) => `${first11}${iinCheckDigit(first11)}`;

// a man born 12 April 1975, registered in Ghulja (Yining city, 654002); his check character is X
const GHULJA_ID = cnId("65400219750412105");
// a woman born 3 March 1981, registered in Altay city (654301)
const ALTAY_ID = cnId("65430119810303042");
const SISTER_IIN = iin("81030340012");
/** A Chinese ID with one digit copied wrongly from a photograph */
const MISCOPIED = `${GHULJA_ID.slice(0, 5)}${(Number(GHULJA_ID[5]) + 1) % 10}${GHULJA_ID.slice(6)}`;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("identity documents", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;
  let ownVolunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;
  let holderId: string;

  beforeAll(async () => {
    process.env.QAMQOR_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "qamqor-documents-"));
    resetEnvCache();
    const org = await createOrg("Documents group", "DG");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    ownVolunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "ADMIN");
    const holder = await createPerson(coordinator, {
      names: [{ value: "Qairat Nurbekuly" }],
      documents: [{ kind: "CN_RESIDENT_ID", number: GHULJA_ID.replace(/(\d{6})(\d{8})/, "$1 $2 "), note: "from his hukou booklet" }],
    });
    holderId = holder.id;
    // the volunteer's own case: they may see the holder's details there
    await createCase(ownVolunteer, { subject: { personId: holderId } });
  });

  it("uses a number whose check character is X", () => {
    expect(GHULJA_ID.endsWith("X")).toBe(true);
  });

  it("keeps the number only encrypted: the raw columns read by the database owner hold no digit run of it", async () => {
    const rows = await ownerQuery<{ row: string }>(`SELECT row_to_json(d)::text AS row FROM person_documents d WHERE "personId" = $1`, [holderId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(GHULJA_ID.slice(0, 10));
    expect(rows[0]!.row).not.toContain(GHULJA_ID.slice(-8));
    expect(rows[0]!.row).not.toContain("hukou");
    const [raw] = await ownerQuery<{ numberEnc: string; numberHash: string }>(`SELECT "numberEnc", "numberHash" FROM person_documents WHERE "personId" = $1`, [holderId]);
    expect(raw!.numberEnc).toMatch(/^v1\./);
    expect(raw!.numberHash).not.toContain(GHULJA_ID);
  });

  it("shows the whole number to coordinators and volunteers of the person's case, and audits the read without the value", async () => {
    for (const reader of [coordinator, ownVolunteer]) {
      const person = await getPerson(reader, holderId);
      expect(person.documents).toEqual([
        expect.objectContaining({ kind: "CN_RESIDENT_ID", number: GHULJA_ID, masked: `•••• ${GHULJA_ID.slice(-4)}`, issuingCountry: "CN", note: "from his hukou booklet", checkOverridden: false }),
      ]);
    }
    const events = await ownerQuery<{ actorUserId: string; metadata: { fields: string[] }; row: string }>(
      `SELECT "actorUserId", metadata, row_to_json(a)::text AS row FROM audit_events a WHERE action = 'person.contact.view' AND "entityId" = $1`,
      [holderId],
    );
    expect(events.map((e) => e.actorUserId).sort()).toEqual([coordinator.userId, ownVolunteer.userId].sort());
    for (const event of events) {
      expect(event.metadata.fields).toContain("documents");
      expect(event.row).not.toContain(GHULJA_ID.slice(-8));
    }
  });

  it("shows a volunteer without the person's case only the last four characters, and lets them neither overwrite the documents nor analysts read them", async () => {
    const person = await getPerson(volunteer, holderId);
    expect(person.documents).toEqual([expect.objectContaining({ number: null, note: null, masked: `•••• ${GHULJA_ID.slice(-4)}` })]);
    expect(JSON.stringify(person)).not.toContain(GHULJA_ID.slice(0, 14));
    expect(person.documentMatches).toEqual([]);
    // and may not overwrite documents blindly
    expect((await failure(updatePerson(volunteer, holderId, { version: person.version, documents: [] }))).code).toBe("FORBIDDEN");
    expect((await failure(getPerson(analyst, holderId))).code).toBe("FORBIDDEN");
  });

  it("refuses a number that fails its check at the field, and keeps it only when asked, marked as kept as written", async () => {
    const refused = await failure(createPerson(coordinator, { names: [{ value: "Aisulu Miscopied" }], documents: [{ kind: "CN_RESIDENT_ID", number: MISCOPIED }] }));
    expect(refused.code).toBe("INVALID");
    expect(refused.fieldErrors).toEqual({ "documents.0.number": ["documentChecksum"] });
    const letters = await failure(createPerson(coordinator, { names: [{ value: "Aisulu Letters" }], documents: [{ kind: "KZ_IIN", number: "81O3O34OO12" }] }));
    expect(letters.fieldErrors).toEqual({ "documents.0.number": ["documentCharacters"] });
    const before = await ownerQuery(`SELECT id FROM people WHERE "displayName" LIKE 'Aisulu %'`);
    expect(before).toEqual([]);

    const kept = await createPerson(coordinator, {
      names: [{ value: "Aisulu Kept" }],
      documents: [{ kind: "CN_RESIDENT_ID", number: MISCOPIED, keepAsWritten: true }],
    });
    expect(kept.documents).toEqual([expect.objectContaining({ number: MISCOPIED, checkOverridden: true })]);
  });

  it("finds the holder by the whole number, typed with spaces or a lower-case x, but only for those who may see the holder's documents", async () => {
    const typed = GHULJA_ID.replace(/(\d{6})(\d{8})/, "$1-$2 ").toLowerCase();
    expect((await findPeople(coordinator, { q: typed })).items).toEqual([expect.objectContaining({ id: holderId, documentMatch: true })]);
    expect((await findPeople(ownVolunteer, { q: GHULJA_ID })).items.map((p) => p.id)).toEqual([holderId]);
    // the refusal: no result at all, the same answer as for a number nobody holds
    expect((await findPeople(volunteer, { q: GHULJA_ID })).total).toBe(0);
    expect((await findPeople(outsider, { q: GHULJA_ID })).total).toBe(0);
    expect((await findPeople(coordinator, { q: GHULJA_ID.slice(0, 12) })).total).toBe(0);
  });

  it("ranks a record holding the same number first in the duplicate hints, above a record with the very same name", async () => {
    const sameName = await createPerson(coordinator, { names: [{ value: "Bakhytzhan Oralbai" }], gender: "MALE", birthDate: "1981", birthDatePrecision: "YEAR" });
    const sameNumber = await createPerson(coordinator, { names: [{ value: "Бақытжан Оралбайұлы" }], documents: [{ kind: "KZ_IIN", number: SISTER_IIN }] });
    const candidates = await findDuplicateCandidates(coordinator, {
      names: ["Bakhytzhan Oralbai"],
      gender: "MALE",
      birthDate: "1981",
      birthDatePrecision: "YEAR",
      documentNumbers: [SISTER_IIN.replace(/(\d{6})/, "$1 ")],
    });
    expect(candidates[0]).toMatchObject({ id: sameNumber.id, score: 1 });
    expect(candidates[0]!.reasons[0]).toBe("sameDocument");
    expect(candidates.map((c) => c.id)).toContain(sameName.id);
    // a number alone, with no name typed yet, is enough
    expect((await findDuplicateCandidates(coordinator, { names: [], documentNumbers: [SISTER_IIN] })).map((c) => c.id)).toEqual([sameNumber.id]);
    // a volunteer who may not see that record's documents learns nothing from typing the number
    const forVolunteer = await findDuplicateCandidates(volunteer, { names: [], documentNumbers: [SISTER_IIN] });
    expect(forVolunteer).toEqual([]);
  });

  it("points out on the person page another person holding the same number", async () => {
    const twin = await createPerson(coordinator, { names: [{ value: "Kairat Nurbekov" }], documents: [{ kind: "CN_RESIDENT_ID", number: GHULJA_ID }] });
    expect((await getPerson(coordinator, twin.id)).documentMatches).toEqual([{ id: holderId, displayName: "Qairat Nurbekuly" }]);
    expect((await getPerson(coordinator, holderId)).documentMatches).toEqual([{ id: twin.id, displayName: "Kairat Nurbekov" }]);
  });

  it("keeps every document of both records when they are merged, still readable", async () => {
    const survivor = await createPerson(coordinator, { names: [{ value: "Gulzhan Serik" }], documents: [{ kind: "CN_RESIDENT_ID", number: ALTAY_ID }] });
    const merged = await createPerson(coordinator, {
      names: [{ value: "Gulzhan Serikkyzy" }],
      documents: [
        { kind: "CN_RESIDENT_ID", number: ALTAY_ID, issuedOn: "2005-06-01" },
        { kind: "CN_PASSPORT", number: "E12345678", expiresOn: "2030-01-31" },
      ],
    });
    const result = await mergePeople(coordinator, { survivorId: survivor.id, mergedId: merged.id, reason: "Same woman, two spellings" });
    expect(result.movedLinks.documents).toHaveLength(2);
    const after = await getPerson(coordinator, survivor.id);
    expect(after.documents.map((d) => [d.kind, d.number, d.issuedOn, d.expiresOn])).toEqual([
      ["CN_RESIDENT_ID", ALTAY_ID, null, null],
      ["CN_RESIDENT_ID", ALTAY_ID, "2005-06-01", null],
      ["CN_PASSPORT", "E12345678", null, "2030-01-31"],
    ]);
    expect((await findPeople(coordinator, { q: "E12345678" })).items.map((p) => p.id)).toEqual([survivor.id]);
  });

  it("edits, adds and removes documents from the list the form sends, auditing the field name only", async () => {
    const person = await createPerson(coordinator, { names: [{ value: "Nurlan Edited" }], documents: [{ kind: "KZ_PASSPORT", number: "N1234567" }] });
    const [kept] = person.documents;
    const updated = await updatePerson(coordinator, person.id, {
      version: person.version,
      documents: [
        { id: kept!.id, kind: "KZ_PASSPORT", number: "N 1234567", issuingCountry: "kz" },
        { kind: "KZ_IIN", number: SISTER_IIN },
      ],
    });
    expect(updated.documents.map((d) => [d.id === kept!.id, d.kind, d.number])).toEqual([
      [true, "KZ_PASSPORT", "N1234567"],
      [false, "KZ_IIN", SISTER_IIN],
    ]);
    const removed = await updatePerson(coordinator, person.id, { version: updated.version, documents: [] });
    expect(removed.documents).toEqual([]);
    const events = await ownerQuery<{ changedFields: string[]; row: string }>(
      `SELECT "changedFields", row_to_json(a)::text AS row FROM audit_events a WHERE action = 'person.update' AND "entityId" = $1`,
      [person.id],
    );
    expect(events.map((e) => e.changedFields)).toEqual([["documents"], ["documents"]]);
    for (const event of events) expect(event.row).not.toContain("1234567");
  });

  it("records a relative and a family contact with their documents and the gazetteer hometown on a new case", async () => {
    const ghulja = await findPlaceByDivisionCode(coordinator, GHULJA_ID.slice(0, 6));
    expect(ghulja).toMatchObject({ code: "XJ-ILI-GHU", divisionCode: "654002" });
    // a county the gazetteer does not list falls back to its prefecture
    expect(await findPlaceByDivisionCode(coordinator, "654099")).toMatchObject({ code: "XJ-ILI" });
    const refused = await failure(
      createCase(coordinator, { subject: { person: { names: [{ value: "Erlan Case" }], documents: [{ kind: "CN_RESIDENT_ID", number: MISCOPIED }] } } }),
    );
    expect(refused.fieldErrors).toEqual({ "subject.person.documents.0.number": ["documentChecksum"] });
    const created = await createCase(coordinator, {
      subject: { person: { names: [{ value: "Erlan Case" }], birthDate: "1975-04-12", hometownPlaceId: ghulja!.id, documents: [{ kind: "CN_RESIDENT_ID", number: cnId("65400219750412051") }] } },
      contacts: [{ person: { names: [{ value: "Aigul Case" }], documents: [{ kind: "KZ_IIN", number: iin("81030340027") }] }, relationship: "SISTER" }],
    });
    const [row] = await ownerQuery<{ subjectPersonId: string }>(`SELECT "subjectPersonId" FROM cases WHERE id = $1`, [created.id]);
    const subject = await getPerson(coordinator, row!.subjectPersonId);
    expect(subject.hometown?.code).toBe("XJ-ILI-GHU");
    expect(subject.documents.map((d) => d.kind)).toEqual(["CN_RESIDENT_ID"]);
    const [contact] = await ownerQuery<{ personId: string }>(`SELECT "personId" FROM case_contacts WHERE "caseId" = $1`, [created.id]);
    expect((await getPerson(coordinator, contact!.personId)).documents.map((d) => d.kind)).toEqual(["KZ_IIN"]);
  });

  it("shows a portrait only to those who may see the person's contact details, and audits each view", async () => {
    const png = await sharp({ create: { width: 12, height: 12, channels: 3, background: { r: 20, g: 60, b: 200 } } })
      .withMetadata({ exif: { IFD0: { Copyright: "Camera owner" } } })
      .jpeg()
      .toBuffer();
    await setPortrait(coordinator, holderId, { fileName: "photo.jpg", bytes: png });
    const seen = await getPortrait(ownVolunteer, holderId);
    expect(seen.mimeType).toBe("image/jpeg");
    expect(seen.bytes.toString("latin1")).not.toContain("Camera owner");
    expect((await getPerson(coordinator, holderId)).hasPortrait).toBe(true);
    expect((await getPerson(volunteer, holderId)).hasPortrait).toBe(false);
    expect((await failure(getPortrait(volunteer, holderId))).code).toBe("FORBIDDEN");
    expect((await failure(getPortrait(outsider, holderId))).code).toBe("NOT_FOUND");
    const refused = await failure(setPortrait(coordinator, holderId, { fileName: "notes.txt", bytes: Buffer.from("not an image") }));
    expect(refused.fieldErrors).toEqual({ file: ["fileTypeNotAllowed"] });
    const views = await ownerQuery(`SELECT id FROM audit_events WHERE action = 'person.portrait.view' AND "entityId" = $1`, [holderId]);
    expect(views).toHaveLength(1);
  });
});
