// A detail page for a record that does not exist (or belongs to another organisation, which the services
// answer the same way) is the translated not-found page inside the app's shell, with its menu: never a
// 500 page in English without it.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";

const UNKNOWN = "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
const PAGES = [
  `/cases/${UNKNOWN}`,
  `/cases/${UNKNOWN}/edit`,
  "/cases/not-an-id",
  `/people/${UNKNOWN}`,
  `/people/${UNKNOWN}/edit`,
  `/protests/${UNKNOWN}`,
  `/protests/${UNKNOWN}/edit`,
  `/police-actions/${UNKNOWN}`,
  `/police-actions/${UNKNOWN}/edit`,
  `/protests/person/${UNKNOWN}`,
];

async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS.coordinator.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

test("every detail page answers an unknown id with the translated not-found page inside the app", async ({ page, baseURL }) => {
  // ten pages, each compiled on its first visit by `next dev`
  test.setTimeout(360_000);
  const url = baseURL ?? "http://127.0.0.1:3100";
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url }]);
  await signIn(page);
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "ru", url }]);
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("Запись не найдена или недоступна вам."), path).toBeVisible();
    // the app's own navigation is there: the page is inside the shell
    await expect(page.getByRole("navigation").first(), path).toBeVisible();
    await expect(page.getByText(/Error:|at .*\.tsx?:\d+/)).toHaveCount(0);
  }
});

test("an address that matches no page is answered in the chosen language", async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
  const response = await page.goto("/no-such-page-here");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("This record was not found, or you may not see it.")).toBeVisible();
});
