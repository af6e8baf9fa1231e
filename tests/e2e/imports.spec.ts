// A coordinator imports a sheet of cases in Chromium: the columns are suggested from the Russian headers,
// the preview names the row and column of an unknown status, the coordinator decides what it means,
// checks again and imports; the background job reports what it created and the case shows its source.
// A long sheet's problems come a page at a time and download whole as CSV.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("a coordinator maps, previews, fixes and imports a sheet of cases", async ({ page }) => {
  test.setTimeout(480_000);
  const stamp = Date.now().toString(36).slice(-5);
  const subject = `Серік Импортұлы ${stamp}`;
  const csv = ["ФИО;Дата рождения;Статус;Заявитель;Кем приходится", `${subject};наурыз 1971;исчез бесследно;Әсел Импорт ${stamp};сестра`].join("\n");

  await signIn(page, E2E_USERS.coordinator.email, E2E_PASSWORD);
  // the page compiles on its first visit under `next dev`
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import from a spreadsheet" })).toBeVisible({ timeout: 90_000 });

  await page.getByLabel("Spreadsheet (CSV or XLSX)").setInputFiles({ name: "families.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Read the file" }).click();
  // the columns are suggested from the headers (each API route compiles on its first call under `next dev`)
  await expect(page.getByLabel("Imported as: ФИО")).toHaveValue("subjectName", { timeout: 90_000 });
  await expect(page.getByLabel("Imported as: Статус")).toHaveValue("status");
  await expect(page.getByLabel("Imported as: Кем приходится")).toHaveValue("contactRelationship");

  await page.getByRole("button", { name: "Check every row" }).first().click();
  const problems = page.getByRole("table", { name: "Problems" });
  await expect(problems.getByRole("row").nth(1)).toContainText("Статус", { timeout: 90_000 });
  await expect(problems.getByRole("row").nth(1)).toContainText("Unknown value");
  await expect(page.getByRole("button", { name: /^Import 0 rows$/ })).toBeDisabled();

  // the unknown status is decided, not guessed
  await page.getByLabel("Статус: исчез бесследно").selectOption("MISSING");
  await page.getByRole("button", { name: "Check every row" }).last().click();
  await expect(page.getByText("No problems found.")).toBeVisible();
  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await expect(page.getByText(/Imported: 1 created/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("link", { name: "Download the final report (CSV)" })).toBeVisible();

  await page.goto(`/cases?q=${encodeURIComponent(`Импортұлы ${stamp}`)}`);
  await page.getByRole("link", { name: subject }).first().click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("import-source")).toHaveText("Imported from: families.csv, sheet families, row 2");
});

test("a coordinator imports a sheet of police actions, its person created once", async ({ page }) => {
  test.setTimeout(480_000);
  const stamp = Date.now().toString(36).slice(-5);
  const person = `Бекзат Пикетов ${stamp}`;
  const csv = ["ФИО;Мера;Дата;Сутки", `${person};административный арест;13.03.2019;10`, `${person};предупреждение;20.05.2019;`].join("\n");

  await signIn(page, E2E_USERS.coordinator.email, E2E_PASSWORD);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import from a spreadsheet" })).toBeVisible({ timeout: 90_000 });
  await page.getByLabel("Spreadsheet (CSV or XLSX)").setInputFiles({ name: "police.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Read the file" }).click();
  await page.getByLabel("The rows are").selectOption("policeActions", { timeout: 90_000 });
  await expect(page.getByLabel("Imported as: ФИО")).toHaveValue("personName");
  await expect(page.getByLabel("Imported as: Мера")).toHaveValue("type");
  await expect(page.getByLabel("Imported as: Сутки")).toHaveValue("arrestDays");

  await page.getByRole("button", { name: "Check every row" }).first().click();
  await expect(page.getByText("No problems found.")).toBeVisible({ timeout: 90_000 });
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText(/Imported: 2 created/)).toBeVisible({ timeout: 120_000 });
});

