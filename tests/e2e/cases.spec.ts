// A volunteer records a new case with a family contact, three events with uncertain dates and an
// attached file, then finds it again from the list by another spelling of the name.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function addEvent(page: Page, type: string, date: string): Promise<void> {
  const form = page.getByRole("form", { name: "Add event" });
  if (!(await form.isVisible())) await page.getByText("Add event", { exact: true }).first().click();
  await form.getByLabel("What happened").selectOption({ label: type });
  await form.getByLabel("When").fill(date);
  await form.getByRole("button", { name: "Add event" }).click();
}

test("a volunteer records a case with a contact, an uncertain timeline and a file, then finds it by another spelling", async ({ page }) => {
  await signIn(page, E2E_USERS.volunteer.email);

  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Қасымов Ерлан");
  await page.getByLabel("Hometown").fill("Ghulja");
  await page.getByLabel("Name", { exact: true }).fill("Айгүл Қасымова");
  await page.getByLabel("Relationship to the relative").selectOption({ label: "Wife" });
  await page.getByLabel("Phone or messenger").fill("+7 701 555 01 02");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Қасымов Ерлан" })).toBeVisible();
  await expect(page.getByText("Айгүл Қасымова")).toBeVisible();
  await expect(page.getByText("+7 701 555 01 02")).toBeVisible();

  const timeline = page.getByTestId("case-timeline");
  await addEvent(page, "Detained", "2017");
  await expect(timeline.getByText("2017 — Detained")).toBeVisible();
  await addEvent(page, "Sent to a camp", "2018-03");
  await expect(timeline.getByText("March 2018 — Sent to a camp")).toBeVisible();
  await addEvent(page, "Sentenced", "2018-12-12");
  await expect(timeline.getByText("12 December 2018 — Sentenced")).toBeVisible();
  // the timeline is in date order and the status follows the latest event
  await expect(timeline.locator("li > p:first-child")).toHaveText(["2017 — Detained", "March 2018 — Sent to a camp", "12 December 2018 — Sentenced"]);
  await expect(page.locator("header").getByText("Sentenced", { exact: true })).toBeVisible();

  const upload = page.getByRole("form", { name: "Attach a file" });
  await upload.getByLabel("File").setInputFiles({ name: "testimony.txt", mimeType: "text/plain", buffer: Buffer.from("Testimony of the wife, recorded in Almaty.") });
  await upload.getByRole("button", { name: "Attach a file" }).click();
  await expect(page.getByRole("link", { name: "testimony.txt" })).toBeVisible();

  await page.goto("/cases");
  await page.getByLabel("Name (any spelling or script) or reference").fill("Kasymov Yerlan");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=Kasymov\+Yerlan/);
  await expect(page.getByRole("link", { name: "Қасымов Ерлан" })).toBeVisible();
  await page.getByRole("link", { name: "Қасымов Ерлан" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Қасымов Ерлан" })).toBeVisible();
});

test("a volunteer's release dated before the detention is refused with a reason", async ({ page }) => {
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Dates Checked");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await addEvent(page, "Detained", "2018-05");
  await expect(page.getByTestId("case-timeline").getByText("May 2018 — Detained")).toBeVisible();
  await addEvent(page, "Released", "2017");
  const form = page.getByRole("form", { name: "Add event" });
  await expect(form.getByRole("alert").first()).toBeVisible();
  await expect(page.getByTestId("case-timeline").getByText("Released")).toHaveCount(0);
});

test("a volunteer opens a second case for a relative already recorded, picked by keyboard, and is warned before recording them twice", async ({ page }) => {
  // three case forms and the people list in one story
  test.setTimeout(180_000);
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Жанболат Серікбаев");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const firstCase = page.url();

  // picked by keyboard from a Latin spelling of the Cyrillic record
  await page.goto("/cases/new");
  await page.getByRole("group", { name: "The relative is" }).getByLabel("Someone already recorded").check();
  const picker = page.getByRole("combobox", { name: "Relative already recorded" });
  await picker.focus();
  await page.keyboard.type("Zhanbolat");
  await expect(page.getByRole("option", { name: /Жанболат Серікбаев/ })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue("Жанболат Серікбаев");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL((url) => /\/cases\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== firstCase);
  await expect(page.getByRole("heading", { level: 1, name: "Жанболат Серікбаев" })).toBeVisible();

  // typed again as someone new, the existing record is offered before saving
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Janbolat Serikbayev");
  const useRecord = page.getByRole("button", { name: "Use Жанболат Серікбаев" });
  await expect(useRecord).toBeVisible();
  await useRecord.click();
  await expect(page.getByRole("combobox", { name: "Relative already recorded" })).toHaveValue("Жанболат Серікбаев");

  await page.goto("/people?q=Serikbaev");
  await expect(page.getByRole("link", { name: "Жанболат Серікбаев" })).toHaveCount(1);
});

test("an empty case form marks only the name, a bad birth date is said only under Born, and the focus goes to the first field in error", async ({ page }) => {
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByRole("button", { name: "Open case" }).click();
  const name = page.getByRole("textbox", { name: "Full name" });
  const others = page.getByRole("textbox", { name: "Other spellings (one per line)" });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();
  // the optional other spellings are not marked as required
  await expect(others).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByText("This field is required.")).toHaveCount(1);

  // what was typed stays after a refusal; the birth date's message appears once, under Born
  await name.fill("Birth Checked");
  await others.fill("Бирт Чекд");
  await page.getByRole("textbox", { name: "Born" }).fill("32.13.2018");
  await page.getByRole("button", { name: "Open case" }).click();
  const born = page.getByRole("textbox", { name: "Born" });
  await expect(born).toHaveAttribute("aria-invalid", "true");
  await expect(born).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#birthDate-error")).toHaveText("Enter a valid date.");
  await expect(page.getByText("Enter a valid date.")).toHaveCount(1);
  await expect(name).toHaveValue("Birth Checked");
  await expect(others).toHaveValue("Бирт Чекд");

  await born.fill("12.03.2018");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
});
