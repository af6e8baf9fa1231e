// A volunteer picks a Xinjiang hometown by its Kazakh name and a coordinator finds the case through the
// Latin hometown filter: the place is the gazetteer's, whatever script it was typed in.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("a hometown picked in Cyrillic is found through the Latin hometown filter", async ({ page }) => {
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Places Picked");
  await page.getByRole("combobox", { name: "Hometown" }).fill("Құлжа");
  // the gazetteer answers with every name of the place, the reader's language first
  await page.getByRole("option", { name: /^Ghulja \(Yining\) · Құлжа/ }).click();
  await expect(page.getByTestId("subject-hometown-place")).toContainText("伊宁市");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);

  // the coordinator's hometown filter, in Latin letters, as the gazetteer writes the place
  await page.goto("/cases");
  await page.getByText("Filters", { exact: true }).click();
  await page.getByRole("combobox", { name: "Hometown" }).fill("Ghulja (Yining)");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.waitForURL(/hometown=Ghulja/);
  await expect(page.getByRole("link", { name: "Places Picked" })).toBeVisible();
  await page.goto("/cases?hometown=Astana");
  await expect(page.getByRole("link", { name: "Places Picked" })).toHaveCount(0);
});

test("a place not in the gazetteer is kept only when asked, and marked as written", async ({ page }) => {
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Places Written");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const form = page.getByRole("form", { name: "Add event" });
  if (!(await form.isVisible())) await page.getByText("Add event", { exact: true }).first().click();
  await form.getByLabel("What happened").selectOption("DETAINED");
  await form.getByRole("combobox", { name: "Place" }).fill("Camp near the river");
  await form.getByRole("button", { name: "Keep “Camp near the river” as written" }).click();
  await expect(form.getByText("Kept as written: not a gazetteer place")).toBeVisible();
  await form.getByRole("button", { name: "Add event" }).click();
  await expect(page.getByTestId("case-timeline")).toContainText("Camp near the river (as written, not in the gazetteer)");
});
