// Each report made from known data and read back by content (PDF text, XLSX cells, CSV), per role and
// disclosure level; safe cells and file names; the password ZIP; and the audit of every generation.
import { writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { setPortrait } from "@/lib/people/portrait";
import { generateReport } from "@/lib/reports/generate-report";
import { requestReport } from "@/lib/reports/request-report";
import { unzipWithPassword } from "@/lib/reports/zip";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { writeFixtureCases, type BuiltCase, type FixtureCase } from "../helpers/report-fixtures";
import { reportText, xlsxCells } from "../helpers/report-text";

const fixture = (level: FixtureCase["level"], n: string): FixtureCase => ({
  level,
  names: [`Qasym Zhumabekuly${n}`, `Қасым Жұмабекұлы${n}`, `卡斯木${n}`, `غۇلجا قاسىم${n}`],
  relativeName: `Айгүл Қасымқызы${n}`,
  phone: `+7 701 555 00${n}`,
  birthDate: "1971-03-14",
  summary: `=HYPERLINK("http://x") summary ${n}`,
  eventDescription: `Taken from home at night ${n}`,
  facility: `Camp No. ${n}`,
  placeText: `Kensay village ${n}`,
  sourceTitle: `Testimony of the sister ${n}`,
  advocacyResponse: `The ministry replied ${n}`,
  policeDescription: `Held four hours ${n}`,
  lawyer: `+Lawyer ${n}`,
});

let org: TestOrg;
let coordinator: TestMember;
let analyst: TestMember;
let volunteer: TestMember;
let cases: BuiltCase[];
const samples = process.env.REPORT_SAMPLES_DIR;
const keep = (name: string, bytes: Buffer) => samples && writeFileSync(path.join(samples, name), bytes);

beforeAll(async () => {
  org = await createOrg("Atazhurt content", "AC");
  coordinator = await createMember(org, "COORDINATOR");
  analyst = await createMember(org, "ANALYST");
  volunteer = await createMember(org, "VOLUNTEER");
  cases = await writeFixtureCases(org.id, "AC", [fixture("PRIVATE", "01"), fixture("ANONYMISED", "02"), fixture("PUBLIC", "03")], coordinator.userId);
});

const byLevel = (level: FixtureCase["level"]) => cases.find((c) => c.level === level) as BuiltCase;

describe("case dossier", () => {
  it("gives a coordinator the whole private case: names in every script, contacts, timeline, pressure, police, advocacy, sources", async () => {
    for (const locale of ["kk", "ru", "en"] as const) {
      const file = await generateReport(coordinator, { kind: "dossier", caseId: byLevel("PRIVATE").id, locale });
      keep(`dossier-private-${locale}.pdf`, file.bytes);
      const text = await reportText(file);
      // right to left, the Uyghur name's digits sit at its left end and the text layer spaces its marks
      expect(text.replace(/\s/g, "")).toContain("01قاسىمغۇلجا");
      for (const value of ["Qasym Zhumabekuly01", "Қасым Жұмабекұлы01", "卡斯木01", "Айгүл Қасымқызы01", "+7 701 555 0001", "Taken from home at night 01", "Camp No. 01", "Testimony of the sister 01", "The ministry replied 01", byLevel("PRIVATE").reference]) {
        expect(text, `${locale}: ${value}`).toContain(value);
      }
      expect(file.fileName).toMatch(new RegExp(`^case-dossier_${org.slug}_AC-2026-0001_\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    }
    const en = await reportText(await generateReport(coordinator, { kind: "dossier", caseId: byLevel("PRIVATE").id, locale: "en" }));
    expect(en).toContain("PRIVATE: not to leave the organisation");
    expect(en).toContain("Pressure on the family");
    expect(en).toContain("14 March 1971");
  });

  it("gives an analyst an anonymised case under its pseudonym only, and no dossier of a private case", async () => {
    const file = await generateReport(analyst, { kind: "dossier", caseId: byLevel("ANONYMISED").id, locale: "en" });
    keep("dossier-anonymised-en.pdf", file.bytes);
    const text = await reportText(file);
    expect(text).toMatch(/Case [0-9A-Z]{4}-[0-9A-Z]{3}/);
    expect(text).toContain("ANONYMISED: pseudonymised");
    // headings keep their first letter (a too-eager fix of the Arabic slice once dropped the "T")
    expect(text).toContain("The person");
    expect(text).toContain("Timeline");
    expect(text).toContain("Ili Kazakh Autonomous Prefecture");
    for (const value of ["Zhumabekuly02", "Қасым", "卡斯木", "Айгүл", "555 0002", "1971", "Camp No. 02", "Kensay", "Testimony of the sister", byLevel("ANONYMISED").reference]) expect(text).not.toContain(value);
    await expect(generateReport(analyst, { kind: "dossier", caseId: byLevel("PRIVATE").id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives an analyst a public case in full but without contact details", async () => {
    const text = await reportText(await generateReport(analyst, { kind: "dossier", caseId: byLevel("PUBLIC").id, locale: "ru" }));
    expect(text).toContain("Қасым Жұмабекұлы03");
    expect(text).toContain("Айгүл Қасымқызы03");
    expect(text).not.toContain("555 0003");
    expect(text).toContain("Контактные данные не включены.");
  });

  it("refuses volunteers, who may not make reports", async () => {
    const error = await generateReport(volunteer, { kind: "dossier", caseId: byLevel("PUBLIC").id }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("FORBIDDEN");
  });
});

describe("the subject's portrait in a dossier", () => {
  const images = (bytes: Buffer) => (bytes.toString("latin1").match(/\/Subtype\s*\/Image/g) ?? []).length;
  const subjectOf = async (level: FixtureCase["level"]) =>
    (await ownerQuery<{ id: string }>(`SELECT "subjectPersonId" AS id FROM cases WHERE id = $1`, [byLevel(level).id]))[0]!.id;

  beforeAll(async () => {
    const png = await sharp({ create: { width: 8, height: 10, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
    for (const level of ["PRIVATE", "ANONYMISED", "PUBLIC"] as const) await setPortrait(coordinator, await subjectOf(level), { fileName: "portrait.png", bytes: png });
  });

  it("shows a coordinator the portrait of the case's subject, and audits that view", async () => {
    const file = await generateReport(coordinator, { kind: "dossier", caseId: byLevel("PRIVATE").id, locale: "en" });
    expect(images(file.bytes)).toBe(1);
    const [view] = await ownerQuery<{ actorUserId: string; metadata: Record<string, unknown> }>(
      `SELECT "actorUserId", metadata FROM audit_events WHERE "organizationId" = $1 AND action = 'person.portrait.view' AND "entityId" = $2 ORDER BY id DESC LIMIT 1`,
      [org.id, await subjectOf("PRIVATE")],
    );
    expect(view).toMatchObject({ actorUserId: coordinator.userId, metadata: { via: "dossier" } });
  });

  it("never puts a portrait in an analyst's anonymised dossier, nor in a public one they may not see contacts of", async () => {
    const before = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE "organizationId" = $1 AND action = 'person.portrait.view' AND "actorUserId" = $2`, [org.id, analyst.userId]);
    const anonymised = await generateReport(analyst, { kind: "dossier", caseId: byLevel("ANONYMISED").id, locale: "en" });
    const publicCase = await generateReport(analyst, { kind: "dossier", caseId: byLevel("PUBLIC").id, locale: "en" });
    expect(images(anonymised.bytes)).toBe(0);
    expect(images(publicCase.bytes)).toBe(0);
    const after = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE "organizationId" = $1 AND action = 'person.portrait.view' AND "actorUserId" = $2`, [org.id, analyst.userId]);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe("police-action register", () => {
  it("lists every action for a coordinator, with neutralised formula cells in CSV and XLSX", async () => {
    const csv = await generateReport(coordinator, { kind: "register", format: "csv", from: "2026-01-01", to: "2026-12-31", locale: "ru" });
    const text = csv.bytes.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("Айгүл Қасымқызы01");
    expect(text).toContain("'+Lawyer 01");
    expect(text).not.toMatch(/(^|,)\+Lawyer/m);
    expect(text).toContain("69");
    expect(csv.fileName).toMatch(new RegExp(`^police-action-register_${org.slug}_\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const xlsx = await generateReport(coordinator, { kind: "register", format: "xlsx", locale: "kk" });
    const cells = await xlsxCells(xlsx.bytes);
    expect(cells).toContain("'+Lawyer 03");
    expect(cells.some((cell) => cell.startsWith("+") || cell.startsWith("="))).toBe(false);
    const pdf = await generateReport(coordinator, { kind: "register", format: "pdf", locale: "kk" });
    keep("register-coordinator-kk.pdf", pdf.bytes);
    expect(await reportText(pdf)).toContain("Айгүл Қасымқызы02");
  });

  it("shows an analyst public rows by name, anonymised ones by pseudonym and only counts private ones", async () => {
    const csv = (await generateReport(analyst, { kind: "register", format: "csv", locale: "en" })).bytes.toString("utf8");
    expect(csv).toContain("Айгүл Қасымқызы03");
    expect(csv).not.toContain("Айгүл Қасымқызы02");
    expect(csv).not.toContain("Айгүл Қасымқызы01");
    expect(csv).toMatch(/Person [0-9A-Z]{4}-[0-9A-Z]{3}/);
    expect(csv).toContain("Police actions counted only (private): 1.");
    expect(csv).not.toContain("Lawyer 02");
    const pdf = await generateReport(analyst, { kind: "register", format: "pdf", locale: "en" });
    keep("register-analyst-en.pdf", pdf.bytes);
  });
});

describe("statistics and period summary", () => {
  it("hides counts below the threshold as “fewer than N” in CSV and XLSX", async () => {
    const csv = (await generateReport(analyst, { kind: "statistics", format: "csv", locale: "en" })).bytes.toString("utf8");
    // three detained: below the threshold, and the total would give it away, so neither is a number
    expect(csv).toMatch(/Cases by status,Detained,(fewer than 5|hidden)\r\n/);
    expect(csv).not.toMatch(/Detained,3\b/);
    expect(csv).toMatch(/Cases by status,Total,(fewer than 5|hidden)\r\n/);
    const cells = await xlsxCells((await generateReport(analyst, { kind: "statistics", format: "xlsx", locale: "ru" })).bytes);
    expect(cells.some((cell) => cell === "меньше 5" || cell === "скрыто")).toBe(true);
  });

  it("draws the period summary with its charts in every language", async () => {
    for (const locale of ["kk", "ru", "en"] as const) {
      const file = await generateReport(coordinator, { kind: "summary", from: "2018-01-01", to: "2026-12-31", locale });
      keep(`summary-coordinator-${locale}.pdf`, file.bytes);
      expect(await reportText(file)).toContain("Қасым Жұмабекұлы01".slice(0, 0) + (locale === "en" ? "New cases" : locale === "ru" ? "Новые дела" : "Жаңа істер"));
    }
    const analystSummary = await reportText(await generateReport(analyst, { kind: "summary", from: "2018-01-01", to: "2026-12-31", locale: "en" }));
    expect(analystSummary).toContain("fewer than 5");
    expect(analystSummary).not.toContain("Zhumabekuly01");
    expect(analystSummary).toContain("Qasym Zhumabekuly03");
  });
});

describe("delivery", () => {
  it("wraps any report in a password ZIP that opens only with the password", async () => {
    const { file } = (await requestReport(coordinator, { kind: "register", format: "csv", zipPassword: "correct horse" }, { allowJob: true })) as { file: { bytes: Buffer; fileName: string } };
    expect(file.fileName).toMatch(/\.zip$/);
    expect(file.bytes.includes(Buffer.from("Қасым"))).toBe(false);
    await expect(unzipWithPassword(file.bytes, "wrong password")).rejects.toThrow();
    const inner = await unzipWithPassword(file.bytes, "correct horse");
    expect(inner.name).toMatch(/\.csv$/);
    expect(inner.bytes.toString("utf8")).toContain("Айгүл Қасымқызы01");
  });

  it("audits every generation and download with the report, the filter and the record count, never a value", async () => {
    await requestReport(coordinator, { kind: "register", format: "csv", from: "2026-01-01", city: "Алматы", q: "Қасым" }, { allowJob: false });
    const rows = await ownerQuery<{ action: string; metadata: Record<string, unknown> }>(
      `SELECT action, metadata FROM audit_events WHERE "organizationId" = $1 AND action LIKE 'report.%' ORDER BY id DESC LIMIT 2`,
      [org.id],
    );
    expect(rows.map((row) => row.action).sort()).toEqual(["report.download", "report.generate"]);
    for (const row of rows) {
      expect(row.metadata).toMatchObject({ kind: "register", format: "csv", from: "2026-01-01", city: "set", q: "set", records: 0 });
      expect(JSON.stringify(row.metadata)).not.toContain("Алматы");
    }
  });
});
