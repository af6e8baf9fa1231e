// A coordinator downloads a case dossier from the case page and the police-action register with the
// list's filters, in Chromium; both files arrive with their report, organisation and date in the name.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("a coordinator downloads a case dossier and the police-action register", async ({ page }) => {
  // five pages compile on first visit under `next dev`, and the PDF renderer loads once
  test.setTimeout(360_000);
  // the demo group's coordinator (prisma/seed/demo.ts)
  await signIn(page, "coordinator@atazhurt.example", "demo-coordinator-2026!");

  await page.goto("/cases");
  const hrefs = await page.locator('a[href^="/cases/"]').evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const caseHref = hrefs.find((href) => /^\/cases\/[0-9a-f-]{36}$/.test(href));
  expect(caseHref).toBeTruthy();
  await page.goto(caseHref as string);
  const dossierDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download dossier (PDF)" }).click();
  const dossier = await dossierDownload;
  await expect(page.getByRole("button", { name: "Download dossier (PDF)" })).toBeEnabled();
  expect(dossier.suggestedFilename()).toMatch(/^case-dossier_atazhurt-demo_AT-\d{4}-\d{4}_\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = readFileSync((await dossier.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

  await page.goto("/police-actions?from=2000-01-01");
  const registerDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download register (CSV)" }).click();
  const register = await registerDownload;
  expect(register.suggestedFilename()).toMatch(/^police-action-register_atazhurt-demo_\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await register.path())!, "utf8");
  expect(csv).toContain("Date,Person,Case,Action");
  expect(csv.split("\r\n").length).toBeGreaterThan(10);

  // the reports page lists every report for this reader
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Anonymised statistics" })).toBeVisible();
});
