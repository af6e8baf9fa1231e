import { beforeAll, describe, expect, it } from "vitest";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { createAdvocacyAction } from "../../lib/advocacy/create-advocacy-action";
import { deleteAdvocacyAction, recordAdvocacyResponse, updateAdvocacyAction } from "../../lib/advocacy/update-advocacy-action";
import { findAdvocacyActions, findAwaitingResponse, findCaseAdvocacyActions } from "../../lib/advocacy/find-advocacy-actions";
import { auditActions, failure, insertCase, insertPerson } from "./protests-helpers";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe("advocacy actions on a case and what came back", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherVolunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;
  let ownCase: string;
  let otherCase: string;

  beforeAll(async () => {
    org = await createOrg("Atazhurt", "AT");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    otherVolunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "ADMIN");
    ownCase = await insertCase(org, await insertPerson(org, "Detained One"), { assignee: volunteer });
    otherCase = await insertCase(org, await insertPerson(org, "Detained Two"), { assignee: otherVolunteer });
  });

  it("records an appeal to the foreign ministry and its answer; the case shows what was asked, of whom, and what came back", async () => {
    const { id } = await createAdvocacyAction(volunteer, {
      caseId: ownCase,
      type: "APPEAL_KZ_FOREIGN_MINISTRY",
      date: day(-40),
      recipient: "Ministry of Foreign Affairs of Kazakhstan",
      theirReference: "MFA-12/345",
      description: "Asked the ministry to request information on his whereabouts.",
    });
    await recordAdvocacyResponse(volunteer, id, { version: 1, response: "The ministry sent a note to the Chinese side.", responseDate: day(-10) });
    const [action] = await findCaseAdvocacyActions(volunteer, ownCase);
    expect(action).toMatchObject({
      type: "APPEAL_KZ_FOREIGN_MINISTRY",
      recipient: "Ministry of Foreign Affairs of Kazakhstan",
      theirReference: "MFA-12/345",
      description: "Asked the ministry to request information on his whereabouts.",
      response: "The ministry sent a note to the Chinese side.",
      responseDate: day(-10),
      daysWaiting: null,
      version: 2,
    });
    const [raw] = await ownerQuery<{ responseEnc: string }>(`SELECT "responseEnc" FROM advocacy_actions WHERE id = $1`, [id]);
    expect(raw!.responseEnc).not.toContain("ministry");
    const events = await auditActions(org, id);
    expect(events.map((e) => e.action)).toEqual(["advocacy.create", "advocacy.response"]);
    expect(events[1]!.changedFields).toEqual(["response", "responseDate"]);
    expect((await auditActions(org, ownCase)).map((e) => e.action)).toContain("advocacy.view");
  });

  it("lists actions still awaiting a response after N days, longest wait first", async () => {
    const old = await createAdvocacyAction(volunteer, { caseId: ownCase, type: "UN_SUBMISSION", date: day(-45), recipient: "UN WGEID" });
    const recent = await createAdvocacyAction(coordinator, { caseId: otherCase, type: "APPEAL_CHINESE_EMBASSY", date: day(-5), recipient: "Embassy of the PRC" });
    const after30 = await findAwaitingResponse(coordinator, { days: 30 });
    expect(after30.items.map((a) => a.id)).toEqual([old.id]);
    expect(after30.items[0]!.daysWaiting).toBeGreaterThanOrEqual(45);
    const after3 = await findAwaitingResponse(coordinator, { days: 3 });
    expect(after3.items.map((a) => a.id)).toEqual([old.id, recent.id]);
    expect((await findAdvocacyActions(coordinator, { awaiting: "true" })).total).toBe(2);
    expect((await findAdvocacyActions(coordinator, { caseId: ownCase })).total).toBe(2);
  });

  it("refuses a response dated before the action", async () => {
    const { id } = await createAdvocacyAction(volunteer, { caseId: ownCase, type: "LETTER", date: day(-3), recipient: "Akimat" });
    const result = await failure(recordAdvocacyResponse(volunteer, id, { version: 1, response: "No", responseDate: day(-4) }));
    expect(result).toMatchObject({ code: "INVALID", fieldErrors: { responseDate: ["responseBeforeAction"] } });
    const onCreate = await failure(
      createAdvocacyAction(volunteer, { caseId: ownCase, type: "LETTER", date: day(-3), recipient: "Akimat", responseDate: day(-5) }),
    );
    expect(onCreate.fieldErrors).toEqual({ responseDate: ["responseBeforeAction"] });
    const missing = await failure(createAdvocacyAction(volunteer, { caseId: ownCase, type: "FAX" as never, date: "", recipient: "" }));
    expect(missing.fieldErrors).toEqual({ type: ["invalidChoice"], date: ["required"], recipient: ["required"] });
  });

  it("lets volunteers record advocacy only on cases they work on; coordinators on any", async () => {
    const refused = await failure(createAdvocacyAction(volunteer, { caseId: otherCase, type: "PETITION", date: day(-1), recipient: "Parliament" }));
    expect(refused.code).toBe("FORBIDDEN");
    const { id } = await createAdvocacyAction(coordinator, { caseId: otherCase, type: "PETITION", date: day(-1), recipient: "Parliament" });
    expect((await failure(updateAdvocacyAction(volunteer, id, { version: 1, type: "PETITION", date: day(-1), recipient: "Senate" }))).code).toBe("FORBIDDEN");
    await updateAdvocacyAction(otherVolunteer, id, { version: 1, type: "PETITION", date: day(-1), recipient: "Senate" });
    // the volunteer may still read what was done on a case of the organisation
    expect((await findCaseAdvocacyActions(volunteer, otherCase)).map((a) => a.recipient)).toContain("Senate");
  });

  it("refuses a stale edit with the current state", async () => {
    const { id } = await createAdvocacyAction(volunteer, { caseId: ownCase, type: "MEDIA_INTERVIEW", date: day(-2), recipient: "Azattyq" });
    await updateAdvocacyAction(coordinator, id, { version: 1, type: "MEDIA_INTERVIEW", date: day(-2), recipient: "Azattyq Radio" });
    const result = await failure(updateAdvocacyAction(volunteer, id, { version: 1, type: "MEDIA_INTERVIEW", date: day(-2), recipient: "Vlast.kz" }));
    expect(result.code).toBe("CONFLICT");
    expect(result.details?.current).toMatchObject({ recipient: "Azattyq Radio", version: 2 });
    await deleteAdvocacyAction(coordinator, id, 2);
    expect((await findCaseAdvocacyActions(coordinator, ownCase)).map((a) => a.id)).not.toContain(id);
  });

  it("keeps analysts out and other organisations at not found", async () => {
    expect((await failure(findCaseAdvocacyActions(analyst, ownCase))).code).toBe("FORBIDDEN");
    expect((await failure(findAwaitingResponse(analyst, {}))).code).toBe("FORBIDDEN");
    expect((await failure(createAdvocacyAction(analyst, { caseId: ownCase, type: "LETTER", date: day(0), recipient: "X" }))).code).toBe("FORBIDDEN");
    expect((await failure(findCaseAdvocacyActions(outsider, ownCase))).code).toBe("NOT_FOUND");
    expect((await failure(createAdvocacyAction(outsider, { caseId: ownCase, type: "LETTER", date: day(0), recipient: "X" }))).code).toBe("NOT_FOUND");
    expect((await findAwaitingResponse(outsider, { days: 1 })).items).toEqual([]);
  });
});
