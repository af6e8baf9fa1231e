import JSZip from "jszip";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdvocacyAction } from "@/lib/advocacy/create-advocacy-action";
import { createCase } from "@/lib/cases/create-case";
import { addEvent } from "@/lib/cases/events";
import { findCases } from "@/lib/cases/find-cases";
import { setPortrait } from "@/lib/people/portrait";
import { updateCase } from "@/lib/cases/update-case";
import { addUnReply } from "@/lib/un-submissions/add-un-reply";
import { answerUnReply } from "@/lib/un-submissions/answer-un-reply";
import { createUnSubmission } from "@/lib/un-submissions/create-un-submission";
import { deleteUnReply } from "@/lib/un-submissions/delete-un-reply";
import { deleteUnSubmission } from "@/lib/un-submissions/delete-un-submission";
import { findUnReadinessSummary } from "@/lib/un-submissions/find-un-readiness-summary";
import { findUnSubmissionReminders } from "@/lib/un-submissions/find-un-submission-reminders";
import { findUnSubmissions } from "@/lib/un-submissions/find-un-submissions";
import { generateUnDraft } from "@/lib/un-submissions/generate-un-draft";
import { getUnReadiness } from "@/lib/un-submissions/get-un-readiness";
import { WGAD_ELEMENTS, WGEID_ELEMENTS, type UnElement, type UnSubmissionKind } from "@/lib/un-submissions/readiness";
import { updateUnSubmission } from "@/lib/un-submissions/update-un-submission";
import { pdfText } from "../helpers/pdf-text";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { auditActions, failure } from "./protests-helpers";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** The draft's text in reading order, from the DOCX's own XML (a DOCX is a zip). */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** The text between a section's heading and the next numbered heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  expect(start, `heading "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + heading.length);
  const next = rest.search(/\n\d\. |\nLater events/);
  return next === -1 ? rest : rest.slice(0, next);
}

