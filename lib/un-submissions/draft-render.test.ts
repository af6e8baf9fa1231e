import { writeFile } from "node:fs/promises";
import JSZip from "jszip";
import sharp from "sharp";
import { getMeta } from "unpdf";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../tests/helpers/pdf-text";
import { buildDraft } from "./draft-content";
import { renderDraftDocx } from "./draft-docx";
import { renderDraftPdf } from "./draft-pdf";
import type { UnCaseData } from "./internal";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A case as loadUnCaseData returns it, with names in three scripts and a long account of the steps taken. */
function fixture(): UnCaseData {
  const event = {
    id: "ev-1",
    type: "DETAINED" as const,
    date: day("2018-03-12"),
    datePrecision: "DAY" as const,
    placeText: "Ghulja (Құлжа, 伊宁市), Ili Kazakh Autonomous Prefecture",
    placeId: null,
    placeName: "Ghulja (Құлжа, 伊宁市), Ili Kazakh Autonomous Prefecture",
    facility: "Ghulja detention centre No. 3 (伊宁市看守所)",
    authority: "Ili Prefecture Public Security Bureau (伊犁州公安局)",
    charges: "\"inciting ethnic hatred\"",
    sentenceMonths: 120,
    warrantShown: "YES" as const,
    warrantDetails: "Detention decision of the Ghulja City Procuratorate (伊宁市人民检察院)",
    createdAt: day("2026-01-01"),
  };
  return {
    input: {
      caseId: "case-1",
      subject: { id: "p-1", displayName: "Қасым Жұмабекұлы", birthDate: day("1975-04-02"), birthDatePrecision: "DAY", hometownText: "Ghulja", hometownPlaceId: null },
      consentGivenBy: "Айгерім Жұмабекова (wife)",
      consentGivenAt: day("2026-10-01"),
      consentScope: "Submissions to UN bodies and media interviews",
      events: [event],
      advocacyActionCount: 2,
      submissions: { WGEID: { submitterName: "Атажұрт еріктілері", arbitraryCategories: [], arbitraryReasons: false } },
    },
    organizationName: "Атажұрт еріктілері",
    reference: "AT-2026-0137",
    disclosureLevel: "PRIVATE",
    subject: {
      names: [
        { value: "Қасым Жұмабекұлы", script: "CYRILLIC", kind: "LEGAL" },
        { value: "卡斯木·朱玛别克", script: "HAN", kind: "PINYIN" },
        { value: "قاسىم جۇمابەكۇلى", script: "ARABIC", kind: "TRANSLITERATION" },
        { value: "Kassym Zhumabekuly", script: "LATIN", kind: "TRANSLITERATION" },
      ],
      gender: "MALE",
      ethnicity: "Kazakh",
      citizenships: ["CN"],
      hometown: "Ghulja",
    },
    events: [event, { ...event, id: "ev-2", type: "SENTENCED", date: day("2019-06-01"), datePrecision: "MONTH", placeText: null, placeName: null }],
    advocacy: [
      {
        type: "APPEAL_KZ_FOREIGN_MINISTRY",
        date: day("2019-02-01"),
        recipient: "Ministry of Foreign Affairs of Kazakhstan",
        theirReference: "MFA-12/345",
        description: "The family asked the ministry to request information on his whereabouts and health. ".repeat(6).trim(),
        response: "The ministry sent a note verbale to the Chinese side and has no answer yet.",
        responseDate: day("2019-04-10"),
      },
      { type: "APPEAL_CHINESE_EMBASSY", date: day("2019-05-01"), recipient: "Consulate General of China in Almaty (中国驻阿拉木图总领事馆)", theirReference: null, description: null, response: null, responseDate: null },
    ],
    latest: {
      WGEID: { id: "s-1", type: "WGEID", submitterName: "Атажұрт еріктілері", confidentialElements: [], arbitraryCategories: [], arbitraryReasons: null, sentAt: null, unReference: null },
    },
  };
}

