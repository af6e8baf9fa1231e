// The shared gazetteer (Xinjiang prefectures and counties, Kazakh regions and cities). Reference data
// for every installation, not demo data: loaded idempotently (upsert by code) as the database owner.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

export interface PlaceRow {
  code: string;
  kind: "COUNTRY" | "REGION" | "CITY" | "PREFECTURE" | "AUTONOMOUS_PREFECTURE" | "COUNTY";
  country: string;
  parentCode: string | null;
  nameEn: string;
  nameKk: string | null;
  nameRu: string | null;
  nameZh: string | null;
  /** GB/T 2260 administrative division code (Xinjiang places), empty where not known for sure */
  divisionCode: string | null;
}

const KINDS = new Set<PlaceRow["kind"]>(["COUNTRY", "REGION", "CITY", "PREFECTURE", "AUTONOMOUS_PREFECTURE", "COUNTY"]);
const DATA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "places.csv");

/** Parses the gazetteer file (plain CSV without quoted fields; names never contain commas). */
export function readPlaces(file: string = DATA_FILE): PlaceRow[] {
  const [header, ...lines] = readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.trim() !== "");
  const columns = (header ?? "").split(",");
  const expected = "code,kind,country,parent_code,name_en,name_kk,name_ru,name_zh,division_code";
  if (columns.join(",") !== expected) throw new Error(`${file} must start with the header ${expected}`);
  return lines.map((line, index) => {
    const cells = line.split(",").map((cell) => cell.trim());
    const [code, kind, country, parentCode, nameEn, nameKk, nameRu, nameZh, divisionCode] = cells;
    const upperKind = (kind ?? "").toUpperCase() as PlaceRow["kind"];
    if (cells.length !== 9 || !code || (divisionCode && !/^\d{6}$/.test(divisionCode)) || !country || !nameEn || !KINDS.has(upperKind)) {
      throw new Error(`${file} line ${index + 2} is not a valid place row.`);
    }
    return {
      code,
      kind: upperKind,
      country,
      parentCode: parentCode || null,
      nameEn,
      nameKk: nameKk || null,
      nameRu: nameRu || null,
      nameZh: nameZh || null,
      divisionCode: divisionCode || null,
    };
  });
}

/**
 * Upserts every place by code, then links parents by code, so the load can run on every start and
 * after edits to the data file. Returns how many places the file holds.
 */
export async function loadPlaces(client: pg.ClientBase, rows: PlaceRow[] = readPlaces()): Promise<number> {
  const codes = rows.map((row) => row.code);
  await client.query(
    `INSERT INTO places (code, kind, country, "nameEn", "nameKk", "nameRu", "nameZh", "divisionCode")
     SELECT * FROM unnest($1::text[], $2::"PlaceKind"[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
     ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, country = EXCLUDED.country, "nameEn" = EXCLUDED."nameEn",
       "nameKk" = EXCLUDED."nameKk", "nameRu" = EXCLUDED."nameRu", "nameZh" = EXCLUDED."nameZh", "divisionCode" = EXCLUDED."divisionCode"`,
    [
      codes,
      rows.map((row) => row.kind),
      rows.map((row) => row.country),
      rows.map((row) => row.nameEn),
      rows.map((row) => row.nameKk),
      rows.map((row) => row.nameRu),
      rows.map((row) => row.nameZh),
      rows.map((row) => row.divisionCode),
    ],
  );
  await client.query(
    `UPDATE places AS child SET "parentId" = parent.id
     FROM unnest($1::text[], $2::text[]) AS link(code, parent_code)
     LEFT JOIN places AS parent ON parent.code = link.parent_code
     WHERE child.code = link.code AND child."parentId" IS DISTINCT FROM parent.id`,
    [codes, rows.map((row) => row.parentCode)],
  );
  return rows.length;
}
