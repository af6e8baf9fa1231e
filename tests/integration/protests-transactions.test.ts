import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember, createOrg, type TestMember, type TestOrg } from "../helpers/factories";
import { createProtest } from "../../lib/protests/create-protest";
import { deleteProtest } from "../../lib/protests/delete-protest";
import { findProtestCities, findProtests } from "../../lib/protests/find-protests";
import { findRelativeCases } from "../../lib/protests/find-relative-cases";
import { getPersonActivity } from "../../lib/protests/get-person-activity";
import { getProtest } from "../../lib/protests/get-protest";
import { addParticipants, removeParticipant } from "../../lib/protests/participants";
import { getProtestStats } from "../../lib/protests/protest-stats";
import { updateProtest } from "../../lib/protests/update-protest";
import { createPoliceAction } from "../../lib/police-actions/create-police-action";
import { deletePoliceAction } from "../../lib/police-actions/delete-police-action";
import { findPoliceActions, findUpcomingHearings } from "../../lib/police-actions/find-police-actions";
import { getPoliceAction } from "../../lib/police-actions/get-police-action";
import { recordPoliceOutcome } from "../../lib/police-actions/record-outcome";
import { updatePoliceAction } from "../../lib/police-actions/update-police-action";
import { createAdvocacyAction } from "../../lib/advocacy/create-advocacy-action";
import { findAdvocacyActions, findAwaitingResponse, findCaseAdvocacyActions } from "../../lib/advocacy/find-advocacy-actions";
import { recordAdvocacyResponse } from "../../lib/advocacy/update-advocacy-action";
import { insertCase, insertPerson, watchOverlappingQueries } from "./protests-helpers";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

// Inside a transaction every query shares one connection; pg refuses (today: warns about) a query sent
// while the previous one is still running. Prisma sends sibling `include`s concurrently, so the services
// load related rows one query after another.
describe("protest, police-action and advocacy services inside their transactions", () => {
  let org: TestOrg;
  let volunteer: TestMember;
  let coordinator: TestMember;
  let analyst: TestMember;
  let activist: string;
  let caseId: string;
  let watcher: Awaited<ReturnType<typeof watchOverlappingQueries>>;

  beforeAll(async () => {
    org = await createOrg("Atazhurt", "AT");
    volunteer = await createMember(org, "VOLUNTEER");
    coordinator = await createMember(org, "COORDINATOR");
    analyst = await createMember(org, "ANALYST");
    activist = await insertPerson(org, "Gulnur Qasymqyzy");
    caseId = await insertCase(org, await insertPerson(org, "Qasym Abdrakhman"), { contactId: activist, assignee: volunteer });
    watcher = await watchOverlappingQueries();
  });

  afterAll(() => watcher.stop());

  it("send each query only once the one before it has answered, through a whole protest and its aftermath", async () => {
    const { id: protestId } = await createProtest(volunteer, {
      startsAt: `${day(-3)}T11:00`,
      city: "Almaty",
      kind: "PICKET",
      sources: [{ title: "Report", url: "https://example.org/r" }],
      participants: [{ personId: activist, caseId, role: "ORGANISER" }, { newPerson: { name: "Aigerim Nurlanqyzy" } }],
    });
    const other = await insertPerson(org, "Erlan Sakenuly");
    await addParticipants(volunteer, protestId, [{ personId: other }]);
    await removeParticipant(volunteer, protestId, other);
    await updateProtest(volunteer, protestId, { startsAt: `${day(-3)}T12:00`, city: "Almaty", kind: "PICKET", version: 1 });
    const protest = await getProtest(volunteer, protestId);
    expect(protest.participants.map((p) => p.displayName)).toEqual(expect.arrayContaining(["Gulnur Qasymqyzy", "Aigerim Nurlanqyzy"]));
    expect(protest.participants.find((p) => p.personId === activist)?.caseReference).toMatch(/^TC-/);
    await findProtests(volunteer, {});
    await findProtestCities(volunteer);
    await findRelativeCases(volunteer, activist);

    const hearingAt = new Date(Date.now() + 2 * DAY).toISOString();
    const { id: actionId } = await createPoliceAction(volunteer, { personId: activist, protestId, caseId, type: "SUMMONS", date: day(-2), hearingAt });
    await updatePoliceAction(volunteer, actionId, { personId: activist, protestId, caseId, type: "SUMMONS", date: day(-2), hearingAt, authority: "Police", version: 1 });
    const action = await getPoliceAction(volunteer, actionId);
    expect(action).toMatchObject({ personName: "Gulnur Qasymqyzy", protest: { id: protestId, city: "Almaty" }, caseReference: expect.stringMatching(/^TC-/) });
    expect((await findUpcomingHearings(coordinator, { days: 7 })).upcoming.map((a) => a.id)).toContain(actionId);
    expect((await findPoliceActions(volunteer, {})).items[0]).toMatchObject({ id: actionId, personName: "Gulnur Qasymqyzy" });
    await recordPoliceOutcome(volunteer, actionId, { version: 2, outcome: "FINED", outcomeDate: day(0), outcomeFineAmount: "69 000", appealResult: "DISMISSED", appealResultDate: day(0) });
    const activity = await getPersonActivity(volunteer, activist);
    expect(activity.entries.map((e) => e.kind).sort()).toEqual(["appealResult", "outcome", "policeAction", "protest", "relativeCase"]);
    await getProtestStats(analyst);

    const { id: advocacyId } = await createAdvocacyAction(volunteer, { caseId, type: "LETTER", date: day(-20), recipient: "Ministry of Foreign Affairs" });
    await findAwaitingResponse(coordinator, { days: 14 });
    await recordAdvocacyResponse(volunteer, advocacyId, { version: 1, response: "Received.", responseDate: day(-1) });
    await findCaseAdvocacyActions(volunteer, caseId);
    await findAdvocacyActions(coordinator, {});

    const throwaway = await createPoliceAction(volunteer, { personId: activist, type: "WARNING", date: day(-1) });
    await deletePoliceAction(volunteer, throwaway.id, 1);
    const spare = await createProtest(volunteer, { startsAt: `${day(-1)}T10:00`, city: "Astana", kind: "SOLO_PICKET" });
    await deleteProtest(volunteer, spare.id, 1);

    expect(watcher.overlaps).toEqual([]);
  });
});