describe("the WGEID draft as a PDF", () => {
  it("keeps Kazakh, Chinese and Uyghur names and puts the frame on every page", async () => {
    const bytes = await renderDraftPdf(buildDraft(fixture(), "WGEID", "en", day("2026-12-01")), day("2026-12-01"));
    // set UN_PDF_OUT to look at the pages (pdftoppm -r 80 -png file.pdf out)
    if (process.env.UN_PDF_OUT) await writeFile(process.env.UN_PDF_OUT, bytes);
    const { pages, text } = await pdfText(bytes);
    expect(text).toContain("Қасым Жұмабекұлы");
    expect(text).toContain("卡斯木·朱玛别克");
    expect(text).toContain("Ili Prefecture Public Security Bureau");
    expect(text).toContain("Appeal to the Chinese embassy or consulate");
    expect(text).toContain("中国驻阿拉木图总领事馆");
    pages.forEach((page, i) => {
      expect(page).toContain("PRIVATE: draft for the Working Group, not to be published");
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  }, 120_000);
});

describe("the WGAD draft", () => {
  it("says in the arrest section whether a warrant was shown and which, in the PDF and the Word file", async () => {
    const draft = buildDraft(fixture(), "WGAD", "en", day("2026-12-01"));
    const { text } = await pdfText(await renderDraftPdf(draft, day("2026-12-01")));
    const arrest = text.slice(text.indexOf("2. Arrest"), text.indexOf("3. Detention"));
    expect(arrest).toContain("Warrant or decision shown");
    expect(arrest).toContain("Yes: Detention decision of the Ghulja City Procuratorate");
    const body = await (await JSZip.loadAsync(await renderDraftDocx(draft))).file("word/document.xml")!.async("string");
    expect(body).toContain("伊宁市人民检察院");
  }, 120_000);

  it("writes \"not recorded\" only while nobody has answered, and \"Not known\" for an answer of unknown", () => {
    const rowOf = (data: UnCaseData) =>
      buildDraft(data, "WGAD", "en", day("2026-12-01"))
        .sections.find((section) => section.key === "arrest")!
        .rows.find((row) => row.label === "Warrant or decision shown")!.value;
    const unanswered = fixture();
    unanswered.events = unanswered.events.map((event) => ({ ...event, warrantShown: null, warrantDetails: null }));
    expect(rowOf(unanswered)).toBe("Not recorded");
    const unknown = fixture();
    unknown.events = unknown.events.map((event) => ({ ...event, warrantShown: "UNKNOWN" as const, warrantDetails: null }));
    expect(rowOf(unknown)).toBe("Not known");
  });
});

describe("a draft whose submitter is marked confidential", () => {
  const confidential = (): UnCaseData => {
    const data = fixture();
    data.latest.WGEID = { ...data.latest.WGEID!, confidentialElements: ["submitter"] };
    return data;
  };

  it("names neither the organisation nor the submitter in the PDF's pages or metadata", async () => {
    const bytes = await renderDraftPdf(buildDraft(confidential(), "WGEID", "en", day("2026-12-01")), day("2026-12-01"));
    const { pages, text } = await pdfText(bytes);
    expect(text).not.toContain("Атажұрт");
    pages.forEach((page) => expect(page).toContain("Confidential"));
    const { info } = await getMeta(new Uint8Array(bytes));
    expect(info).toMatchObject({ Author: "Confidential" });
    expect(JSON.stringify(info)).not.toContain("Атажұрт");
  }, 120_000);

  it("names neither the organisation nor the submitter in the Word file's text or core properties", async () => {
    const bytes = await renderDraftDocx(buildDraft(confidential(), "WGEID", "fr", day("2026-12-01")));
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file("docProps/core.xml")!.async("string");
    const body = await zip.file("word/document.xml")!.async("string");
    expect(core).toContain("<dc:creator>Confidentiel</dc:creator>");
    expect(core).not.toContain("Атажұрт");
    expect(body).not.toContain("Атажұрт");
  });
});

describe("a draft for a subject with a portrait", () => {
  const portrait = async () => {
    const data = await sharp({ create: { width: 8, height: 10, channels: 3, background: { r: 40, g: 90, b: 160 } } }).png().toBuffer();
    return { data, format: "png" as const, width: 8, height: 10 };
  };

  it("places the portrait under the identity section of the Word file and the PDF", async () => {
    const draft = buildDraft(fixture(), "WGEID", "en", day("2026-12-01"), { portrait: await portrait() });
    expect(draft.sections.find((section) => section.key === "identity")?.portrait).toBeDefined();
    const zip = await JSZip.loadAsync(await renderDraftDocx(draft));
    expect(Object.keys(zip.files).filter((name) => name.startsWith("word/media/"))).toHaveLength(1);
    const pdf = await renderDraftPdf(draft, day("2026-12-01"));
    expect(pdf.toString("latin1").match(/\/Subtype\s*\/Image/g) ?? []).toHaveLength(1);
  }, 120_000);

  it("leaves the portrait out when the identity is marked confidential", async () => {
    const data = fixture();
    data.latest.WGEID = { ...data.latest.WGEID!, confidentialElements: ["identity"] };
    const zip = await JSZip.loadAsync(await renderDraftDocx(buildDraft(data, "WGEID", "en", day("2026-12-01"), { portrait: await portrait() })));
    expect(Object.keys(zip.files).filter((name) => name.startsWith("word/media/"))).toEqual([]);
  });
});
