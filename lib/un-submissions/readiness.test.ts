import { describe, expect, it } from "vitest";
import {
  addMonthsUtc,
  isUrgent,
  reminderDue,
  replyDeadline,
  targetHref,
  wgadReadiness,
  wgeidReadiness,
  WGEID_ELEMENTS,
  type ReadinessInput,
  type WgeidElement,
} from "./readiness";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const NOW = day("2026-12-01");

function completeCase(): ReadinessInput {
  return {
    caseId: "case-1",
    subject: { id: "person-1", displayName: "Қасым Жұмабекұлы", birthDate: day("1975-04-02"), birthDatePrecision: "DAY", hometownText: "Ghulja", hometownPlaceId: null },
    consentGivenBy: "Aigerim (wife)",
    consentGivenAt: day("2026-10-01"),
    consentScope: "UN submissions and media",
    events: [
      {
        id: "ev-detained",
        type: "DETAINED",
        date: day("2018-03-12"),
        datePrecision: "DAY",
        placeText: "Ghulja",
        placeId: null,
        facility: "Ghulja detention centre No. 3",
        authority: "Ili Public Security Bureau",
        warrantShown: "NO",
        createdAt: day("2026-01-01"),
      },
    ],
    advocacyActionCount: 1,
    submissions: {
      WGEID: { submitterName: "Atazhurt volunteers", arbitraryCategories: [], arbitraryReasons: false },
      WGAD: { submitterName: "Atazhurt volunteers", arbitraryCategories: ["II"], arbitraryReasons: true },
    },
  };
}

/** The complete case with one WGEID element taken away. */
function without(element: WgeidElement): ReadinessInput {
  const input = completeCase();
  const event = input.events[0]!;
  switch (element) {
    case "identity":
      input.subject = { ...input.subject, birthDate: null, birthDatePrecision: "UNKNOWN", hometownText: null };
      break;
    case "disappearanceDate":
      event.datePrecision = "YEAR";
      break;
    case "place":
      event.placeText = null;
      break;
    case "forces":
      event.authority = "  ";
      break;
    case "familySteps":
      input.advocacyActionCount = 0;
      break;
    case "submitter":
      input.submissions.WGEID = null;
      break;
    case "consent":
      input.consentGivenAt = null;
      break;
  }
  return input;
}

describe("WGEID readiness", () => {
  it("says a case with all six elements and the family's consent is ready", () => {
    const result = wgeidReadiness(completeCase(), NOW);
    expect(result.ready).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.consent).toBe(true);
    expect(result.keyEventId).toBe("ev-detained");
  });

  for (const element of WGEID_ELEMENTS) {
    it(`lists exactly "${element}" as missing when only that element is absent`, () => {
      const result = wgeidReadiness(without(element), NOW);
      expect(result.ready).toBe(false);
      expect(result.missing.map((m) => m.element)).toEqual([element]);
    });
  }

  it("links each missing element to the form field that fills it", () => {
    const hrefs = Object.fromEntries(
      WGEID_ELEMENTS.map((element) => [element, targetHref("case-1", wgeidReadiness(without(element), NOW).missing[0]!.target)]),
    );
    expect(hrefs).toEqual({
      identity: "/people/person-1/edit#birthDate",
      disappearanceDate: "/cases/case-1?editEvent=ev-detained#event-ev-detained-date",
      place: "/cases/case-1?editEvent=ev-detained#event-ev-detained-place",
      forces: "/cases/case-1?editEvent=ev-detained#event-ev-detained-authority",
      familySteps: "/cases/case-1?addAdvocacy=1#advocacy-new-type",
      submitter: "/cases/case-1?unForm=WGEID#un-WGEID-submitter",
      consent: "/cases/case-1/edit#edit-consent-at",
    });
  });

  it("asks for a new disappearance event when the timeline has none", () => {
    const input = completeCase();
    input.events = [];
    const result = wgeidReadiness(input, NOW);
    expect(result.missing.map((m) => m.element)).toEqual(["disappearanceDate", "place", "forces"]);
    expect(targetHref("case-1", result.missing[0]!.target)).toBe("/cases/case-1?addEvent=DISAPPEARED#event-new-type");
  });

  it("reads the earliest dated disappearance, not a later transfer or an undated report", () => {
    const input = completeCase();
    input.events.push(
      { ...input.events[0]!, id: "ev-undated", type: "CONTACT_LOST", date: null, datePrecision: "UNKNOWN", placeText: null, authority: null },
      { ...input.events[0]!, id: "ev-later", type: "SENT_TO_CAMP", date: day("2019-01-01"), placeText: null },
    );
    expect(wgeidReadiness(input, NOW)).toMatchObject({ ready: true, keyEventId: "ev-detained" });
  });

  it("refuses without the family's recorded consent: who gave it, when and to what", () => {
    for (const field of ["consentGivenBy", "consentGivenAt", "consentScope"] as const) {
      const input = completeCase();
      input[field] = null;
      const result = wgeidReadiness(input, NOW);
      expect(result.consent, field).toBe(false);
      expect(result.ready, field).toBe(false);
      expect(result.missing.map((m) => m.element), field).toEqual(["consent"]);
    }
  });

  it("flags the urgent procedure at 2 months 29 days and not at 3 months 1 day", () => {
    const at = (iso: string) => {
      const input = completeCase();
      input.events[0]!.date = day(iso);
      return wgeidReadiness(input, NOW).urgent;
    };
    // 1 December 2026: 2 months 29 days after 2 September, 3 months 1 day after 31 August
    expect(at("2026-09-02")).toBe(true);
    expect(at("2026-08-31")).toBe(false);
    // exactly three months is no longer "under three months"
    expect(at("2026-09-01")).toBe(false);
    expect(at("2018-03-12")).toBe(false);
  });

  it("does not flag a disappearance known only to the month as urgent", () => {
    expect(isUrgent(day("2026-11-01"), "MONTH", NOW)).toBe(false);
    expect(isUrgent(day("2026-11-01"), "DAY", NOW)).toBe(true);
  });
});

