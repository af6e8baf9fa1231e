// The case list offers every gazetteer place for its hometown filter; the gazetteer is the same for
// every organisation and only the migration step changes it, so a process reads it once in a while, not
// on every page.
import { beforeAll, describe, expect, it } from "vitest";
import { findPlaces } from "../../lib/places/find-places";
import { GAZETTEER_REREAD_MS, gazetteerPlaces } from "../../lib/places/gazetteer-places";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";
import { recordStatements } from "../helpers/statements";

describe("the gazetteer's places for the case list's hometown filter", () => {
  let coordinator: TestMember;
  let otherGroupVolunteer: TestMember;

  beforeAll(async () => {
    coordinator = await createMember(await createOrg("Gazetteer group", "GZ"), "COORDINATOR");
    otherGroupVolunteer = await createMember(await createOrg("Other gazetteer group", "GY"), "VOLUNTEER");
  });

  it("are the gazetteer's places, the same for a member of any organisation", async () => {
    const start = Date.now();
    const places = await gazetteerPlaces(coordinator, start);
    expect(places).toEqual(await findPlaces(coordinator, { limit: 200 }));
    expect(places.map((place) => place.code)).toEqual(expect.arrayContaining(["KZ-ALA", "XJ-ILI"]));
    expect(await gazetteerPlaces(otherGroupVolunteer, start + 1)).toEqual(places);
  });

  it("are read from the database once and then given from memory until it is time to read them again", async () => {
    const start = Date.now() + GAZETTEER_REREAD_MS * 10;
    const first = await recordStatements(() => gazetteerPlaces(coordinator, start));
    expect(first.statements.some((sql) => sql.includes('"places"'))).toBe(true);
    const again = await recordStatements(() => gazetteerPlaces(otherGroupVolunteer, start + GAZETTEER_REREAD_MS - 1));
    expect(again.statements).toEqual([]);
    expect(again.result).toEqual(first.result);
  });

  it("show a place renamed in the gazetteer once it is read again", async () => {
    const start = Date.now() + GAZETTEER_REREAD_MS * 100;
    const [before] = (await gazetteerPlaces(coordinator, start)).filter((place) => place.code === "KZ-AST");
    await ownerQuery(`UPDATE places SET "nameEn" = 'Astana (capital)' WHERE code = 'KZ-AST'`);
    try {
      const kept = (await gazetteerPlaces(coordinator, start + 1)).find((place) => place.code === "KZ-AST");
      expect(kept?.nameEn).toBe(before?.nameEn);
      const reread = (await gazetteerPlaces(coordinator, start + GAZETTEER_REREAD_MS)).find((place) => place.code === "KZ-AST");
      expect(reread?.nameEn).toBe("Astana (capital)");
    } finally {
      await ownerQuery(`UPDATE places SET "nameEn" = $1 WHERE code = 'KZ-AST'`, [before?.nameEn]);
    }
  });
});
