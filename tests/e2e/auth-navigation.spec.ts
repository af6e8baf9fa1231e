// Signing in as each role shows exactly the navigation that role may use; a wrong password gets the
// same plain message as an unknown address; signing out ends the session.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";

const ALL = ["Dashboard", "Cases", "People", "Protests", "Police actions", "Reports", "Import", "Admin"];

const CAST = [
  { who: "an admin", user: E2E_USERS.admin, nav: ALL },
  { who: "a coordinator", user: E2E_USERS.coordinator, nav: ["Dashboard", "Cases", "People", "Protests", "Police actions", "Reports", "Import"] },
  { who: "a volunteer", user: E2E_USERS.volunteer, nav: ["My work", "Cases", "People", "Protests", "Police actions"] },
  { who: "an analyst", user: E2E_USERS.analyst, nav: ["Dashboard", "Protest statistics", "Reports"] },
];

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  return (await nav.getByRole("list").first().getByRole("link").allInnerTexts()).map((text) => text.trim());
}

for (const { who, user, nav } of CAST) {
  test(`${who} signs in and sees exactly their navigation`, async ({ page }) => {
    await signIn(page, user.email, E2E_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    // the account page belongs to the shell itself, so it shows the navigation whatever other areas do
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    expect(await navLabels(page)).toEqual(nav);
  });
}

test("an analyst who types the admin address gets the not-found page", async ({ page }) => {
  await signIn(page, E2E_USERS.analyst.email, E2E_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
});

test("without single sign-on settings the sign-in page shows no trace of it, and next-auth offers only the password", async ({ page, request }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Sign in with/ })).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(/identity provider|single sign-on/i);
  const providers = (await (await request.get("/api/auth/providers")).json()) as Record<string, unknown>;
  expect(Object.keys(providers).sort()).toEqual(["credentials", "two-factor"]);
});

test("a wrong password and an unknown address get the same plain message", async ({ page }) => {
  await signIn(page, E2E_USERS.volunteer.email, "not the right password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is not right.");
  await signIn(page, "nobody@e2e.test", "not the right password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is not right.");
  await expect(page).toHaveURL(/\/login$/);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, E2E_USERS.coordinator.email, E2E_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto("/account");
  await page.locator("summary").filter({ hasText: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
});

test("on a phone the navigation opens from a menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, E2E_USERS.volunteer.email, E2E_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto("/account");
  const cases = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Cases" });
  await expect(cases).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  await expect(cases).toBeVisible();
});

test("a member of two groups switches between them", async ({ page }) => {
  await signIn(page, E2E_USERS.twoGroups.email, E2E_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto("/account");
  await expect(page.getByText("Volunteer", { exact: false }).first()).toBeVisible();
  await page.getByLabel("Switch group").selectOption({ label: "Second Group" });
  await page.waitForURL((url) => !url.pathname.startsWith("/account"));
  await page.goto("/account");
  await expect(page.getByRole("main").getByText(/Coordinator/)).toBeVisible();
  expect(await navLabels(page)).toContain("Dashboard");
});

test("the sign-in page leads to forgot password, which says plainly when this installation sends no e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expect(page.getByText("This installation sends no e-mail")).toBeVisible();
  await page.getByRole("link", { name: "Go to sign-in" }).click();
  await expect(page).toHaveURL(/\/login$/);
});
