// A coordinator records a person with names in two scripts, then starts entering a variant spelling of
// the same name and is warned about the existing record before saving.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("a person recorded in Cyrillic and Latin is offered as a likely duplicate when a variant spelling is typed", async ({ page }) => {
  await signIn(page, E2E_USERS.coordinator.email);

  await page.goto("/people/new");
  await page.getByRole("textbox", { name: "Name 1", exact: true }).fill("Мақсұтхан Дәулетбекұлы");
  await page.getByRole("button", { name: "Add another name or spelling" }).click();
  await page.getByRole("textbox", { name: "Name 2", exact: true }).fill("Maksutkhan Dauletbekuly");
  await page.getByRole("textbox", { name: "Birth date", exact: true }).fill("1968");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Мақсұтхан Дәулетбекұлы" })).toBeVisible();
  await expect(page.getByText("Maksutkhan Dauletbekuly")).toBeVisible();

  await page.goto("/people/new");
  await page.getByRole("textbox", { name: "Name 1", exact: true }).fill("Maqsutkhan Dauletbek");
  const candidates = page.getByTestId("duplicate-candidates");
  await expect(candidates.getByRole("link", { name: "Мақсұтхан Дәулетбекұлы" })).toBeVisible();
  await expect(candidates.getByText("Similar name").or(candidates.getByText("Same name"))).toBeVisible();
});
