// Moving an organisation within one installation in Chromium: an admin exports the demo organisation
// with a passphrase, and the admin of another organisation that holds no records yet uploads the
// archive on Administration → Archive, follows the import to its final report and finds the records.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { e2eDatabaseFile } from "./database";
import { signIn } from "./sign-in";

const port = Number(process.env.E2E_PORT ?? 3100);
const EMPTY_ADMIN = { email: "moving-admin@e2e.test", password: "a password for the moving admin" };

test.beforeAll(async () => {
  // an organisation without records, and its admin: made here so that other specs' cast is unchanged
  const { ownerUrl } = JSON.parse(readFileSync(e2eDatabaseFile(port), "utf8")) as { ownerUrl: string };
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO organizations (slug, name, "referencePrefix", "defaultLocale", "require2fa", "updatedAt") VALUES ('moving-in', 'Moving In', 'MI', 'en', false, now())
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    );
    const { rows: users } = await client.query<{ id: string }>(
      `INSERT INTO users (email, name, "passwordHash", "updatedAt") VALUES ($1, 'Moving Admin', $2, now()) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [EMPTY_ADMIN.email, await hashPassword(EMPTY_ADMIN.password)],
    );
    await client.query(`INSERT INTO memberships ("userId", "organizationId", role, "updatedAt") VALUES ($1, $2, 'ADMIN', now()) ON CONFLICT DO NOTHING`, [users[0]!.id, rows[0]!.id]);
  } finally {
    await client.end();
  }
});

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("an admin imports another organisation's archive into an empty organisation and sees its records", async ({ page, browser, baseURL }) => {
  test.setTimeout(420_000);
  // the archive, exported and downloaded once by the demo organisation's admin
  await signIn(page, "admin@atazhurt.example", "demo-admin-2026!");
  await page.goto("/admin/archive");
  await page.getByRole("button", { name: "Export the organisation" }).click();
  await expect(page.getByTestId("archive-state").first()).toHaveText("Ready", { timeout: 180_000 });
  const passphrase = "a long passphrase for the move";
  await page.getByLabel("Passphrase for the archive").fill(passphrase);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download once" }).click();
  const archive = (await (await downloading).path())!;

  const context = await browser.newContext();
  await context.addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
  const other = await context.newPage();
  await signIn(other, EMPTY_ADMIN.email, EMPTY_ADMIN.password);
  await other.goto("/admin/archive");
  await expect(other.getByRole("heading", { name: "Import an archive" })).toBeVisible();

  // a wrong passphrase is refused at once with its reason, and nothing is imported
  await other.getByLabel("Archive file (.zip)").setInputFiles(archive);
  await other.getByLabel("Passphrase of the archive").fill("not the passphrase at all");
  await other.getByRole("button", { name: "Upload and import" }).click();
  await expect(other.getByText("The passphrase does not open this archive.")).toBeVisible();

  await other.getByLabel("Passphrase of the archive").fill(passphrase);
  await other.getByRole("button", { name: "Upload and import" }).click();
  await expect(other.getByTestId("archive-import-state").first()).toHaveText("Imported", { timeout: 240_000 });
  const report = other.getByTestId("archive-import-report");
  await expect(report).toContainText(/Imported \d+ records, \d+ files and \d+ audit events\./);
  await expect(report).toContainText("members were created without a password");

  // the records are this organisation's now
  await other.goto("/cases");
  await expect(other.getByText(/AT-\d{4}-\d{4}/).first()).toBeVisible();
  await other.goto("/admin/archive");
  await expect(other.getByText("This organisation already holds records, so an archive cannot be imported into it.")).toBeVisible();
  await context.close();
});
