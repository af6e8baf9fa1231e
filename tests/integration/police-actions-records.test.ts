import { beforeAll, describe, expect, it } from "vitest";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";
import { createProtest } from "../../lib/protests/create-protest";
import { getProtest } from "../../lib/protests/get-protest";
import { getPersonActivity } from "../../lib/protests/get-person-activity";
import { createPoliceAction } from "../../lib/police-actions/create-police-action";
import { updatePoliceAction } from "../../lib/police-actions/update-police-action";
import { recordPoliceOutcome } from "../../lib/police-actions/record-outcome";
import { getPoliceAction } from "../../lib/police-actions/get-police-action";
import { findPoliceActions, findUpcomingHearings } from "../../lib/police-actions/find-police-actions";
import { deletePoliceAction } from "../../lib/police-actions/delete-police-action";
import { MAX_ARREST_DAYS } from "../../lib/validations/police-action";
import { LOCALES } from "../../lib/i18n/config";
import { loadMessages } from "../../lib/i18n/messages";
import { auditActions, failure, insertCase, insertPerson } from "./protests-helpers";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe("police actions against activists and their outcomes", () => {
  let org: TestOrg;
  let coordinator: TestMember;
  let volunteer: TestMember;
  let otherVolunteer: TestMember;
  let analyst: TestMember;
  let outsider: TestMember;
  let activist: string;
  let relativeCase: string;
  let protestId: string;

  beforeAll(async () => {
    org = await createOrg("Atazhurt", "AT");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
    otherVolunteer = await createMember(org, "VOLUNTEER");
    analyst = await createMember(org, "ANALYST");
    outsider = await createMember(await createOrg("Other group", "OG"), "ADMIN");
    activist = await insertPerson(org, "Gulnur Qasymqyzy");
    relativeCase = await insertCase(org, await insertPerson(org, "Qasym Abdrakhman"), { contactId: activist });
    protestId = (
      await createProtest(volunteer, {
        startsAt: `${day(-10)}T11:00`,
        city: "Almaty",
        location: "Consulate of the PRC",
        kind: "PICKET",
        participants: [{ personId: activist, caseId: relativeCase }],
      })
    ).id;
  });

  it("records a summons after a protest, with a hearing date; it shows as upcoming and on the protest page", async () => {
    const hearing = new Date(Date.now() + 5 * DAY);
    const { id } = await createPoliceAction(volunteer, {
      personId: activist,
      protestId,
      type: "SUMMONS",
      date: day(-9),
      authority: "Almaly district police department",
      legalBasis: "Art. 488 Code of Administrative Offences",
      hearingAt: hearing.toISOString(),
      lawyer: "A. Lawyer",
      description: "Summoned by phone, told not to travel to Astana.",
    });
    const action = await getPoliceAction(volunteer, id);
    expect(action).toMatchObject({ type: "SUMMONS", status: "PENDING", currency: "KZT", protestId, personName: "Gulnur Qasymqyzy" });
    expect(action.description).toBe("Summoned by phone, told not to travel to Astana.");

    const upcoming = await findUpcomingHearings(coordinator, { days: 7 });
    expect(upcoming.upcoming.map((a) => a.id)).toContain(id);
    expect((await findUpcomingHearings(coordinator, { days: 3 })).upcoming.map((a) => a.id)).not.toContain(id);

    const protest = await getProtest(volunteer, protestId);
    expect(protest.policeActions).toEqual([expect.objectContaining({ id, type: "SUMMONS", personName: "Gulnur Qasymqyzy" })]);

    const events = await auditActions(org, id);
    expect(events[0]).toMatchObject({ action: "policeAction.create" });
    expect(events[0]!.changedFields).toEqual(expect.arrayContaining(["hearingAt", "legalBasis", "description"]));
    expect(JSON.stringify(events)).not.toContain("Astana");
  });

  it("records the outcome — fined 69,000 KZT, appealed, appeal dismissed — and it leaves 'upcoming' and joins the timeline", async () => {
    const { id } = await createPoliceAction(volunteer, {
      personId: activist,
      protestId,
      type: "ADMINISTRATIVE_CASE",
      date: day(-8),
      hearingAt: new Date(Date.now() + 2 * DAY).toISOString(),
    });
    expect((await findUpcomingHearings(volunteer, { days: 14 })).upcoming.map((a) => a.id)).toContain(id);
    const first = await recordPoliceOutcome(volunteer, id, {
      version: 1,
      outcome: "FINED",
      outcomeDate: day(-1),
      outcomeFineAmount: "69 000",
      appealResult: "PENDING",
    });
    // an appeal still pending keeps the action pending
    expect((await getPoliceAction(volunteer, id)).status).toBe("PENDING");
    await recordPoliceOutcome(volunteer, id, {
      version: first.version,
      outcome: "FINED",
      outcomeDate: day(-1),
      outcomeFineAmount: 69000,
      appealResult: "DISMISSED",
      appealResultDate: day(0),
    });
    const action = await getPoliceAction(volunteer, id);
    expect(action).toMatchObject({
      status: "RESOLVED",
      outcome: "FINED",
      outcomeFineAmount: 69000,
      currency: "KZT",
      appealResult: "DISMISSED",
      appealResultDate: day(0),
    });
    expect((await findUpcomingHearings(volunteer, { days: 14 })).upcoming.map((a) => a.id)).not.toContain(id);

    const activity = await getPersonActivity(volunteer, activist);
    const kinds = activity.entries.map((e) => e.kind);
    expect(kinds).toContain("relativeCase");
    expect(kinds).toEqual(expect.arrayContaining(["protest", "policeAction", "outcome", "appealResult"]));
    expect(kinds.indexOf("protest")).toBeLessThan(kinds.indexOf("policeAction"));
    expect(kinds.indexOf("outcome")).toBeLessThan(kinds.indexOf("appealResult"));
    const outcome = activity.entries.find((e) => e.kind === "outcome" && e.policeActionId === id);
    expect(outcome).toMatchObject({ outcome: "FINED", outcomeFineAmount: 69000, appealResult: "DISMISSED" });

    const audits = (await auditActions(org, id)).filter((e) => e.action === "policeAction.outcome");
    expect(audits).toHaveLength(2);
    expect(audits[1]!.changedFields).toEqual(["appealResult", "appealResultDate", "status"]);
  });

  it("refuses an outcome dated before its action", async () => {
    const { id } = await createPoliceAction(volunteer, { personId: activist, type: "QUESTIONING", date: day(-3) });
    const result = await failure(recordPoliceOutcome(volunteer, id, { version: 1, outcome: "WARNING", outcomeDate: day(-4) }));
    expect(result).toMatchObject({ code: "INVALID", fieldErrors: { outcomeDate: ["outcomeBeforeAction"] } });
    const onCreate = await failure(
      createPoliceAction(volunteer, { personId: activist, type: "WARNING", date: day(-3), outcome: "WARNING", outcomeDate: day(-5) }),
    );
    expect(onCreate.fieldErrors).toEqual({ outcomeDate: ["outcomeBeforeAction"] });
  });

  it("refuses a resolved action with a hearing date but no outcome", async () => {
    const result = await failure(
      createPoliceAction(volunteer, {
        personId: activist,
        type: "ADMINISTRATIVE_CASE",
        date: day(-3),
        hearingAt: new Date(Date.now() - DAY).toISOString(),
        status: "RESOLVED",
      }),
    );
    expect(result).toMatchObject({ code: "INVALID", fieldErrors: { outcome: ["resolvedWithoutOutcome"] } });
  });

  it("refuses negative fines, arrest over the legal maximum of 30 days and detention over 72 hours", async () => {
    expect(MAX_ARREST_DAYS).toBe(30);
    const result = await failure(
      createPoliceAction(volunteer, {
        personId: activist,
        type: "ADMINISTRATIVE_ARREST",
        date: day(-3),
        fineAmount: -5000,
        arrestDays: 31,
        durationHours: 73,
      }),
    );
    expect(result.fieldErrors).toEqual({
      fineAmount: ["mustBePositive"],
      arrestDays: ["arrestDaysOverMax"],
      durationHours: ["detentionHoursOverMax"],
    });
    const outcome = await createPoliceAction(volunteer, { personId: activist, type: "DETENTION", date: day(-3), durationHours: 72, arrestDays: 30 });
    const days = await failure(recordPoliceOutcome(volunteer, outcome.id, { version: 1, outcome: "DETAINED", outcomeDate: day(-2), outcomeDaysServed: 45 }));
    expect(days.fieldErrors).toEqual({ outcomeDaysServed: ["arrestDaysOverMax"] });
    const fined = await failure(recordPoliceOutcome(volunteer, outcome.id, { version: 1, outcome: "FINED", outcomeDate: day(-2) }));
    expect(fined.fieldErrors).toEqual({ outcomeFineAmount: ["required"] });
    const [row] = await ownerQuery<{ outcome: string | null }>(`SELECT outcome FROM police_actions WHERE id = $1`, [outcome.id]);
    expect(row!.outcome).toBeNull();
  });

  it("lets only the recording volunteer or a coordinator change an action, and refuses stale versions", async () => {
    const { id } = await createPoliceAction(volunteer, { personId: activist, type: "SURVEILLANCE", date: day(-2) });
    const edit = { personId: activist, type: "SURVEILLANCE" as const, date: day(-2), authority: "NSC" };
    expect((await failure(updatePoliceAction(otherVolunteer, id, { ...edit, version: 1 }))).code).toBe("FORBIDDEN");
    expect((await failure(recordPoliceOutcome(otherVolunteer, id, { version: 1, outcome: "UNKNOWN", outcomeDate: day(-1) }))).code).toBe("FORBIDDEN");
    await updatePoliceAction(volunteer, id, { ...edit, version: 1 });
    await updatePoliceAction(coordinator, id, { ...edit, lawyer: "B. Lawyer", version: 2 });
    const stale = await failure(updatePoliceAction(volunteer, id, { ...edit, authority: "Police", version: 2 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details?.current).toMatchObject({ lawyer: "B. Lawyer", version: 3 });
    const updates = (await auditActions(org, id)).filter((e) => e.action === "policeAction.update");
    expect(updates.map((e) => e.changedFields)).toEqual([["authority"], ["lawyer"]]);
  });

  it("keeps analysts and other organisations out", async () => {
    const { id } = await createPoliceAction(volunteer, { personId: activist, type: "WARNING", date: day(-1) });
    expect((await failure(findPoliceActions(analyst, {}))).code).toBe("FORBIDDEN");
    expect((await failure(getPoliceAction(analyst, id))).code).toBe("FORBIDDEN");
    expect((await failure(getPoliceAction(outsider, id))).code).toBe("NOT_FOUND");
    expect((await failure(recordPoliceOutcome(outsider, id, { version: 1, outcome: "WARNING", outcomeDate: day(0) }))).code).toBe("NOT_FOUND");
    expect((await findUpcomingHearings(outsider, { days: 30 })).upcoming).toEqual([]);
    // nor may another organisation's person be the target
    const foreign = await insertPerson({ id: outsider.organizationId, slug: "x" }, "Foreign");
    const result = await failure(createPoliceAction(volunteer, { personId: foreign, type: "WARNING", date: day(-1) }));
    expect(result.fieldErrors).toEqual({ personId: ["invalidChoice"] });
  });

  it("filters the list by type, status, outcome, city, person, date range and free text", async () => {
    const all = await findPoliceActions(coordinator, {});
    expect(all.total).toBeGreaterThanOrEqual(6);
    expect((await findPoliceActions(coordinator, { type: "SUMMONS" })).items.every((a) => a.type === "SUMMONS")).toBe(true);
    expect((await findPoliceActions(coordinator, { outcome: "FINED" })).total).toBe(1);
    expect((await findPoliceActions(coordinator, { status: "RESOLVED" })).items.every((a) => a.status === "RESOLVED")).toBe(true);
    expect((await findPoliceActions(coordinator, { city: "Almaty" })).total).toBe(2);
    expect((await findPoliceActions(coordinator, { q: "almaly" })).total).toBe(1);
    expect((await findPoliceActions(coordinator, { from: day(-9), to: day(-8) })).total).toBe(2);
    expect((await findPoliceActions(coordinator, { personId: activist })).total).toBe(all.total);
  });

  it("soft-deletes an action recorded in error", async () => {
    const { id } = await createPoliceAction(volunteer, { personId: activist, type: "OTHER", date: day(-1) });
    await deletePoliceAction(volunteer, id, 1);
    expect((await failure(getPoliceAction(volunteer, id))).code).toBe("NOT_FOUND");
    expect((await auditActions(org, id)).map((e) => e.action)).toContain("policeAction.delete");
  });

  it("explains every refusal of bad input with a sentence in Kazakh, Russian and English", async () => {
    const action = await createPoliceAction(volunteer, { personId: activist, type: "ADMINISTRATIVE_CASE", date: day(-3) });
    const refusals = [
      // an outcome dated before its action
      { area: "police", error: await failure(recordPoliceOutcome(volunteer, action.id, { version: 1, outcome: "WARNING", outcomeDate: day(-4) })) },
      // a resolved action with a hearing date but no outcome
      {
        area: "police",
        error: await failure(
          createPoliceAction(volunteer, { personId: activist, type: "SUMMONS", date: day(-3), hearingAt: new Date(Date.now() - DAY).toISOString(), status: "RESOLVED" }),
        ),
      },
      // a negative fine
      { area: "police", error: await failure(createPoliceAction(volunteer, { personId: activist, type: "FINE", date: day(-3), fineAmount: "-69 000" })) },
      // arrest over the 30-day maximum, on the action and as days served
      { area: "police", error: await failure(createPoliceAction(volunteer, { personId: activist, type: "ADMINISTRATIVE_ARREST", date: day(-3), arrestDays: 31 })) },
      {
        area: "police",
        error: await failure(recordPoliceOutcome(volunteer, action.id, { version: 1, outcome: "DETAINED", outcomeDate: day(-2), outcomeDaysServed: 31 })),
      },
      // a participant added twice
      { area: "protests", error: await failure(createProtest(volunteer, { startsAt: `${day(-1)}T10:00`, city: "Almaty", kind: "PICKET", participants: [{ personId: activist }, { personId: activist }] })) },
    ];
    const keys = refusals.map(({ error }) => Object.values(error.fieldErrors ?? {}).flat());
    expect(keys).toEqual([["outcomeBeforeAction"], ["resolvedWithoutOutcome"], ["mustBePositive"], ["arrestDaysOverMax"], ["arrestDaysOverMax"], ["alreadyParticipant"]]);

    // the forms look a key up in their own area first, then among the shared validation messages
    const sentences = new Map<string, Set<string>>();
    for (const locale of LOCALES) {
      const messages = await loadMessages(locale);
      refusals.forEach(({ area }, index) => {
        const key = keys[index]![0]!;
        const own = (messages[area]?.validation as Record<string, string> | undefined)?.[key];
        const text = own ?? (messages.validation as Record<string, string>)[key];
        expect(text, `${locale} ${area}.${key}`).toMatch(/\p{L}.*[.!]$/u);
        (sentences.get(key) ?? sentences.set(key, new Set()).get(key)!).add(text!);
      });
    }
    // written in each language, not copied from English
    for (const [key, texts] of sentences) expect(texts.size, key).toBe(LOCALES.length);
    expect([...sentences.get("arrestDaysOverMax")!].every((text) => text.includes("30"))).toBe(true);
  });
});