describe("UN submissions: readiness, drafts and the follow-up log", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let admin: TestMember;
  let volunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;
  let readyCase: string;
  let otherCase: string;

  /** A case with all six WGEID elements and the family's consent, through the services people use. */
  async function completeCase(name: string, options: { detainedOn?: string } = {}): Promise<string> {
    const { id } = await createCase(coordinator, {
      subject: { person: { names: [{ value: name }, { value: "卡斯木·朱玛别克" }, { value: "Kassym Zhumabekuly" }], birthDate: "1975-04-02", hometownText: "Ghulja" } },
      status: "DETAINED",
      consentGivenBy: "Aigerim Zhumabekova (wife)",
      consentGivenAt: day(-30),
      consentScope: "Submissions to UN bodies and media",
    });
    await addEvent(coordinator, id, {
      type: "DETAINED",
      date: options.detainedOn ?? "2018-03-12",
      placeText: "Ghulja, Ili Kazakh Autonomous Prefecture",
      facility: "Ghulja detention centre No. 3",
      authority: "Ili Public Security Bureau",
      charges: "\"inciting ethnic hatred\"",
      warrantShown: "YES",
      warrantDetails: "Detention notice of the Ghulja City Public Security Bureau",
    });
    await createAdvocacyAction(coordinator, {
      caseId: id,
      type: "APPEAL_KZ_FOREIGN_MINISTRY",
      date: day(-200),
      recipient: "Ministry of Foreign Affairs of Kazakhstan",
      theirReference: "MFA-12/345",
      description: "Asked the ministry to request information on his whereabouts",
    });
    await createUnSubmission(coordinator, id, { type: "WGEID", submitterName: "Aigerim Zhumabekova" });
    await createUnSubmission(coordinator, id, {
      type: "WGAD",
      submitterName: "Atazhurt volunteers",
      arbitraryCategories: ["II", "III"],
      arbitraryReasons: "Held for practising his religion; no lawyer, no trial",
    });
    return id;
  }

  beforeAll(async () => {
    org = await createOrg("Atazhurt", "AT");
    coordinator = await createMember(org, "COORDINATOR");
    admin = await createMember(org, "ADMIN");
    volunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "ADMIN");
    readyCase = await completeCase("Қасым Жұмабекұлы");
    otherCase = await completeCase("Серік Оспанұлы");
  }, 60_000);

  it("tells the case page that a complete case is ready for both Working Groups", async () => {
    const result = await getUnReadiness(volunteer, readyCase);
    expect(result.WGEID).toMatchObject({ ready: true, missing: [], consent: true, urgent: false });
    expect(result.WGAD).toMatchObject({ ready: true, missing: [] });
  });

  it("writes a WGEID draft as DOCX that holds every element in its section and nothing of another case", async () => {
    const file = await generateUnDraft(coordinator, readyCase, { type: "WGEID", format: "docx" });
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(file.fileName).toMatch(/^AT-\d{4}-\d{4}-WGEID\.docx$/);
    const text = await docxText(file.bytes);
    expect(text).toContain("Submission to the Working Group on Enforced or Involuntary Disappearances");
    const identity = section(text, "1. Identity of the person concerned");
    expect(identity).toContain("Қасым Жұмабекұлы");
    expect(identity).toContain("卡斯木·朱玛别克");
    expect(identity).toContain("2 April 1975");
    expect(identity).toContain("Ghulja");
    expect(section(text, "2. Date of the disappearance")).toContain("12 March 2018");
    expect(section(text, "3. Place of arrest, abduction or last sighting")).toContain("Ghulja, Ili Kazakh Autonomous Prefecture");
    expect(section(text, "4. Forces believed to be responsible")).toContain("Ili Public Security Bureau");
    const steps = section(text, "5. Steps taken by the family or others");
    expect(steps).toContain("Ministry of Foreign Affairs of Kazakhstan");
    expect(steps).toContain("MFA-12/345");
    expect(section(text, "6. Identity of the person or organisation submitting")).toContain("Aigerim Zhumabekova");
    expect(section(text, "7. Consent of the family")).toContain("Submissions to UN bodies and media");
    expect(text).not.toContain("URGENT PROCEDURE");
    expect(text).not.toContain("Серік Оспанұлы");
  });

  it("puts the subject's portrait in the Word file once they have one, and audits that view", async () => {
    const media = async (bytes: Buffer) => Object.keys((await JSZip.loadAsync(bytes)).files).filter((name) => name.startsWith("word/media/"));
    expect(await media((await generateUnDraft(coordinator, readyCase, { type: "WGEID", format: "docx" })).bytes)).toEqual([]);
    const withPortrait = await completeCase("Нұрлан Сейітұлы");
    const subjectId = (await ownerQuery<{ id: string }>(`SELECT "subjectPersonId" AS id FROM cases WHERE id = $1`, [withPortrait]))[0]!.id;
    const png = await sharp({ create: { width: 8, height: 10, channels: 3, background: { r: 90, g: 90, b: 90 } } }).png().toBuffer();
    await setPortrait(coordinator, subjectId, { fileName: "portrait.png", bytes: png });
    expect(await media((await generateUnDraft(coordinator, withPortrait, { type: "WGEID", format: "docx" })).bytes)).toHaveLength(1);
    const views = await ownerQuery<{ actorUserId: string; metadata: Record<string, unknown> }>(
      `SELECT "actorUserId", metadata FROM audit_events WHERE action = 'person.portrait.view' AND "entityId" = $1`,
      [subjectId],
    );
    expect(views).toEqual([expect.objectContaining({ actorUserId: coordinator.userId, metadata: expect.objectContaining({ via: "unDraft" }) })]);
  }, 60_000);

  it("writes the same draft as a PDF in the report frame, with labels in French when asked", async () => {
    const file = await generateUnDraft(admin, readyCase, { type: "WGEID", format: "pdf", lang: "fr" });
    expect(file.contentType).toBe("application/pdf");
    const { text, pages } = await pdfText(file.bytes);
    expect(text).toContain("Communication au Groupe de travail sur les disparitions forcées");
    expect(text).toContain("Identité de la personne concernée");
    expect(text).toContain("Қасым Жұмабекұлы");
    expect(text).toContain("卡斯木·朱玛别克");
    expect(text).toContain("Ili Public Security Bureau");
    expect(text).toContain("Aigerim Zhumabekova");
    expect(pages[0]).toContain("PRIVÉ");
    expect(pages[0]).toContain(`Page 1 sur ${pages.length}`);
    expect(text).not.toContain("Серік Оспанұлы");
  });

  it("writes a WGAD draft with the arrest, the detention, the categories and the reasons", async () => {
    const file = await generateUnDraft(coordinator, readyCase, { type: "WGAD", format: "docx" });
    const text = await docxText(file.bytes);
    const arrest = section(text, "2. Arrest");
    expect(arrest).toContain("12 March 2018");
    expect(arrest).toContain("Ili Public Security Bureau");
    expect(arrest).toContain("inciting ethnic hatred");
    expect(arrest).toContain("Warrant or decision shown");
    expect(arrest).toContain("Yes: Detention notice of the Ghulja City Public Security Bureau");
    expect(section(text, "3. Detention")).toContain("Ghulja detention centre No. 3");
    const why = section(text, "4. Why the detention is arbitrary");
    expect(why).toContain("Category II");
    expect(why).toContain("Category III");
    expect(why).toContain("Held for practising his religion");
    expect(section(text, "5. Domestic steps taken")).toContain("MFA-12/345");
    expect(section(text, "6. Identity of the person or organisation submitting")).toContain("Atazhurt volunteers");
  });

  it("shows the submitter and any element marked confidential as \"Confidential\", never their value", async () => {
    const [wgeid] = (await findUnSubmissions(coordinator, otherCase)).filter((s) => s.type === "WGEID");
    await updateUnSubmission(coordinator, otherCase, wgeid!.id, { version: wgeid!.version, confidentialElements: ["submitter", "place"] });
    for (const format of ["docx", "pdf"] as const) {
      const file = await generateUnDraft(coordinator, otherCase, { type: "WGEID", format });
      const text = format === "docx" ? await docxText(file.bytes) : (await pdfText(file.bytes)).text;
      expect(text, format).not.toContain("Aigerim Zhumabekova\n");
      expect(text, format).not.toContain("Ghulja, Ili Kazakh Autonomous Prefecture");
      expect(text, format).toContain("Confidential");
      if (format === "docx") expect(section(text, "6. Identity of the person or organisation submitting")).toContain("Confidential");
    }
  });

  it("flags a disappearance under three months old for the urgent procedure, in the panel and in the draft", async () => {
    const recent = await completeCase("Ерлан Нұрболұлы", { detainedOn: day(-40) });
    expect((await getUnReadiness(coordinator, recent)).WGEID.urgent).toBe(true);
    const text = await docxText((await generateUnDraft(coordinator, recent, { type: "WGEID", format: "docx" })).bytes);
    expect(text).toContain("URGENT PROCEDURE");
  });

  it("refuses a draft without the family's recorded consent (409) and lists the missing elements (422)", async () => {
    const { id } = await createCase(coordinator, { subject: { person: { names: [{ value: "Бақыт Мұратұлы" }] } } });
    const noConsent = await failure(generateUnDraft(coordinator, id, { type: "WGEID" }));
    expect(noConsent.code).toBe("CONFLICT");
    const missing = (noConsent.details?.missing as { element: UnElement; href: string }[]).map((m) => m.element);
    expect(missing).toEqual(["identity", "disappearanceDate", "place", "forces", "familySteps", "submitter", "consent"]);

    await updateCase(coordinator, id, { version: 1, consentGivenBy: "Brother", consentGivenAt: day(-1), consentScope: "UN" });
    const incomplete = await failure(generateUnDraft(coordinator, id, { type: "WGEID" }));
    expect(incomplete.code).toBe("INVALID");
    const listed = incomplete.details?.missing as { element: UnElement; href: string }[];
    expect(listed.map((m) => m.element)).not.toContain("consent");
    expect(listed.find((m) => m.element === "familySteps")?.href).toBe(`/cases/${id}?addAdvocacy=1#advocacy-new-type`);
  });

  it("refuses drafts and the follow-up log to volunteers and analysts, and hides other groups' cases", async () => {
    for (const member of [volunteer, analyst]) {
      expect((await failure(generateUnDraft(member, readyCase, { type: "WGEID" }))).code).toBe("FORBIDDEN");
      expect((await failure(findUnSubmissions(member, readyCase))).code).toBe("FORBIDDEN");
      expect((await failure(createUnSubmission(member, readyCase, { type: "WGEID" }))).code).toBe("FORBIDDEN");
    }
    expect((await failure(getUnReadiness(analyst, readyCase))).code).toBe("FORBIDDEN");
    expect((await failure(generateUnDraft(outsider, readyCase, { type: "WGEID" }))).code).toBe("NOT_FOUND");
    expect((await failure(getUnReadiness(outsider, readyCase))).code).toBe("NOT_FOUND");
    expect((await failure(findUnSubmissions(outsider, readyCase))).code).toBe("NOT_FOUND");
  });

  it("audits each generation and each recorded sending, naming fields but no values", async () => {
    await generateUnDraft(coordinator, readyCase, { type: "WGAD", format: "pdf" });
    const caseEvents = await auditActions(org, readyCase);
    const generated = caseEvents.filter((e) => e.action === "un.draft.generate");
    expect(generated.length).toBeGreaterThanOrEqual(3);
    expect(generated.at(-1)!.metadata).toMatchObject({ type: "WGAD", format: "pdf" });

    const [wgeid] = (await findUnSubmissions(coordinator, readyCase)).filter((s) => s.type === "WGEID");
    await updateUnSubmission(coordinator, readyCase, wgeid!.id, { version: wgeid!.version, sentAt: day(-190), unReference: "G/SO 217/1 CHN 123" });
    const events = await auditActions(org, wgeid!.id);
    expect(events.map((e) => e.action)).toEqual(["un.submission.create", "un.submission.sent"]);
    expect(events[1]!.changedFields).toEqual(["sentAt", "unReference"]);
    expect(JSON.stringify(events)).not.toContain("G/SO 217");
  });

  it("keeps the follow-up log: a government reply sets a deadline six months later and a reminder until we answer", async () => {
    const [wgeid] = (await findUnSubmissions(coordinator, readyCase)).filter((s) => s.type === "WGEID");
    const receivedAt = day(-160);
    const reply = await addUnReply(coordinator, readyCase, wgeid!.id, { receivedAt, summary: "The government says he is in vocational training" });
    const expected = new Date(`${receivedAt}T00:00:00Z`);
    expected.setUTCMonth(expected.getUTCMonth() + 6);
    expect(reply.respondBy).toBe(expected.toISOString().slice(0, 10));
    expect(reply.reminderDue).toBe(true);

    const [raw] = await ownerQuery<{ summaryEnc: string }>(`SELECT "summaryEnc" FROM un_submission_replies WHERE id = $1`, [reply.id]);
    expect(raw!.summaryEnc).not.toContain("vocational");

    const reminders = await findUnSubmissionReminders(coordinator, { caseId: readyCase });
    expect(reminders).toEqual([expect.objectContaining({ replyId: reply.id, caseId: readyCase, type: "WGEID", unReference: "G/SO 217/1 CHN 123" })]);
    expect((await findUnSubmissionReminders(coordinator)).map((r) => r.replyId)).toContain(reply.id);
    expect(await findUnSubmissionReminders(outsider)).toEqual([]);

    const log = await findUnSubmissions(coordinator, readyCase);
    expect(log.find((s) => s.id === wgeid!.id)).toMatchObject({
      sentAt: day(-190),
      unReference: "G/SO 217/1 CHN 123",
      replies: [expect.objectContaining({ id: reply.id, summary: "The government says he is in vocational training" })],
    });

    await answerUnReply(coordinator, readyCase, wgeid!.id, reply.id, { version: 1, answeredAt: day(-1) });
    expect(await findUnSubmissionReminders(coordinator, { caseId: readyCase })).toEqual([]);
    expect((await auditActions(org, reply.id)).map((e) => e.action)).toEqual(["un.reply.create", "un.reply.answer"]);
  });

  it("refuses a reply on another group's submission and a stale edit", async () => {
    const [wgad] = (await findUnSubmissions(coordinator, readyCase)).filter((s) => s.type === "WGAD");
    expect((await failure(addUnReply(outsider, readyCase, wgad!.id, { receivedAt: day(-1) }))).code).toBe("NOT_FOUND");
    expect((await failure(addUnReply(coordinator, otherCase, wgad!.id, { receivedAt: day(-1) }))).code).toBe("NOT_FOUND");
    expect((await failure(updateUnSubmission(coordinator, readyCase, wgad!.id, { version: 99, unReference: "X" }))).code).toBe("CONFLICT");
  });

  it("lets a coordinator delete a reply and a submission: gone from the log, the reminders and the readiness, audited", async () => {
    const id = await completeCase("Нұрлан Серікұлы");
    const log = await findUnSubmissions(coordinator, id);
    const wgeid = log.find((s) => s.type === "WGEID")!;
    const sent = await updateUnSubmission(coordinator, id, wgeid.id, { version: wgeid.version, sentAt: day(-200), unReference: "G/SO 217/1 CHN 900" });
    const reply = await addUnReply(coordinator, id, wgeid.id, { receivedAt: day(-170), summary: "No information" });
    expect((await findUnSubmissionReminders(coordinator, { caseId: id })).map((r) => r.replyId)).toEqual([reply.id]);

    expect((await failure(deleteUnReply(coordinator, id, wgeid.id, reply.id, { version: 99 }))).code).toBe("CONFLICT");
    expect((await failure(deleteUnReply(volunteer, id, wgeid.id, reply.id, { version: 1 }))).code).toBe("FORBIDDEN");
    expect((await failure(deleteUnReply(outsider, id, wgeid.id, reply.id, { version: 1 }))).code).toBe("NOT_FOUND");
    await deleteUnReply(coordinator, id, wgeid.id, reply.id, { version: reply.version });
    expect(await findUnSubmissionReminders(coordinator, { caseId: id })).toEqual([]);
    expect((await findUnSubmissions(coordinator, id)).find((s) => s.id === wgeid.id)!.replies).toEqual([]);
    expect((await failure(answerUnReply(coordinator, id, wgeid.id, reply.id, { version: 2, answeredAt: day(-1) }))).code).toBe("NOT_FOUND");

    for (const member of [volunteer, analyst]) expect((await failure(deleteUnSubmission(member, id, wgeid.id, { version: sent.version }))).code).toBe("FORBIDDEN");
    expect((await failure(deleteUnSubmission(outsider, id, wgeid.id, { version: sent.version }))).code).toBe("NOT_FOUND");
    expect((await failure(deleteUnSubmission(admin, otherCase, wgeid.id, { version: sent.version }))).code).toBe("NOT_FOUND");
    await deleteUnSubmission(admin, id, wgeid.id, { version: sent.version });
    expect((await findUnSubmissions(coordinator, id)).map((s) => s.type)).toEqual(["WGAD"]);
    // the case has no WGEID submitter any more, in the panel and in the list's kept state
    expect((await getUnReadiness(coordinator, id)).WGEID.missing.map((m) => m.element)).toEqual(["submitter"]);
    expect((await findCases(coordinator, { un: "wgeid-ready", pageSize: 100 })).items.map((c) => c.id)).not.toContain(id);
    expect((await failure(deleteUnSubmission(admin, id, wgeid.id, { version: sent.version + 1 }))).code).toBe("NOT_FOUND");
    expect((await failure(updateUnSubmission(coordinator, id, wgeid.id, { version: sent.version + 1, unReference: "X" }))).code).toBe("NOT_FOUND");

    expect((await auditActions(org, reply.id)).map((e) => e.action)).toEqual(["un.reply.create", "un.reply.delete"]);
    const events = await auditActions(org, wgeid.id);
    expect(events.at(-1)).toMatchObject({ action: "un.submission.delete", changedFields: ["deletedAt"] });
    expect(JSON.stringify(events)).not.toContain("G/SO 217/1 CHN 900");
  });

  describe("the case list's readiness filter", () => {
    /** Cases each missing one element, built from a complete case by the owner (no service checks). */
    async function caseMissing(element: UnElement): Promise<string> {
      const id = await completeCase(`Missing ${element}`);
      const subject = `(SELECT "subjectPersonId" FROM cases WHERE id = $1)`;
      const sql: Partial<Record<UnElement, string>> = {
        identity: `UPDATE people SET "birthDate" = NULL, "birthDatePrecision" = 'UNKNOWN', "hometownText" = NULL WHERE id = ${subject}`,
        disappearanceDate: `UPDATE case_events SET "datePrecision" = 'YEAR' WHERE "caseId" = $1`,
        arrestDate: `UPDATE case_events SET date = NULL, "datePrecision" = 'UNKNOWN' WHERE "caseId" = $1`,
        place: `UPDATE case_events SET "placeText" = NULL WHERE "caseId" = $1`,
        arrestPlace: `UPDATE case_events SET "placeText" = '' WHERE "caseId" = $1`,
        forces: `UPDATE case_events SET authority = NULL WHERE "caseId" = $1`,
        arrestingForces: `UPDATE case_events SET authority = '  ' WHERE "caseId" = $1`,
        arrestWarrant: `UPDATE case_events SET "warrantShown" = NULL WHERE "caseId" = $1`,
        detentionPlace: `UPDATE case_events SET facility = NULL WHERE "caseId" = $1`,
        familySteps: `UPDATE advocacy_actions SET "deletedAt" = now() WHERE "caseId" = $1`,
        domesticSteps: `DELETE FROM advocacy_actions WHERE "caseId" = $1`,
        submitter: `UPDATE un_submissions SET "submitterName" = NULL WHERE "caseId" = $1`,
        arbitrariness: `UPDATE un_submissions SET "arbitraryCategories" = '{}' WHERE "caseId" = $1 AND type = 'WGAD'`,
        consent: `UPDATE cases SET "consentScope" = NULL WHERE id = $1`,
      };
      await ownerQuery(sql[element]!, [id]);
      return id;
    }

    it("agrees with the case page element by element, and lists exactly the ready cases", async () => {
      const elements = Array.from(new Set<UnElement>([...WGEID_ELEMENTS, ...WGAD_ELEMENTS]));
      const cases = new Map<string, UnElement>();
      for (const element of elements) cases.set(await caseMissing(element), element);

      const ready = new Map<string, Record<UnSubmissionKind, boolean>>();
      for (const [caseId, removed] of cases) {
        const panel = await getUnReadiness(coordinator, caseId);
        ready.set(caseId, { WGEID: panel.WGEID.ready, WGAD: panel.WGAD.ready });
        expect([...panel.WGEID.missing, ...panel.WGAD.missing].map((m) => m.element)).toContain(removed);
        // the state the database keeps for the list names exactly the elements the panel lists
        const [kept] = await ownerQuery<{ wgeidMissing: string[]; wgadMissing: string[] }>(
          `SELECT "wgeidMissing", "wgadMissing" FROM case_un_readiness WHERE "caseId" = $1`,
          [caseId],
        );
        expect(kept!.wgeidMissing, `WGEID on the case missing ${removed}`).toEqual(panel.WGEID.missing.map((m) => m.element));
        expect(kept!.wgadMissing, `WGAD on the case missing ${removed}`).toEqual(panel.WGAD.missing.map((m) => m.element));
      }

      const ids = async (un: string) => new Set((await findCases(coordinator, { un, pageSize: 100 })).items.map((c) => c.id));
      const wgeidReady = await ids("wgeid-ready");
      const wgeidMissing = await ids("wgeid-missing");
      const wgadReady = await ids("wgad-ready");
      expect(wgeidReady.has(readyCase)).toBe(true);
      for (const [caseId, removed] of cases) {
        expect(wgeidReady.has(caseId), `WGEID, missing ${removed}`).toBe(ready.get(caseId)!.WGEID);
        expect(wgeidMissing.has(caseId), `WGEID, missing ${removed}`).toBe(!ready.get(caseId)!.WGEID);
        expect(wgadReady.has(caseId), `WGAD, missing ${removed}`).toBe(ready.get(caseId)!.WGAD);
      }
      // each of the six WGEID elements alone keeps a case out of the ready list
      for (const element of WGEID_ELEMENTS) {
        const caseId = [...cases].find(([, removed]) => removed === element)![0];
        expect(wgeidReady.has(caseId), element).toBe(false);
      }

      const summary = await findUnReadinessSummary(coordinator);
      expect(summary.WGEID.ready).toBe(wgeidReady.size);
      expect(summary.WGEID.ready + summary.WGEID.missing).toBe(wgeidReady.size + wgeidMissing.size);
    }, 120_000);
  });
});
