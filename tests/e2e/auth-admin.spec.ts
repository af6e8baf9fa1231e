// An admin invites a new member by a one-time link; the invitee sets a password and lands in the app
// with the invited role; the link cannot be used twice; deactivation ends the member's access.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";

async function englishPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

test("an admin invites an analyst who sets a password, joins, and cannot reuse the link", async ({ browser, baseURL }) => {
  const admin = await englishPage(browser, baseURL);
  await signIn(admin, E2E_USERS.admin.email, E2E_PASSWORD);
  await admin.goto("/admin");
  await admin.locator("#invite-email").fill("invited.analyst@e2e.test");
  await admin.locator("#invite-role").selectOption("ANALYST");
  await admin.getByRole("button", { name: "Create invite" }).click();
  const link = (await admin.getByTestId("invite-link").innerText()).trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const invitee = await englishPage(browser, baseURL);
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { name: "Join First Group" })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Invited Analyst");
  await invitee.locator("#password").fill("a sentence only I know");
  await invitee.getByLabel("Repeat the new password").fill("a sentence only I know");
  await invitee.getByRole("button", { name: "Set password and join" }).click();
  await invitee.waitForURL(/\/dashboard$/);
  await expect(invitee.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Reports" })).toBeVisible();

  const again = await englishPage(browser, baseURL);
  await again.goto(new URL(link).pathname);
  await expect(again.getByRole("main").getByRole("alert")).toContainText("already been used");
});

test("a deactivated member's open session is refused on their next request", async ({ browser, baseURL }) => {
  const volunteer = await englishPage(browser, baseURL);
  await signIn(volunteer, E2E_USERS.leaver.email, E2E_PASSWORD);
  await volunteer.goto("/account");
  await expect(volunteer.getByRole("heading", { name: "Your account" })).toBeVisible();

  const admin = await englishPage(browser, baseURL);
  await signIn(admin, E2E_USERS.admin.email, E2E_PASSWORD);
  await admin.goto("/admin");
  const row = admin.getByRole("row").filter({ hasText: E2E_USERS.leaver.email });
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await volunteer.goto("/account");
  await expect(volunteer).toHaveURL(/\/login$/);
});

test("an admin reads the API reference drawn from openapi.yaml, and a coordinator cannot open it", async ({ browser, baseURL }) => {
  const admin = await englishPage(browser, baseURL);
  await signIn(admin, E2E_USERS.admin.email, E2E_PASSWORD);
  await admin.goto("/admin/tokens");
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "API reference" }).click();
  await expect(admin.getByRole("heading", { name: /Qamqor JSON API/ })).toBeVisible();
  const listCases = admin.locator("article#listCases");
  await expect(listCases.getByRole("heading", { name: "GET /cases" })).toBeVisible();
  await expect(listCases.getByRole("table", { name: "Parameters" })).toContainText("status");
  await expect(admin.locator("article#createCase").getByRole("table", { name: "Answers" })).toContainText("201");
  await expect(admin.getByRole("link", { name: "Download openapi.yaml" })).toHaveAttribute("href", "/openapi.yaml");

  const coordinator = await englishPage(browser, baseURL);
  await signIn(coordinator, E2E_USERS.coordinator.email, E2E_PASSWORD);
  const response = await coordinator.goto("/admin/api");
  expect(await coordinator.locator("article#listCases").count()).toBe(0);
  expect(response?.status()).not.toBe(500);
});
