// An admin exports the whole organisation from Administration → Archive in Chromium: the export runs as
// a background job with its progress, and the finished archive downloads once, encrypted with the
// passphrase given, as a ZIP whose manifest names the organisation.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { openZipReader } from "../../lib/archive/zip-io";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("an admin exports the organisation and downloads the encrypted archive once", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin@atazhurt.example", "demo-admin-2026!");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Organisation archive" }).click();
  await expect(page.getByRole("heading", { name: "Organisation archive" })).toBeVisible();

  await page.getByRole("button", { name: "Export the organisation" }).click();
  const state = page.getByTestId("archive-state").first();
  await expect(state).toHaveText("Ready", { timeout: 180_000 });
  await expect(page.getByRole("progressbar", { name: "Progress" }).first()).toHaveAttribute("aria-valuenow", "100");

  // a short passphrase is refused at the field, and nothing is downloaded
  await page.getByLabel("Passphrase for the archive").fill("too short");
  await page.getByRole("button", { name: "Download once" }).click();
  await expect(page.getByText("Use a passphrase of at least 12 characters.")).toBeVisible();

  const passphrase = "a long passphrase for the move";
  await page.getByLabel("Passphrase for the archive").fill(passphrase);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download once" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^atazhurt-demo-archive-\d{4}-\d{2}-\d{2}\.zip$/);
  const reader = await openZipReader((await download.path())!, passphrase);
  try {
    const manifest = JSON.parse((await reader.bytes("manifest.json")).toString("utf8")) as { format: string; organization: { slug: string }; counts: Record<string, number> };
    expect(manifest.format).toBe("qamqor-organization-archive");
    expect(manifest.organization.slug).toBe("atazhurt-demo");
    expect(manifest.counts.cases).toBeGreaterThan(10);
  } finally {
    await reader.close();
  }
  // the file went once: the list now says so and offers no second download
  await expect(page.getByText("Downloaded or expired").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Download once" })).toHaveCount(0);
});