test("a coordinator pages through the problems of a long sheet and downloads them all", async ({ page }) => {
  test.setTimeout(480_000);
  const stamp = Date.now().toString(36).slice(-5);
  // 620 rows whose date of birth is no date: more problems than a page holds
  const csv = ["ФИО;Дата рождения", ...Array.from({ length: 620 }, (_, index) => `Листов Страница${stamp} ${index};не дата ${index}`)].join("\n");

  await signIn(page, E2E_USERS.coordinator.email, E2E_PASSWORD);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import from a spreadsheet" })).toBeVisible({ timeout: 90_000 });
  await page.getByLabel("Spreadsheet (CSV or XLSX)").setInputFiles({ name: "long.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Read the file" }).click();
  await page.getByLabel("The rows are").selectOption("people", { timeout: 90_000 });
  await expect(page.getByLabel("Imported as: Дата рождения")).toHaveValue("birthDate");

  await page.getByRole("button", { name: "Check every row" }).first().click();
  await expect(page.getByTestId("import-issues-range")).toHaveText("Problems 1–500 of 620", { timeout: 90_000 });
  const problems = page.getByRole("table", { name: "Problems" });
  await expect(problems.getByRole("row")).toHaveCount(501);
  await expect(problems.getByRole("row").nth(1)).toContainText("не дата 0");
  const pager = page.getByRole("navigation", { name: "Pages of problems" });
  await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();
  // the next page continues where the first ended, from the keyboard
  await pager.getByRole("button", { name: "Next" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("import-issues-range")).toHaveText("Problems 501–620 of 620", { timeout: 90_000 });
  await expect(problems.getByRole("row")).toHaveCount(121);
  await expect(problems.getByRole("row").nth(1)).toContainText("не дата 500");
  await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
  // the whole sheet's counts decide, whatever page is shown
  await expect(page.getByTestId("import-counts")).toContainText("620 with errors");
  await expect(page.getByRole("button", { name: /^Import 0 rows$/ })).toBeDisabled();

  // the download holds every problem, not only the page's
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the problems (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("long-problems.csv");
  const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
  expect(lines).toHaveLength(621);
  expect(lines[0]).toBe("\uFEFFRow,Column,Severity,Problem,Value");
  expect(lines[621 - 1]).toBe("621,Дата рождения,Error,Enter a valid date.,не дата 619");
});

test("a coordinator pages through likely duplicates and creates new people for all of them at once", async ({ page }) => {
  test.setTimeout(480_000);
  const stamp = Date.now().toString(36).slice(-5);
  const names = Array.from({ length: 130 }, (_, index) => `Қайталау${stamp} Адам ${index}`);
  const sheet = (year: number) => Buffer.from(["ФИО;Дата рождения", ...names.map((name) => `${name};${year}`)].join("\n"), "utf8");

  await signIn(page, E2E_USERS.coordinator.email, E2E_PASSWORD);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import from a spreadsheet" })).toBeVisible({ timeout: 90_000 });
  // first the people are recorded
  await page.getByLabel("Spreadsheet (CSV or XLSX)").setInputFiles({ name: "first.csv", mimeType: "text/csv", buffer: sheet(1970) });
  await page.getByRole("button", { name: "Read the file" }).click();
  await page.getByLabel("The rows are").selectOption("people", { timeout: 90_000 });
  await page.getByRole("button", { name: "Check every row" }).first().click();
  await page.getByRole("button", { name: "Import 130 rows" }).click({ timeout: 90_000 });
  await expect(page.getByText(/Imported: 130 created/)).toBeVisible({ timeout: 120_000 });

  // then a sheet of the same names, born another year: every row is a likely duplicate
  await page.getByLabel("Spreadsheet (CSV or XLSX)").setInputFiles({ name: "second.csv", mimeType: "text/csv", buffer: sheet(1971) });
  await page.getByRole("button", { name: "Read the file" }).click();
  await page.getByLabel("The rows are").selectOption("people", { timeout: 90_000 });
  await page.getByRole("button", { name: "Check every row" }).first().click();
  await expect(page.getByTestId("import-duplicates-range")).toHaveText("Rows 1–100 of 130 with likely duplicates", { timeout: 90_000 });
  await expect(page.getByTestId("import-counts")).toContainText("130 to decide");
  const pager = page.getByRole("navigation", { name: "Pages of likely duplicates" });
  await pager.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("import-duplicates-range")).toHaveText("Rows 101–130 of 130 with likely duplicates", { timeout: 90_000 });
  // a row's own choice, on the second page, is kept while paging back
  await page.getByLabel(`Row 131: ${names[129]}`).selectOption("skip");
  await pager.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByTestId("import-duplicates-range")).toHaveText("Rows 1–100 of 130 with likely duplicates", { timeout: 90_000 });

  // one choice for all reaches the rows of both pages
  await page.getByRole("group", { name: "For all undecided rows" }).getByRole("button", { name: "Create a new person" }).click();
  await expect(page.getByTestId("import-duplicate-default")).toHaveText("Every row without its own choice, on every page, creates a new person.");
  await page.getByRole("button", { name: "Check every row" }).last().click();
  await expect(page.getByTestId("import-counts")).toContainText(": 129 to import,", { timeout: 90_000 });
  await expect(page.getByTestId("import-counts")).toContainText(", 1 skipped,");
  await expect(page.getByTestId("import-counts")).toContainText(", 0 to decide");
  await expect(page.getByRole("button", { name: "Import 129 rows" })).toBeEnabled();
});