describe("WGAD readiness", () => {
  it("says a detention with arrest, place of detention, categories, steps and submitter is ready", () => {
    expect(wgadReadiness(completeCase())).toMatchObject({ ready: true, missing: [] });
  });

  it("lists the arrest's place and forces, the place of detention and the categories when they are absent", () => {
    const input = completeCase();
    const event = input.events[0]!;
    event.placeText = null;
    event.authority = null;
    event.facility = null;
    input.submissions.WGAD = { submitterName: "Atazhurt", arbitraryCategories: [], arbitraryReasons: true };
    expect(wgadReadiness(input).missing.map((m) => m.element)).toEqual(["arrestPlace", "arrestingForces", "detentionPlace", "arbitrariness"]);
  });

  it("asks whether a warrant was shown at the arrest, and takes \"unknown\" for an answer", () => {
    const input = completeCase();
    input.events[0]!.warrantShown = null;
    const result = wgadReadiness(input);
    expect(result.missing).toEqual([{ element: "arrestWarrant", target: { form: "event", eventId: "ev-detained", field: "warrant" } }]);
    expect(targetHref("case-1", result.missing[0]!.target)).toBe("/cases/case-1?editEvent=ev-detained#event-ev-detained-warrant");
    input.events[0]!.warrantShown = "UNKNOWN";
    expect(wgadReadiness(input).ready).toBe(true);
    // a warrant is no element of a disappearance
    input.events[0]!.warrantShown = null;
    expect(wgeidReadiness(input, NOW).ready).toBe(true);
  });

  it("needs the family's consent too", () => {
    const input = completeCase();
    input.consentGivenBy = "";
    expect(wgadReadiness(input).missing.map((m) => m.element)).toEqual(["consent"]);
  });
});

describe("follow-up dates", () => {
  it("sets the answer's deadline six months after the government's reply, clamped to the month's end", () => {
    expect(replyDeadline(day("2026-03-15")).toISOString().slice(0, 10)).toBe("2026-09-15");
    expect(addMonthsUtc(day("2026-08-31"), 6).toISOString().slice(0, 10)).toBe("2027-02-28");
  });

  it("shows the reminder from a month before the deadline until our comments are recorded", () => {
    const respondBy = day("2026-12-20");
    expect(reminderDue({ respondBy, answeredAt: null }, day("2026-11-01"))).toBe(false);
    expect(reminderDue({ respondBy, answeredAt: null }, NOW)).toBe(true);
    expect(reminderDue({ respondBy, answeredAt: day("2026-11-30") }, NOW)).toBe(false);
    expect(reminderDue({ respondBy, answeredAt: null }, day("2027-01-05"))).toBe(true);
  });
});
