// Importing the rest of a group's records from spreadsheets: timeline events of recorded cases (found by
// reference or by the relative's name in another spelling), protests with their participants and police
// actions against them, each checked record by record with its source mark and audit event; importing a
// file again creates nothing; a row naming no case, or making a timeline impossible, writes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChains } from "../../scripts/lib/audit-verify";
import { getJob } from "@/lib/jobs/queue";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { findImportSource } from "@/lib/imports/find-import-source";
import { previewImport } from "@/lib/imports/preview-import";
import { requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { listEvents } from "@/lib/cases/events";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let coordinator: TestMember;
let reference: string;

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/imports", name), "utf8");
const withReference = (text: string) => Buffer.from(text.replaceAll("CASE-1", reference), "utf8");

type Mapping = Omit<Parameters<typeof previewImport>[1], "uploadId">;

async function importFile(fileName: string, bytes: Buffer, mapping: Mapping) {
  const upload = await uploadImport(coordinator, { fileName, bytes });
  const preview = await previewImport(coordinator, { uploadId: upload.id, ...mapping });
  const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
  await runQueuedJobsOnce();
  return { upload, preview, job: await getJob(coordinator, job.id) };
}

/** Links every likely duplicate to its first candidate, as a member would choose in the preview. */
async function linkingDuplicates(fileName: string, bytes: Buffer, mapping: Mapping) {
  const upload = await uploadImport(coordinator, { fileName, bytes });
  const first = await previewImport(coordinator, { uploadId: upload.id, ...mapping });
  const decisions = Object.fromEntries(first.duplicates.map((hint) => [String(hint.row), { action: "link" as const, personId: hint.candidates[0]!.id }]));
  return { upload, first, mapping: { ...mapping, decisions } };
}

const personId = async (displayName: string) =>
  (await ownerQuery<{ id: string }>(`SELECT id FROM people WHERE "organizationId" = $1 AND "displayName" = $2`, [org.id, displayName])).map((row) => row.id);

beforeAll(async () => {
  org = await createOrg("Records import group", "RI");
  coordinator = await createMember(org, "COORDINATOR");
  const cases = await importFile("cases.csv", Buffer.from(fixture("cases.csv"), "utf8"), { entity: "cases", locale: "ru" });
  expect(cases.job).toMatchObject({ status: "SUCCEEDED", result: { cases: 2 } });
  const [first] = await ownerQuery<{ reference: string }>(
    `SELECT c.reference FROM cases c JOIN people p ON p.id = c."subjectPersonId" WHERE c."organizationId" = $1 AND p."displayName" = 'Ербол Қасымұлы'`,
    [org.id],
  );
  reference = first!.reference;
}, 120_000);

describe("importing timeline events", () => {
  let imported: Awaited<ReturnType<typeof importFile>>;
  beforeAll(async () => {
    imported = await importFile("events.csv", withReference(fixture("events.csv")), { entity: "events", locale: "ru" });
  }, 120_000);

  it("suggests every column from the Russian headers and finds each row's case by reference or by the relative's name in another spelling", () => {
    expect(imported.upload.sheets[0]!.suggested.events).toEqual({
      "0": "caseReference", "1": "subjectName", "2": "type", "3": "date", "4": "place", "5": "facility", "6": "authority", "7": "charges", "8": "sentenceMonths", "9": "description",
    });
    expect(imported.preview.counts).toMatchObject({ rows: 3, new: 3, invalid: 0 });
    expect(imported.job).toMatchObject({ status: "SUCCEEDED", result: { events: 3, created: 3 } });
  });

  it("writes each event with its type, date at its precision, gazetteer place, facility, charges and sentence, and moves the case's status", async () => {
    const events = await ownerQuery<{ subject: string; type: string; date: Date | null; datePrecision: string; place: string | null; placeText: string | null; facility: string | null; authority: string | null; charges: string | null; sentenceMonths: number | null; status: string }>(
      `SELECT s."displayName" AS subject, e.type, e.date, e."datePrecision", pl.code AS place, e."placeText", e.facility, e.authority, e.charges, e."sentenceMonths", c.status
         FROM case_events e JOIN cases c ON c.id = e."caseId" JOIN people s ON s.id = c."subjectPersonId" LEFT JOIN places pl ON pl.id = e."placeId"
        WHERE e."organizationId" = $1 ORDER BY s."displayName", e.date`,
      [org.id],
    );
    expect(events.map((event) => ({ ...event, date: event.date?.toISOString().slice(0, 10) ?? null }))).toEqual([
      { subject: "Айгүл Сәрсенова", type: "SENT_TO_CAMP", date: "2018-01-01", datePrecision: "YEAR", place: null, placeText: null, facility: "Лагерь №3", authority: null, charges: null, sentenceMonths: null, status: "IN_CAMP" },
      { subject: "Ербол Қасымұлы", type: "DETAINED", date: "2018-03-12", datePrecision: "DAY", place: "XJ-ILI-GHU", placeText: null, facility: null, authority: "Полиция Кульджи", charges: null, sentenceMonths: null, status: "SENTENCED" },
      { subject: "Ербол Қасымұлы", type: "SENTENCED", date: "2019-03-01", datePrecision: "MONTH", place: null, placeText: null, facility: "Тюрьма Кульджи", authority: "Суд", charges: "экстремизм", sentenceMonths: 120, status: "SENTENCED" },
    ]);
  });

  it("keeps the description encrypted and readable on the timeline, and marks each event with its file, sheet and row in the records and the audit log", async () => {
    const [caseRow] = await ownerQuery<{ id: string }>(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    const timeline = await listEvents(coordinator, caseRow!.id);
    expect(timeline.find((event) => event.type === "DETAINED")?.description).toBe("Забрали ночью из дома");
    const [stored] = await ownerQuery<{ descriptionEnc: string }>(`SELECT "descriptionEnc" FROM case_events WHERE "caseId" = $1 AND type = 'DETAINED'`, [caseRow!.id]);
    expect(stored!.descriptionEnc).not.toContain("ночью");
    const audits = await ownerQuery<{ entityId: string; metadata: { source: { file: string; sheet: string; row: number } } }>(
      `SELECT "entityId", metadata FROM audit_events WHERE "organizationId" = $1 AND action = 'case.event.create' ORDER BY id`,
      [org.id],
    );
    expect(audits.map((event) => event.metadata.source)).toEqual([2, 3, 4].map((row) => ({ file: "events.csv", sheet: "events", row })));
    const records = await ownerQuery<{ entityId: string; rowNumber: number; entityType: string }>(`SELECT "entityId", "rowNumber", "entityType" FROM import_records WHERE "organizationId" = $1 AND "fileName" = 'events.csv' ORDER BY "rowNumber"`, [org.id]);
    expect(records.map((record) => [record.entityType, record.rowNumber])).toEqual([["CaseEvent", 2], ["CaseEvent", 3], ["CaseEvent", 4]]);
    expect(records.map((record) => record.entityId)).toEqual(audits.map((event) => event.entityId));
  });

  it("importing the same file again creates no event", async () => {
    const again = await importFile("events.csv", withReference(fixture("events.csv")), { entity: "events", locale: "ru" });
    expect(again.preview.counts).toMatchObject({ new: 0, imported: 3 });
    expect(again.job).toMatchObject({ status: "SUCCEEDED", result: { events: 0, alreadyImported: 3 } });
    const [count] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM case_events WHERE "organizationId" = $1`, [org.id]);
    expect(Number(count!.n)).toBe(3);
  });

  it("names a row whose case is not recorded, and one whose release comes before the detention, and writes nothing of the file", async () => {
    const bad = [fixture("events.csv").split("\r\n")[0], `;Неизвестный Человек;задержан;2017;;;;;;`, `${reference};;освобожден;2010;;;;;;`, `${reference};;умер;2020;;;;;;`].join("\r\n");
    const result = await importFile("bad-events.csv", Buffer.from(bad, "utf8"), { entity: "events", locale: "ru" });
    expect(result.preview.issues.filter((issue) => issue.severity === "error").map(({ row, column, key }) => ({ row, column, key }))).toEqual([
      { row: 2, column: "ФИО", key: "importCaseNotFound" },
      { row: 3, column: "Дата", key: "importTimelineImpossible" },
    ]);
    expect(result.job).toMatchObject({ status: "FAILED", error: "importHasErrors" });
    const [count] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM case_events WHERE "organizationId" = $1`, [org.id]);
    expect(Number(count!.n)).toBe(3);
  });
});

describe("importing protests with their participants", () => {
  it("makes one protest of the rows of one day, city, place and kind, links family members already recorded and creates a new protester once", async () => {
    const { first, upload, mapping } = await linkingDuplicates("protests.csv", withReference(fixture("protests.csv")), { entity: "protests", locale: "ru" });
    expect(upload.sheets[0]!.suggested.protests).toEqual({ "0": "date", "1": "time", "2": "city", "3": "location", "4": "kind", "5": "participantName", "6": "participantRole", "7": "caseReference" });
    // the family contacts of the cases are offered as the same people
    expect(first.duplicates.map((hint) => [hint.row, hint.name])).toEqual([[2, "Гүлнар Қасым"], [3, "Берік Сәрсен"]]);
    const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "SUCCEEDED", result: { protests: 2, participants: 4, linked: 2, people: 1 } });

    const protests = await ownerQuery<{ id: string; city: string; location: string | null; kind: string; startsAt: Date }>(`SELECT id, city, location, kind, "startsAt" FROM protests WHERE "organizationId" = $1 ORDER BY "startsAt"`, [org.id]);
    expect(protests.map(({ city, location, kind }) => ({ city, location, kind }))).toEqual([
      { city: "Алматы", location: "у консульства КНР", kind: "PICKET" },
      { city: "Астана", location: null, kind: "SOLO_PICKET" },
    ]);
    const participants = await ownerQuery<{ protest: string; name: string; role: string; caseReference: string | null }>(
      `SELECT pr.city AS protest, p."displayName" AS name, pp.role, c.reference AS "caseReference"
         FROM protest_participations pp JOIN protests pr ON pr.id = pp."protestId" JOIN people p ON p.id = pp."personId" LEFT JOIN cases c ON c.id = pp."caseId"
        WHERE pp."organizationId" = $1 ORDER BY pr."startsAt", p."displayName"`,
      [org.id],
    );
    expect(participants).toEqual([
      { protest: "Алматы", name: "Берік Сәрсен", role: "PARTICIPANT", caseReference: null },
      { protest: "Алматы", name: "Гүлнар Қасым", role: "ORGANISER", caseReference: reference },
      { protest: "Алматы", name: "Нұржан Әлиев", role: "PARTICIPANT", caseReference: null },
      { protest: "Астана", name: "Нұржан Әлиев", role: "PARTICIPANT", caseReference: null },
    ]);
    expect(await personId("Гүлнар Қасым")).toHaveLength(1);
    expect(await personId("Нұржан Әлиев")).toHaveLength(1);
    const audits = await ownerQuery<{ action: string; n: string }>(`SELECT action, count(*) AS n FROM audit_events WHERE "organizationId" = $1 AND action LIKE 'protest.%' GROUP BY action ORDER BY action`, [org.id]);
    expect(audits).toEqual([{ action: "protest.create", n: "2" }, { action: "protest.participants.add", n: "4" }]);
  });

  it("importing the protests again adds no protest, participant or person", async () => {
    const { upload, mapping } = await linkingDuplicates("protests.csv", withReference(fixture("protests.csv")), { entity: "protests", locale: "ru" });
    const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "SUCCEEDED", result: { protests: 0, participants: 0, alreadyImported: 4 } });
    const [counts] = await ownerQuery<{ protests: string; participants: string }>(
      `SELECT (SELECT count(*) FROM protests WHERE "organizationId" = $1) AS protests, (SELECT count(*) FROM protest_participations WHERE "organizationId" = $1) AS participants`,
      [org.id],
    );
    expect(counts).toEqual({ protests: "2", participants: "4" });
  });
});

