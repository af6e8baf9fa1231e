// The words of the new kinds of record, in Kazakh, Russian and English, and merged ranges as a sheet names them.
import { describe, expect, it } from "vitest";
import { mapValue, suggestMapping } from "./fields";
import { parseRange } from "./merged-cells";

describe("import fields", () => {
  it("reads an event, a protest's kind, a police measure and its outcome in the three languages, and leaves an unknown word undecided", () => {
    expect(["ұсталды", "задержан", "detained"].map((word) => mapValue("eventType", word, undefined))).toEqual(["DETAINED", "DETAINED", "DETAINED"]);
    expect(["жеке пикет", "одиночный пикет", "solo picket"].map((word) => mapValue("protestKind", word, undefined))).toEqual(["SOLO_PICKET", "SOLO_PICKET", "SOLO_PICKET"]);
    expect(["әкімшілік қамау", "административный арест", "administrative arrest"].map((word) => mapValue("policeActionType", word, undefined))).toEqual(Array(3).fill("ADMINISTRATIVE_ARREST"));
    expect(mapValue("policeOutcome", "оштрафован", undefined)).toBe("FINED");
    expect(mapValue("eventType", "увезли куда-то", undefined)).toBeUndefined();
    expect(mapValue("eventType", "увезли куда-то", { "увезли куда то": "DISAPPEARED" })).toBe("DISAPPEARED");
  });

  it("suggests a police action's columns from Kazakh headers", () => {
    expect(suggestMapping("policeActions", ["Аты-жөні", "Шара", "Күні", "Айыппұл", "Нәтижесі"])).toEqual({ "0": "personName", "1": "type", "2": "date", "3": "fineAmount", "4": "outcome" });
  });

  it("reads a merged range by its corners, columns past Z included", () => {
    expect(parseRange("B3:AA5")).toEqual({ ref: "B3:AA5", left: 2, top: 3, right: 27, bottom: 5 });
    expect(parseRange("B3")).toBeNull();
  });
});
