// A coordinator erases a person on the family's request and can no longer find them by name; an admin
// then finds the erasure in the audit log and downloads the filtered log as CSV.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";

const NAME = "Yerzhan Kapparuly";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // the sign-in finishes with a client-side redirect; let it settle before navigating on
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
}

// the development server compiles each page on its first visit
test.describe.configure({ timeout: 180_000 });

test("a coordinator erases a person, who can then no longer be found by name", async ({ page }) => {
  await signIn(page, E2E_USERS.coordinator.email);
  await page.goto("/people/new");
  await page.getByRole("textbox", { name: "Name 1", exact: true }).fill(NAME);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const personUrl = page.url();

  await page.getByRole("button", { name: "Erase this person…" }).click();
  await page.getByLabel("Reason").selectOption("FAMILY_REQUEST");
  const confirm = page.getByRole("button", { name: "Erase for good" });
  await page.getByLabel(`Type the name ${NAME} to confirm`).fill("Yerzhan");
  await expect(confirm).toBeDisabled();
  await page.getByLabel(`Type the name ${NAME} to confirm`).fill(NAME);
  await confirm.click();

  await expect(page.getByRole("heading", { level: 1, name: "Erased person" })).toBeVisible();
  await expect(page.getByText(NAME)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);

  await page.goto(`/people?q=${encodeURIComponent("Yerzhan Kapparuly")}`);
  await expect(page.getByText("No people match this view.")).toBeVisible();
  await page.goto(`/people?q=${encodeURIComponent("Erzhan Kapparuly")}`);
  await expect(page.getByText("No people match this view.")).toBeVisible();

  // an old link to the edit form leads back to the tombstone
  await page.goto(`${personUrl}/edit`);
  await expect(page.getByRole("heading", { level: 1, name: "Erased person" })).toBeVisible();
});

test("an admin filters the audit log to the erasure and downloads it as CSV", async ({ page }) => {
  await signIn(page, E2E_USERS.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/admin\/audit/);

  await page.getByLabel("Action").fill("person.erased");
  await page.getByLabel("Who").selectOption({ label: E2E_USERS.coordinator.name });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=person\.erased/);
  await expect(page.getByText("1 event")).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log" });
  await expect(table.getByRole("cell", { name: "person.erased" })).toBeVisible();
  await expect(table.getByRole("cell", { name: E2E_USERS.coordinator.name })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("id,time,action,actor,actor_id,entity_type,entity_id,changed_fields");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("person.erased");
  expect(csv).not.toContain(NAME);

  // the download itself is on record
  await page.goto("/admin/audit?action=audit.export");
  await expect(page.getByText("1 event")).toBeVisible();
});
