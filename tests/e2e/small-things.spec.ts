// The small things a new volunteer meets on day one: an old link past the last page, the tab's icon,
// the standalone activism timeline's heading and the account menu's name.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";

// the demo group's admin (prisma/seed/demo.ts): every list has more than one page of rows
const admin = { email: "admin@atazhurt.example", password: "demo-admin-2026!", name: "Admin" };

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

test("a link to page 999 of any list lands on its last page, not on an empty one", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  for (const path of ["/cases", "/people", "/protests", "/police-actions", "/admin/audit"]) {
    await page.goto(`${path}?page=999`);
    const page999 = new URL(page.url());
    expect(page999.pathname, `${path}: the same list`).toBe(path);
    expect(page999.searchParams.get("page") ?? "1", `${path}: not page 999`).not.toBe("999");
    // the last page: rows to see and no "next" link
    await expect(page.getByRole("navigation", { name: /.+/ }).getByRole("link", { name: "Next" }), `${path}: nothing after it`).toHaveCount(0);
    await expect(page.locator("main tbody tr:visible, main li:visible").first(), `${path}: rows on it`).toBeVisible();
  }
});

test("every page names its icon and the icon is served", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await page.request.get(href as string);
  expect(icon.status()).toBe(200);
});

test("the standalone activism timeline is headed with the person's name, and the account menu's name starts with what it shows", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/protests");
  await page.getByTestId("protest-list").locator("tbody tr a").first().click();
  await page.waitForURL(/\/protests\/[0-9a-f-]{36}$/);
  // a participant's own timeline, from the protest's participants
  const person = page.locator('a[href^="/people/"]').first();
  const name = (await person.innerText()).trim();
  const personId = (await person.getAttribute("href"))?.split("/").pop() as string;
  await page.goto(`/protests/person/${personId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}: activism timeline`);

  const menu = page.locator("header summary").filter({ hasText: "▾" }).first();
  const visible = (await menu.locator("span").first().innerText()).trim();
  await expect(menu).toHaveAccessibleName(new RegExp(`^${visible.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
});
