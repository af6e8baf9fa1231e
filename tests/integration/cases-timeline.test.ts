import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../lib/cases/create-case";
import { addEvent, listEvents, updateEvent } from "../../lib/cases/events";
import { getCase } from "../../lib/cases/get-case";
import { setStatusOverride } from "../../lib/cases/manage-case";
import { AppError } from "../../lib/errors";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe("the case timeline", () => {
  let coordinator: TestMember;
  let volunteer: TestMember;

  beforeAll(async () => {
    const org = await createOrg("Timeline group", "TL");
    coordinator = await createMember(org, "COORDINATOR");
    volunteer = await createMember(org, "VOLUNTEER");
  });

  const open = async (birthDate = "") =>
    (await createCase(volunteer, { subject: { person: { names: [{ value: "Timeline subject" }], birthDate } } })).id;

  it("lists events in date order with their precision, undated events last", async () => {
    const id = await open();
    await addEvent(volunteer, id, { type: "SENTENCED", date: "2018-03-12", sentenceMonths: 120, charges: "espionage" });
    await addEvent(volunteer, id, { type: "RELATIVES_PRESSURED", date: "" });
    await addEvent(volunteer, id, { type: "DETAINED", date: "2017" });
    await addEvent(volunteer, id, { type: "SENT_TO_CAMP", date: "2018-03" });
    const events = await listEvents(volunteer, id);
    expect(events.map((e) => [e.type, e.date, e.datePrecision])).toEqual([
      ["DETAINED", "2017-01-01", "YEAR"],
      ["SENT_TO_CAMP", "2018-03-01", "MONTH"],
      ["SENTENCED", "2018-03-12", "DAY"],
      ["RELATIVES_PRESSURED", null, "UNKNOWN"],
    ]);
  });

  it("derives the status from the latest dated event that changes it", async () => {
    const id = await open();
    await addEvent(volunteer, id, { type: "DISAPPEARED", date: "2017-05" });
    expect((await getCase(volunteer, id)).status).toBe("MISSING");
    await addEvent(volunteer, id, { type: "SENT_TO_CAMP", date: "2018" });
    expect((await getCase(volunteer, id)).status).toBe("IN_CAMP");
    // pressure on the family does not change where the relative is
    await addEvent(volunteer, id, { type: "GUARANTOR_REGISTRATION", date: "2019-01-01" });
    await addEvent(volunteer, id, { type: "PLEDGE_OF_SILENCE", date: "2019-02-01" });
    // an undated event does not drive the status either
    await addEvent(volunteer, id, { type: "DIED", date: "" });
    const detail = await getCase(volunteer, id);
    expect(detail.status).toBe("IN_CAMP");
    expect(detail.lastEventDate).toBe("2019-02-01");
    // an older event added later does not move the status back
    await addEvent(volunteer, id, { type: "DETAINED", date: "2017-06" });
    expect((await getCase(volunteer, id)).status).toBe("IN_CAMP");
    await addEvent(volunteer, id, { type: "RETURNED", date: "2020-07" });
    expect((await getCase(volunteer, id)).status).toBe("RETURNED_TO_KAZAKHSTAN");
  });

  it("keeps a coordinator's status override until it is handed back to the timeline", async () => {
    const id = await open();
    await addEvent(volunteer, id, { type: "DETAINED", date: "2017" });
    const { version } = await setStatusOverride(coordinator, id, { version: 1, status: "HOUSE_ARREST" });
    await addEvent(volunteer, id, { type: "SENTENCED", date: "2018" });
    let detail = await getCase(coordinator, id);
    expect(detail).toMatchObject({ status: "HOUSE_ARREST", statusOverridden: true });
    await setStatusOverride(coordinator, id, { version, status: null });
    detail = await getCase(coordinator, id);
    expect(detail).toMatchObject({ status: "SENTENCED", statusOverridden: false });
  });

  it("refuses a release dated before the detention, with a reason on the date field", async () => {
    const id = await open();
    await addEvent(volunteer, id, { type: "DETAINED", date: "2018-03-12" });
    const error = await errorOf(addEvent(volunteer, id, { type: "RELEASED", date: "2017-11" }));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors).toEqual({ date: ["dateOrder"] });
    expect(error.message).toMatch(/release/i);
    expect((await listEvents(volunteer, id)).map((e) => e.type)).toEqual(["DETAINED"]);
  });

  it("compares uncertain dates at the coarser precision: released \"2018\" after detained \"12 March 2018\" is accepted", async () => {
    const id = await open();
    await addEvent(volunteer, id, { type: "DETAINED", date: "2018-03-12" });
    await addEvent(volunteer, id, { type: "RELEASED", date: "2018" });
    expect((await listEvents(volunteer, id)).map((e) => e.type).sort()).toEqual(["DETAINED", "RELEASED"]);
  });

  it("refuses moving a detention after the release it ended, keeping the old date", async () => {
    const id = await open();
    const detained = await addEvent(volunteer, id, { type: "DETAINED", date: "2017" });
    await addEvent(volunteer, id, { type: "RELEASED", date: "2019" });
    const error = await errorOf(updateEvent(volunteer, id, detained.id, { type: "DETAINED", date: "2020", version: detained.version }));
    expect(error.code).toBe("INVALID");
    const events = await listEvents(volunteer, id);
    expect(events.find((e) => e.id === detained.id)?.date).toBe("2017-01-01");
  });

  it("refuses a death dated before the subject's birth", async () => {
    const id = await open("1960-05");
    const error = await errorOf(addEvent(volunteer, id, { type: "DIED", date: "1959" }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toMatch(/birth/i);
  });

  it("refuses future dates, impossible calendar dates and sentences out of range, per field", async () => {
    const id = await open();
    const nextYear = String(new Date().getUTCFullYear() + 1);
    expect((await errorOf(addEvent(volunteer, id, { type: "DETAINED", date: nextYear }))).fieldErrors).toEqual({ date: ["dateInFuture"] });
    expect((await errorOf(addEvent(volunteer, id, { type: "DETAINED", date: "2018-02-30" }))).fieldErrors).toEqual({ date: ["invalidDate"] });
    expect((await errorOf(addEvent(volunteer, id, { type: "SENTENCED", date: "2018", sentenceMonths: 0 }))).fieldErrors).toEqual({
      sentenceMonths: ["mustBePositive"],
    });
    expect((await errorOf(addEvent(volunteer, id, { type: "SENTENCED", date: "2018", sentenceMonths: 601 }))).fieldErrors).toHaveProperty("sentenceMonths");
    expect((await errorOf(addEvent(volunteer, id, { type: "NOT_A_TYPE", date: "2018" }))).fieldErrors).toEqual({ type: ["invalidChoice"] });
    const rows = await ownerQuery(`SELECT 1 FROM case_events WHERE "caseId" = $1`, [id]);
    expect(rows).toHaveLength(0);
  });

  it("stores event descriptions encrypted, never in clear", async () => {
    const id = await open();
    await addEvent(volunteer, id, { type: "DETAINED", date: "2018", description: "Taken from home at night by county police" });
    const rows = await ownerQuery<{ descriptionEnc: string }>(`SELECT "descriptionEnc" FROM case_events WHERE "caseId" = $1`, [id]);
    expect(rows[0]!.descriptionEnc).not.toContain("police");
    expect((await listEvents(volunteer, id))[0]!.description).toBe("Taken from home at night by county police");
  });
});
