// Two-factor sign-in in the browser: a volunteer turns it on with an authenticator app (the test plays
// the app, computing codes from the key shown on the page), signs out, and signs in again with the
// password and a code; until the code is given no page opens, and a wrong code says so plainly.
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_TWO_FACTOR_USER } from "./seed";

const codeAt = (secret: string, secondsFromNow = 0) => generate({ secret, period: 30, epoch: Math.floor(Date.now() / 1000) + secondsFromNow });

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function signInWithPassword(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_TWO_FACTOR_USER.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a volunteer turns on two-factor sign-in, then signs in with password and code; a wrong code is refused", async ({ page }) => {
  // two sign-ins and a set-up in one story: more than the default minute on a busy machine
  test.setTimeout(180_000);
  await signInWithPassword(page);
  await page.waitForURL(/\/(cases|dashboard)/);

  // turn it on: the page shows a QR code and the key in text
  await page.goto("/account/two-factor");
  await expect(page.getByRole("heading", { name: "Two-factor sign-in", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel("Code from the app").fill(await codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in is on. Your other sessions have been signed out.")).toBeVisible();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);

  // sign out
  await page.locator("summary").filter({ hasText: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/login$/);

  // the password alone opens nothing
  await signInWithPassword(page);
  await page.waitForURL(/\/login\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await page.goto("/cases");
  await page.waitForURL(/\/login\/two-factor$/);

  // a wrong code is refused plainly, with the field ready for another try
  const code = page.getByLabel("Code", { exact: true });
  await expect(code).toBeFocused();
  await code.fill("000000");
  await code.press("Enter");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That code is not right, or it was already used. Try the newest code from your app.");
  await expect(page).toHaveURL(/\/login\/two-factor$/);

  // the next code from the app lets them in
  await code.fill(await codeAt(secret, 30));
  await code.press("Enter");
  await page.waitForURL(/\/(cases|dashboard)/);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
});
