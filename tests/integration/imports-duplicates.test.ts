// Likely duplicates in an import are ranked as the duplicate hints rank them: two recorded people of the
// same name are told apart by birth year and hometown, an identity document of the same kind and number
// outweighs any spelling, each candidate says why it matched, and no other organisation's people appear.
import { beforeAll, describe, expect, it } from "vitest";
import { iinCheckDigit } from "@/lib/identity-documents/numbers";
import { getJob } from "@/lib/jobs/queue";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import { previewImport } from "@/lib/imports/preview-import";
import { requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { createPerson } from "@/lib/people/create-person";
import { documentNumberHash } from "@/lib/people/documents";
import { createMember, createOrg, ownerQuery, type TestMember, type TestOrg } from "../helpers/factories";

let org: TestOrg;
let other: TestOrg;
let coordinator: TestMember;
let otherCoordinator: TestMember;
let place: { id: string; nameRu: string };
let older: string;
let younger: string;
let holder: string;
let foreigner: string;

/** A valid IIN for a man born on 12 March 1980 with this serial. */
function iin(serial: string): string {
  const first11 = `8003123${serial}`;
  return `${first11}${iinCheckDigit(first11)}`;
}

const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

beforeAll(async () => {
  org = await createOrg("Duplicate ranking group", "DR");
  other = await createOrg("Another group", "AG");
  coordinator = await createMember(org, "COORDINATOR");
  otherCoordinator = await createMember(other, "COORDINATOR");
  const [found] = await ownerQuery<{ id: string; nameRu: string }>(`SELECT id, "nameRu" FROM places WHERE "nameRu" IS NOT NULL AND "nameRu" ~ '^[А-Яа-яЁё]+$' ORDER BY code LIMIT 1`);
  place = found!;
  // two recorded people named the same: one born in 1950 with no hometown, one born in 1980 in the place
  older = (await createPerson(coordinator, { names: [{ value: "Ербол Қасымұлы" }], gender: "MALE", birthDate: "1950", birthDatePrecision: "YEAR" })).id;
  younger = (await createPerson(coordinator, { names: [{ value: "Ербол Қасымұлы" }], gender: "MALE", birthDate: "1980", birthDatePrecision: "YEAR", hometownPlaceId: place.id })).id;
  // a person recorded under a name nothing like the sheet's (a later legal name, say), who holds the sheet's IIN
  holder = (await createPerson(coordinator, { names: [{ value: "Бекзат Нұрланов" }], gender: "MALE", documents: [{ kind: "KZ_IIN", number: iin("0042") }] })).id;
  // another organisation's person with the same name and the same number
  foreigner = (await createPerson(otherCoordinator, { names: [{ value: "Ербол Қасымұлы" }], gender: "MALE", birthDate: "1980", birthDatePrecision: "YEAR", documents: [{ kind: "KZ_IIN", number: iin("0042") }] })).id;
});

describe("likely duplicates in an import", () => {
  it("ranks the recorded person with the sheet's birth year and hometown first, and says why each matched", async () => {
    const upload = await uploadImport(coordinator, { fileName: "people.csv", bytes: csv(["ФИО;Дата рождения;Пол;Откуда", `Ербол Қасымұлы;1980;м;${place.nameRu}`, "Ербол Қасымұлы;1950;м;"]) });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    const [first, second] = preview.duplicates;
    expect(first!.row).toBe(2);
    expect(first!.candidates.map((candidate) => candidate.id)).toEqual([younger, older]);
    expect(first!.candidates[0]!.reasons).toEqual(["sameName", "sameBirthYear", "sameGender", "sameHometown"]);
    expect(first!.candidates[1]!.reasons).toEqual(["sameName", "differentBirthYear", "sameGender"]);
    expect(first!.candidates[0]!.score).toBeGreaterThan(first!.candidates[1]!.score);
    // the row of the older man ranks him first
    expect(second!.candidates.map((candidate) => candidate.id)).toEqual([older, younger]);
    expect(second!.candidates[0]!.reasons).toContain("sameBirthYear");
  });

  it("offers the holder of the same identity document first, whatever the spelling of the name", async () => {
    const upload = await uploadImport(coordinator, { fileName: "documents.csv", bytes: csv(["ФИО;Год рождения;Тип документа;Номер документа", `Ербол Қасымұлы;1980;ИИН;${iin("0042").replace(/(\d{6})/, "$1 ")}`]) });
    expect(upload.sheets[0]!.suggested.people).toEqual({ "0": "name", "1": "birthDate", "2": "documentType", "3": "documentNumber" });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    const [hint] = preview.duplicates;
    expect(hint!.candidates[0]).toMatchObject({ id: holder, score: 1 });
    expect(hint!.candidates[0]!.reasons[0]).toBe("sameDocument");
    // the name still finds the two namesakes, after the document's holder
    expect(hint!.candidates.map((candidate) => candidate.id).slice(1)).toEqual([younger, older]);
  });

  it("takes the document's kind from a valid number when the sheet has no type column, and stores the document of a person it creates", async () => {
    const number = iin("0777");
    const upload = await uploadImport(coordinator, { fileName: "new-person.csv", bytes: csv(["ФИО;ИИН", `Жанар Серікқызы;${number}`]) });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    expect(preview.counts).toMatchObject({ new: 1, invalid: 0 });
    expect(preview.duplicates).toEqual([]);
    const job = await requestImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    await runQueuedJobsOnce();
    expect((await getJob(coordinator, job.id)).status).toBe("SUCCEEDED");
    const documents = await ownerQuery<{ kind: string; displayName: string; numberEnc: string }>(
      `SELECT d.kind, p."displayName", d."numberEnc" FROM person_documents d JOIN people p ON p.id = d."personId" WHERE d."organizationId" = $1 AND d."numberHash" = $2`,
      [org.id, documentNumberHash(number)],
    );
    expect(documents).toEqual([expect.objectContaining({ kind: "KZ_IIN", displayName: "Жанар Серікқызы" })]);
    expect(documents[0]!.numberEnc).not.toContain(number);
  });

  it("names a number that fits no kind, and an unknown document type, by row and column", async () => {
    const upload = await uploadImport(coordinator, { fileName: "bad-documents.csv", bytes: csv(["ФИО;Тип документа;Номер документа", "Айгүл Сәрсенова;;A1234567", "Нұрлан Төлеуұлы;водительские права;123456789"]) });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    expect(preview.issues.filter((issue) => issue.severity === "error").map(({ row, column, key }) => ({ row, column, key }))).toEqual([
      { row: 2, column: "Тип документа", key: "importDocumentKindMissing" },
      { row: 3, column: "Тип документа", key: "importUnknownValue" },
    ]);
    expect(preview.unknownValues).toEqual([expect.objectContaining({ field: "documentType", text: "водительские права", rows: [3] })]);
  });

  it("never offers another organisation's people, by name or by document", async () => {
    const upload = await uploadImport(coordinator, { fileName: "cross.csv", bytes: csv(["ФИО;Дата рождения;ИИН", `Ербол Қасымұлы;1980;${iin("0042")}`]) });
    const preview = await previewImport(coordinator, { uploadId: upload.id, entity: "people", locale: "ru" });
    const offered = preview.duplicates.flatMap((hint) => hint.candidates.map((candidate) => candidate.id));
    expect(offered).not.toContain(foreigner);
    expect(offered).toEqual([holder, younger, older]);
    // and the other organisation sees only its own person for the same row
    const theirs = await uploadImport(otherCoordinator, { fileName: "cross.csv", bytes: csv(["ФИО;Дата рождения;ИИН", `Ербол Қасымұлы;1980;${iin("0042")}`]) });
    const theirPreview = await previewImport(otherCoordinator, { uploadId: theirs.id, entity: "people", locale: "ru" });
    expect(theirPreview.duplicates.flatMap((hint) => hint.candidates.map((candidate) => candidate.id))).toEqual([foreigner]);
  });
});
