// On a phone the lists show each row as a card: no column is cut off and nothing is wider than the
// screen. Each page is looked at as an image: the full-page screenshot is exactly as wide as the phone,
// and the first card's own edge (its border) is drawn from top to bottom on its right-hand side.
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { LOCALE_COOKIE } from "../../lib/i18n/config";

const PHONE = { width: 390, height: 844 };

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

// the demo group's coordinator and admin (prisma/seed/demo.ts): every list has rows to show
const coordinator = { email: "coordinator@atazhurt.example", password: "demo-coordinator-2026!" };
const admin = { email: "admin@atazhurt.example", password: "demo-admin-2026!" };

async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Share of the image's right-most pixel column drawn in a light grey border colour (not white, not text). */
async function rightEdgeIsBorder(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let border = 0;
  for (let y = 0; y < info.height; y += 1) {
    const at = (y * info.width + (info.width - 1)) * info.channels;
    const [r, g, b] = [data[at] as number, data[at + 1] as number, data[at + 2] as number];
    // Tailwind's slate-200 is about rgb(226 232 240): light, a little blue, clearly not white
    if (r > 180 && r < 245 && b >= r && Math.max(r, g, b) < 250) border += 1;
  }
  return border / info.height;
}

const LISTS = [
  { path: "/cases", list: "case-list", labels: ["Status", "Latest event"] },
  { path: "/people", list: "people-list", labels: ["Born"] },
  { path: "/protests", list: "protest-list", labels: ["City"] },
  { path: "/police-actions", list: "police-action-list", labels: ["Status"] },
] as const;

/** The list at `path` is cards on the phone: each named field, the page as wide as the phone, the first card's edge in view. */
async function looksLikeCards(page: Page, path: string, list: string, labels: readonly string[]): Promise<void> {
  await page.goto(path);
  const card = page.getByTestId(list).locator("tbody > tr").first();
  await expect(card, `${path}: a first card`).toBeVisible();
  // every field of the card is named, as the table's header would on a wide screen
  const named = await card.locator("td[data-label]").evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, "::before").content));
  for (const label of labels) expect(named, `${path}: the card names ${label}`).toContain(`"${label}"`);

  const shot = await page.screenshot({ fullPage: true, path: `test-results/phone${path.replaceAll("/", "-")}.png` });
  const { width } = await sharp(shot).metadata();
  expect(width, `${path}: the page is exactly as wide as the phone`).toBe(PHONE.width);

  const box = await card.boundingBox();
  expect(box, `${path}: the card has a place on the page`).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  // the card's right border is in the picture: nothing of the row runs off the screen
  expect(await rightEdgeIsBorder(await card.screenshot()), `${path}: the card's right edge is drawn`).toBeGreaterThan(0.6);
}

test("on a phone every list shows its rows as cards that fit the screen", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(PHONE);
  await signIn(page, coordinator);
  for (const { path, list, labels } of LISTS) await looksLikeCards(page, path, list, labels);
});

test("on a phone the audit log shows each event as a card that fits the screen", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PHONE);
  await signIn(page, admin);
  await looksLikeCards(page, "/admin/audit", "audit-list", ["Action", "Who"]);
});