describe("importing police actions", () => {
  it("writes each action against the person recorded (linked) or a new one, with authority, legal basis, hearing, arrest, fine and outcome", async () => {
    const { first, upload, mapping } = await linkingDuplicates("police-actions.csv", Buffer.from(fixture("police-actions.csv"), "utf8"), { entity: "policeActions", locale: "ru" });
    expect(first.duplicates.map((hint) => hint.name)).toEqual(["Нұржан Әлиев", "Гүлнар Қасым"]);
    expect(first.counts).toMatchObject({ rows: 3, invalid: 0 });
    const job = await requestImport(coordinator, { uploadId: upload.id, ...mapping });
    await runQueuedJobsOnce();
    expect(await getJob(coordinator, job.id)).toMatchObject({ status: "SUCCEEDED", result: { policeActions: 3, linked: 2, created: 1, people: 1 } });

    const actions = await ownerQuery<{ name: string; type: string; date: Date; authority: string | null; legalBasis: string | null; hearingAt: Date | null; arrestDays: number | null; fineAmount: string | null; outcome: string | null; outcomeFineAmount: string | null; status: string }>(
      `SELECT p."displayName" AS name, a.type, a.date, a.authority, a."legalBasis", a."hearingAt", a."arrestDays", a."fineAmount"::text AS "fineAmount", a.outcome, a."outcomeFineAmount"::text AS "outcomeFineAmount", a.status
         FROM police_actions a JOIN people p ON p.id = a."personId" WHERE a."organizationId" = $1 ORDER BY p."displayName"`,
      [org.id],
    );
    expect(actions.map((action) => ({ ...action, date: action.date.toISOString().slice(0, 10), hearingAt: action.hearingAt !== null }))).toEqual([
      { name: "Гүлнар Қасым", type: "FINE", date: "2019-03-12", authority: "Полиция", legalBasis: "ст. 488 КоАП", hearingAt: false, arrestDays: null, fineAmount: "69000.00", outcome: "FINED", outcomeFineAmount: "69000.00", status: "RESOLVED" },
      { name: "Дәурен Тестов", type: "WARNING", date: "2019-03-12", authority: null, legalBasis: null, hearingAt: false, arrestDays: null, fineAmount: null, outcome: null, outcomeFineAmount: null, status: "PENDING" },
      { name: "Нұржан Әлиев", type: "ADMINISTRATIVE_ARREST", date: "2019-03-13", authority: "Полиция Алмалинского района", legalBasis: "ст. 488 КоАП", hearingAt: true, arrestDays: 10, fineAmount: null, outcome: "DETAINED", outcomeFineAmount: null, status: "RESOLVED" },
    ]);
    // the new person's page shows where the record came from
    const [dauren] = await personId("Дәурен Тестов");
    expect(await findImportSource(coordinator, "Person", dauren!)).toMatchObject({ fileName: "police-actions.csv", sheet: "police-actions", row: 4 });
    const verified = await verifyAuditChains(process.env.DATABASE_URL!);
    expect(verified.problems.filter((problem) => problem.organizationId === org.id)).toEqual([]);
  });

  it("refuses an action dated only by its year, naming the row and column", async () => {
    const bad = ["ФИО;Мера;Дата", "Нұржан Әлиев;штраф;2019"].join("\r\n");
    const upload = await uploadImport(coordinator, { fileName: "bad-police.csv", bytes: Buffer.from(bad, "utf8") });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "policeActions", locale: "ru", duplicateDefault: "create" });
    expect(preview.issues.filter((issue) => issue.severity === "error").map(({ row, column, key }) => ({ row, column, key }))).toEqual([{ row: 2, column: "Дата", key: "dateNeedsDay" }]);
  });
});

