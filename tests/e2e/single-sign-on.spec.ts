// Single sign-on in the browser, against a real OpenID provider that tests/e2e/server.ts starts when
// E2E_OIDC=1: a member signs in through the provider and lands in the app; a stranger with a good
// provider account and an unverified address are sent back to the sign-in page with a plain reason;
// a member with an authenticator app still owes the code after the provider.
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_TWO_FACTOR_USER, E2E_USERS } from "./seed";

const BUTTON = "Sign in with Test identity provider";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function throughProvider(page: Page, account: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("button", { name: BUTTON }).click();
  await atProvider(page, account);
}

/** The provider's login page: this account signs in there. */
async function atProvider(page: Page, account: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Account", { exact: true }).fill(account);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a member signs in through the group's identity provider and lands in the app", async ({ page }) => {
  test.setTimeout(180_000);
  await throughProvider(page, "admin");
  await page.waitForURL(/\/(cases|dashboard)/);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  const session = (await page.context().cookies()).find((cookie) => cookie.name === "qamqor_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("a stranger with a valid provider account is sent back to sign-in, not let in", async ({ page }) => {
  await throughProvider(page, "stranger");
  await page.waitForURL(/\/login\?error=ssoNotMember/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This account is not an active member of a group here. Ask your group's administrator to invite you.");
  await page.goto("/cases");
  await page.waitForURL(/\/login/);
});

test("an address the provider has not verified is refused", async ({ page }) => {
  await throughProvider(page, "unverified");
  await page.waitForURL(/\/login\?error=ssoEmailUnverified/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("has not confirmed your e-mail address");
});

test("a member with an authenticator app still gives the code after the provider", async ({ page }) => {
  test.setTimeout(240_000);
  // set up two-factor sign-in with the password first
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_TWO_FACTOR_USER.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/(cases|dashboard)/);
  await page.goto("/account/two-factor");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  await page.getByLabel("Code from the app").fill(await generate({ secret, period: 30, epoch: Math.floor(Date.now() / 1000) - 30 }));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  await page.locator("summary").filter({ hasText: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/login$/);

  await throughProvider(page, "twofactor");
  await page.waitForURL(/\/login\/two-factor$/);
  await page.goto("/cases");
  await page.waitForURL(/\/login\/two-factor$/);
  const code = page.getByLabel("Code", { exact: true });
  await code.fill(await generate({ secret, period: 30 }));
  await code.press("Enter");
  await page.waitForURL(/\/(cases|dashboard)/);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
});

test("a member links their provider account on the account page, then signs in with it", async ({ page }) => {
  test.setTimeout(240_000);
  // the provider does not vouch for this account's e-mail: before linking it is refused
  await throughProvider(page, "coordinator-at-provider");
  await page.waitForURL(/\/login\?error=ssoEmailUnverified/);

  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS.coordinator.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/(cases|dashboard)/);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  // linking is a new way in: offered only to a session that gave its password in the last minutes (this one just did)
  // the provider still knows them from the refused attempt above, so it answers at once
  await page.getByRole("button", { name: "Link your Test identity provider account" }).click();
  await page.waitForURL(/\/account\?sso=linked/);
  await expect(page.getByText("Your Test identity provider account is now linked.")).toBeVisible();

  await page.locator("summary").filter({ hasText: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/login$/);
  await page.getByRole("button", { name: BUTTON }).click();
  await page.waitForURL(/\/(cases|dashboard)/);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
});
