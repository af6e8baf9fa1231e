import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadPlaces, readPlaces } from "../../prisma/seed/places";
import { ownerQuery } from "../helpers/factories";

async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("the gazetteer", () => {
  it("is loaded by the migration step with names in English, Kazakh, Russian and Chinese", async () => {
    const rows = await ownerQuery<{ code: string; nameEn: string; nameKk: string; nameRu: string; nameZh: string }>(
      `SELECT code, "nameEn", "nameKk", "nameRu", "nameZh" FROM places WHERE code IN ('XJ-ILI', 'KZ-ALA', 'XJ-ALT-QIN')`,
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect([row.nameEn, row.nameKk, row.nameRu, row.nameZh].every(Boolean)).toBe(true);
    const [count] = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM places`);
    expect(Number(count?.n)).toBe(readPlaces().length);
  });

  it("places Tacheng and Altay under the Ili Kazakh Autonomous Prefecture and counties under their prefecture", async () => {
    const rows = await ownerQuery<{ code: string; parent: string }>(
      `SELECT c.code, p.code AS parent FROM places c JOIN places p ON p.id = c."parentId" WHERE c.code IN ('XJ-TAC', 'XJ-ALT', 'XJ-TAC-EMI', 'XJ-ILI', 'KZ-ZHT-ZHA') ORDER BY c.code`,
    );
    expect(rows).toEqual([
      { code: "KZ-ZHT-ZHA", parent: "KZ-ZHT" },
      { code: "XJ-ALT", parent: "XJ-ILI" },
      { code: "XJ-ILI", parent: "XJ" },
      { code: "XJ-TAC", parent: "XJ-ILI" },
      { code: "XJ-TAC-EMI", parent: "XJ-TAC" },
    ]);
  });

  it("can be loaded again without duplicating places or changing their ids", async () => {
    const before = await ownerQuery<{ id: string; code: string }>(`SELECT id, code FROM places ORDER BY code`);
    await asOwner((client) => loadPlaces(client));
    const after = await ownerQuery<{ id: string; code: string }>(`SELECT id, code FROM places ORDER BY code`);
    expect(after).toEqual(before);
  });

  it("updates a renamed place in place when the data file changes", async () => {
    const rows = readPlaces().map((row) => (row.code === "KZ-AST" ? { ...row, nameRu: "Астана (столица)" } : row));
    await asOwner((client) => loadPlaces(client, rows));
    const [row] = await ownerQuery<{ nameRu: string }>(`SELECT "nameRu" FROM places WHERE code = 'KZ-AST'`);
    expect(row?.nameRu).toBe("Астана (столица)");
    await asOwner((client) => loadPlaces(client));
  });

  it("can be read but not changed by the app's database role", async () => {
    const app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
    await app.connect();
    try {
      const { rowCount } = await app.query(`SELECT 1 FROM places WHERE code = 'KZ-ALA'`);
      expect(rowCount).toBe(1);
      await expect(app.query(`UPDATE places SET "nameEn" = 'x' WHERE code = 'KZ-ALA'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`INSERT INTO places (code, kind, country, "nameEn") VALUES ('X', 'CITY', 'KZ', 'X')`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});
