// The UN readiness the database keeps per case (case_un_readiness, recomputed by triggers) must always
// equal what the rules of lib/un-submissions/readiness.ts compute from the case, whatever changed and
// however: through the services, or by any statement on the rows the rules read (bulk edits, moves
// between cases, hard deletes, cascades).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdvocacyAction } from "@/lib/advocacy/create-advocacy-action";
import { createCase } from "@/lib/cases/create-case";
import { encryptField } from "@/lib/crypto";
import { unSubmissionReasonsContext } from "@/lib/crypto-contexts";
import { addEvent, deleteEvent, updateEvent } from "@/lib/cases/events";
import { updateCase } from "@/lib/cases/update-case";
import { createUnSubmission } from "@/lib/un-submissions/create-un-submission";
import { deleteUnSubmission } from "@/lib/un-submissions/delete-un-submission";
import { getUnReadiness } from "@/lib/un-submissions/get-un-readiness";
import { updateUnSubmission } from "@/lib/un-submissions/update-un-submission";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

interface Kept {
  wgeidMissing: string[];
  wgadMissing: string[];
  wgeidReady: boolean;
  wgadReady: boolean;
}

describe("the UN readiness kept for the case list", () => {
  let org: TestOrg;
  let coordinator: TestMember;

  beforeAll(async () => {
    org = await createOrg("Atazhurt", "AT");
    coordinator = await createMember(org, "COORDINATOR");
  });

  /** The kept state of the case equals the rules' answer, element by element, for both Working Groups. */
  async function expectKeptEqualsRules(caseId: string, step: string): Promise<void> {
    const panel = await getUnReadiness(coordinator, caseId);
    const [kept] = await ownerQuery<Kept>(`SELECT "wgeidMissing", "wgadMissing", "wgeidReady", "wgadReady" FROM case_un_readiness WHERE "caseId" = $1`, [caseId]);
    expect(kept, `${step}: a kept row`).toBeDefined();
    expect({ WGEID: kept!.wgeidMissing, WGAD: kept!.wgadMissing }, step).toEqual({
      WGEID: panel.WGEID.missing.map((m) => m.element),
      WGAD: panel.WGAD.missing.map((m) => m.element),
    });
    expect([kept!.wgeidReady, kept!.wgadReady], step).toEqual([panel.WGEID.ready, panel.WGAD.ready]);
  }

  it("follows every change made through the services, from the new case to a deleted submission", async () => {
    const { id } = await createCase(coordinator, { subject: { person: { names: [{ value: "Қайрат Нұрланұлы" }] } } });
    await expectKeptEqualsRules(id, "new case");
    const subject = (await ownerQuery<{ subjectPersonId: string }>(`SELECT "subjectPersonId" FROM cases WHERE id = $1`, [id]))[0]!.subjectPersonId;

    await updateCase(coordinator, id, { version: 1, consentGivenBy: "Wife", consentGivenAt: "2026-10-01", consentScope: "UN bodies" });
    await expectKeptEqualsRules(id, "consent recorded");
    await ownerQuery(`UPDATE people SET "birthDate" = '1970-01-02', "birthDatePrecision" = 'DAY' WHERE id = $1`, [subject]);
    await expectKeptEqualsRules(id, "birth date");

    const detained = await addEvent(coordinator, id, { type: "DETAINED", date: "2018-03", placeText: "Ghulja" });
    await expectKeptEqualsRules(id, "arrest to the month");
    const updated = await updateEvent(coordinator, id, detained.id, {
      type: "DETAINED",
      date: "2018-03-12",
      placeText: "Ghulja",
      authority: "Ili Public Security Bureau",
      facility: "Detention centre No. 3",
      warrantShown: "NO",
      version: detained.version,
    });
    await expectKeptEqualsRules(id, "arrest to the day, with forces, facility and warrant");

    await createAdvocacyAction(coordinator, { caseId: id, type: "APPEAL_KZ_FOREIGN_MINISTRY", date: "2025-01-10", recipient: "Ministry of Foreign Affairs" });
    await expectKeptEqualsRules(id, "advocacy action");
    const wgeid = await createUnSubmission(coordinator, id, { type: "WGEID", submitterName: "Wife" });
    await expectKeptEqualsRules(id, "WGEID submission");
    const wgad = await createUnSubmission(coordinator, id, { type: "WGAD", submitterName: "Group" });
    await expectKeptEqualsRules(id, "WGAD submission without categories");
    await updateUnSubmission(coordinator, id, wgad.id, { version: wgad.version, arbitraryCategories: ["II"], arbitraryReasons: "For his religion" });
    await expectKeptEqualsRules(id, "WGAD categories");
    expect((await ownerQuery<Kept>(`SELECT * FROM case_un_readiness WHERE "caseId" = $1`, [id]))[0]).toMatchObject({ wgeidReady: true, wgadReady: true });

    // a newer WGEID submission without a submitter counts, and deleting it brings the older one back
    const newer = await createUnSubmission(coordinator, id, { type: "WGEID" });
    await expectKeptEqualsRules(id, "newer WGEID submission without submitter");
    await deleteUnSubmission(coordinator, id, newer.id, { version: newer.version });
    await expectKeptEqualsRules(id, "newer WGEID submission deleted");
    await deleteUnSubmission(coordinator, id, wgeid.id, { version: wgeid.version });
    await expectKeptEqualsRules(id, "every WGEID submission deleted");

    await deleteEvent(coordinator, id, detained.id, { version: updated.version });
    await expectKeptEqualsRules(id, "arrest event removed");
  });

  it("follows any sequence of direct changes to the rows the rules read, on two cases at once", async () => {
    const cases: { id: string; subject: string }[] = [];
    for (const name of ["Ерлан Бекұлы", "Гүлнар Асанқызы"]) {
      const { id } = await createCase(coordinator, { subject: { person: { names: [{ value: name }] } } });
      const [row] = await ownerQuery<{ subjectPersonId: string }>(`SELECT "subjectPersonId" FROM cases WHERE id = $1`, [id]);
      cases.push({ id, subject: row!.subjectPersonId });
    }
    const [place] = await ownerQuery<{ id: string }>(`SELECT id FROM places LIMIT 1`);
    const which = fc.integer({ min: 0, max: 1 });
    const text = fc.constantFrom<string | null>(null, "", "  ", "\u00a0", "Ghulja", "Ili Public Security Bureau");
    const eventType = fc.constantFrom("DISAPPEARED", "DETAINED", "SENT_TO_CAMP", "CONTACT_LOST", "HOUSE_ARREST", "TRANSFERRED", "SENTENCED", "RELEASED");
    const dated = fc.constantFrom<[string | null, string]>(
      [null, "UNKNOWN"],
      ["2017-01-01", "YEAR"],
      ["2018-03-01", "MONTH"],
      ["2018-03-12", "DAY"],
      ["2016-07-04", "DAY"],
    );
    const warrant = fc.constantFrom<string | null>(null, "YES", "NO", "UNKNOWN");

    type Step = { label: string; run: () => Promise<unknown> };
    const sql = (label: string, statement: string, params: (c: { id: string; subject: string }) => unknown[], i: number): Step => ({
      label: `${label} on case ${i}`,
      run: () => ownerQuery(statement, params(cases[i]!)),
    });
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.tuple(which, fc.constantFrom("consentGivenBy", "consentScope"), text).map(([i, column, value]) =>
        sql(`${column} = ${JSON.stringify(value)}`, `UPDATE cases SET "${column}" = $2 WHERE id = $1`, (c) => [c.id, value], i),
      ),
      fc.tuple(which, fc.boolean()).map(([i, given]) =>
        sql(`consentGivenAt ${given ? "set" : "cleared"}`, `UPDATE cases SET "consentGivenAt" = ${given ? "now()" : "NULL"} WHERE id = $1`, (c) => [c.id], i),
      ),
      fc.tuple(which, text, fc.boolean()).map(([i, hometown, born]) =>
        sql(
          `subject hometown ${JSON.stringify(hometown)}, born ${born}`,
          `UPDATE people SET "hometownText" = $2, "birthDate" = ${born ? "'1970-05-01'" : "NULL"}, "birthDatePrecision" = '${born ? "MONTH" : "UNKNOWN"}' WHERE id = $1`,
          (c) => [c.subject, hometown],
          i,
        ),
      ),
      fc.tuple(which, fc.boolean()).map(([i, placed]) =>
        sql(`subject gazetteer hometown ${placed}`, `UPDATE people SET "hometownPlaceId" = $2 WHERE id = $1`, (c) => [c.subject, placed ? (place?.id ?? null) : null], i),
      ),
      fc.tuple(which, eventType, dated, text, text, text, warrant, fc.boolean()).map(([i, type, [date, precision], placeText, authority, facility, shown, placed]) =>
        sql(
          `add ${type} ${date ?? "undated"} ${precision}`,
          `INSERT INTO case_events (id, "organizationId", "caseId", type, date, "datePrecision", "placeText", "placeId", authority, facility, "warrantShown", "updatedAt")
           SELECT $2, "organizationId", id, $3::"CaseEventType", $4::date, $5::"DatePrecision", $6, $7::uuid, $8, $9, $10::"WarrantShown", now() FROM cases WHERE id = $1`,
          (c) => [c.id, randomUUID(), type, date, precision, placeText, placed ? (place?.id ?? null) : null, authority, facility, shown],
          i,
        ),
      ),
      fc.tuple(which, fc.constantFrom("authority", "placeText", "facility"), text).map(([i, column, value]) =>
        sql(`every event's ${column} = ${JSON.stringify(value)}`, `UPDATE case_events SET "${column}" = $2 WHERE "caseId" = $1`, (c) => [c.id, value], i),
      ),
      fc.tuple(which, warrant).map(([i, shown]) =>
        sql(`warrant ${shown} on the oldest event`, `UPDATE case_events SET "warrantShown" = $2::"WarrantShown" WHERE id = (SELECT id FROM case_events WHERE "caseId" = $1 ORDER BY "createdAt" LIMIT 1)`, (c) => [c.id, shown], i),
      ),
      fc.tuple(which, fc.boolean()).map(([i, hard]) =>
        sql(
          `${hard ? "hard" : "soft"} delete of the newest event`,
          hard
            ? `DELETE FROM case_events WHERE id = (SELECT id FROM case_events WHERE "caseId" = $1 ORDER BY "createdAt" DESC LIMIT 1)`
            : `UPDATE case_events SET "deletedAt" = now() WHERE id = (SELECT id FROM case_events WHERE "caseId" = $1 AND "deletedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1)`,
          (c) => [c.id],
          i,
        ),
      ),
      which.map((i) =>
        sql(
          "move the oldest event to the other case",
          `UPDATE case_events SET "caseId" = $2 WHERE id = (SELECT id FROM case_events WHERE "caseId" = $1 ORDER BY "createdAt" LIMIT 1)`,
          (c) => [c.id, cases[1 - i]!.id],
          i,
        ),
      ),
      which.map((i) =>
        sql(
          "add an advocacy action",
          `INSERT INTO advocacy_actions ("organizationId", "caseId", type, date, recipient, "updatedAt") SELECT "organizationId", id, 'APPEAL_KZ_FOREIGN_MINISTRY', '2025-01-10', 'Ministry', now() FROM cases WHERE id = $1`,
          (c) => [c.id],
          i,
        ),
      ),
      fc.tuple(which, fc.boolean()).map(([i, hard]) =>
        sql(
          `${hard ? "hard" : "soft"} delete of the advocacy actions`,
          hard ? `DELETE FROM advocacy_actions WHERE "caseId" = $1` : `UPDATE advocacy_actions SET "deletedAt" = now() WHERE "caseId" = $1`,
          (c) => [c.id],
          i,
        ),
      ),
      fc.tuple(which, fc.constantFrom("WGEID", "WGAD"), text, fc.boolean()).map(([i, type, submitter, categorised]) =>
        sql(
          `add a ${type} submission by ${JSON.stringify(submitter)}${categorised ? " with categories" : ""}`,
          `INSERT INTO un_submissions (id, "organizationId", "caseId", type, "submitterName", "arbitraryCategories", "arbitraryReasonsEnc", "updatedAt")
           SELECT $6, "organizationId", id, $2::"UnSubmissionType", $3, $4::text[], $5, now() FROM cases WHERE id = $1`,
          (c) => {
            const id = randomUUID();
            return [c.id, type, submitter, categorised ? ["I"] : [], categorised ? encryptField("No legal basis", unSubmissionReasonsContext(id)) : null, id];
          },
          i,
        ),
      ),
      fc.tuple(which, fc.constantFrom("soft", "hard", "submitter")).map(([i, how]) =>
        sql(
          `${how} change of the newest submission`,
          how === "hard"
            ? `DELETE FROM un_submissions WHERE id = (SELECT id FROM un_submissions WHERE "caseId" = $1 ORDER BY "createdAt" DESC LIMIT 1)`
            : how === "soft"
              ? `UPDATE un_submissions SET "deletedAt" = now() WHERE id = (SELECT id FROM un_submissions WHERE "caseId" = $1 AND "deletedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1)`
              : `UPDATE un_submissions SET "submitterName" = NULL WHERE id = (SELECT id FROM un_submissions WHERE "caseId" = $1 ORDER BY "createdAt" DESC LIMIT 1)`,
          (c) => [c.id],
          i,
        ),
      ),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const done: string[] = [];
        for (const s of steps) {
          await s.run();
          done.push(s.label);
          for (const [i, c] of cases.entries()) await expectKeptEqualsRules(c.id, `case ${i} after: ${done.join("; ")}`);
        }
      }),
      { numRuns: 15 },
    );
  }, 240_000);

  it("shows the app's database role only its own organisation's kept readiness, and lets it write none", async () => {
    const other = await createOrg("Other group", "OG");
    const outsider = await createMember(other, "COORDINATOR");
    const theirs = (await createCase(outsider, { subject: { person: { names: [{ value: "Бөтен адам" }] } } })).id;
    const app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
    await app.connect();
    try {
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.organization_id', $1, true)", [org.id]);
      const seen = await app.query<{ caseId: string; organizationId: string }>(`SELECT "caseId", "organizationId" FROM case_un_readiness`);
      expect(seen.rows.length).toBeGreaterThan(0);
      expect(seen.rows.every((row) => row.organizationId === org.id)).toBe(true);
      expect(seen.rows.map((row) => row.caseId)).not.toContain(theirs);
      await expect(app.query(`UPDATE case_un_readiness SET "wgeidReady" = true`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.query("ROLLBACK").catch(() => undefined);
      await app.end();
    }
  });
});