describe("likely duplicates across spellings", () => {
  it("offers a person recorded under a name a few letters off (another spelling, not the same key) to link, create or skip, found for the whole sheet at once", async () => {
    const sheet = ["Full name;Date of birth", "Gulnara Kassym;1985", "Berik Sarsenbayev;1979", "Zhanibek Omarov;1990"].join("\r\n");
    const upload = await uploadImport(coordinator, { fileName: "spellings.csv", bytes: Buffer.from(sheet, "utf8") });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "en" });
    const [gulnar] = await personId("Гүлнар Қасым");
    const [berik] = await personId("Берік Сәрсен");
    expect(preview.duplicates.map((hint) => ({ row: hint.row, candidates: hint.candidates.map((candidate) => candidate.id) }))).toEqual([
      { row: 2, candidates: [gulnar] },
      { row: 3, candidates: [berik] },
    ]);
    expect(preview.counts).toMatchObject({ new: 1, undecided: 2 });
  });

  it("shows the protest's and the police action's source on their records", async () => {
    const [protest] = await ownerQuery<{ id: string }>(`SELECT id FROM protests WHERE "organizationId" = $1 AND city = 'Астана'`, [org.id]);
    expect(await findImportSource(coordinator, "Protest", protest!.id)).toMatchObject({ fileName: "protests.csv", row: 5 });
    const [action] = await ownerQuery<{ id: string }>(`SELECT id FROM police_actions WHERE "organizationId" = $1 AND type = 'FINE'`, [org.id]);
    expect(await findImportSource(coordinator, "PoliceAction", action!.id)).toMatchObject({ fileName: "police-actions.csv", sheet: "police-actions", row: 3 });
  });
});
