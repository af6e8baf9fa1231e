// A coordinator opens a case, follows each "missing" link of the UN readiness panel to the field that
// fills it, until the case is ready for a WGEID submission (urgent: the disappearance is recent), then
// downloads the draft as PDF and DOCX, records the warrant question WGAD asks at the arrest, and deletes
// the submission after confirming.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test("a coordinator fills the missing elements from the readiness panel and downloads the WGEID draft", async ({ page }) => {
  // seven pages and two downloads, each compiled by `next dev` on first use
  test.setTimeout(360_000);
  await signIn(page, E2E_USERS.coordinator.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Жұмабекұлы Қасым");
  await page.getByRole("combobox", { name: "Hometown" }).fill("Ghulja");
  await page.getByRole("option", { name: /^Ghulja \(Yining\)/ }).click();
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();

  const wgeid = page.getByTestId("un-readiness-WGEID");
  await expect(wgeid.getByText("WGEID submission — missing:")).toBeVisible();
  await expect(wgeid.getByRole("listitem")).toHaveText([
    "date of the disappearance (day, month and year)",
    "place of arrest or last sighting",
    "forces believed responsible",
    "steps taken by the family",
    "who submits",
    "the family's recorded consent (who, when, to what)",
  ]);

  // the date link opens a new "disappeared" event
  await wgeid.getByRole("link", { name: "date of the disappearance (day, month and year)" }).click();
  const eventForm = page.getByRole("form", { name: "Add event" });
  await expect(eventForm.getByLabel("What happened")).toHaveValue("DISAPPEARED");
  await eventForm.getByLabel("When").fill(daysAgo(40));
  await eventForm.getByRole("combobox", { name: "Place" }).fill("Ghulja");
  await eventForm.getByRole("option", { name: /^Ghulja \(Yining\)/ }).click();
  await eventForm.getByLabel("Authority").fill("Ili Public Security Bureau");
  await eventForm.getByRole("button", { name: "Add event" }).click();
  await expect(wgeid.getByRole("listitem")).toHaveText(["steps taken by the family", "who submits", "the family's recorded consent (who, when, to what)"]);

  // the steps link opens the advocacy form
  await wgeid.getByRole("link", { name: "steps taken by the family" }).click();
  const advocacy = page.locator("form").filter({ has: page.locator("#advocacy-new-type") });
  await advocacy.getByLabel("Date").fill(daysAgo(20));
  await advocacy.getByLabel("Recipient").fill("Ministry of Foreign Affairs of Kazakhstan");
  await advocacy.getByRole("button", { name: "Save" }).click();
  await expect(wgeid.getByRole("listitem")).toHaveText(["who submits", "the family's recorded consent (who, when, to what)"]);

  // the submitter link opens the submission form of the follow-up log
  await wgeid.getByRole("link", { name: "who submits" }).click();
  await page.getByLabel("Submitted by (person or organisation)").first().fill("Aigerim Zhumabekova");
  await page.getByRole("form", { name: "WGEID submission" }).getByRole("button", { name: "Save" }).click();
  await expect(wgeid.getByRole("listitem")).toHaveText(["the family's recorded consent (who, when, to what)"]);

  // the consent link goes to the case's edit page
  await wgeid.getByRole("link", { name: "the family's recorded consent (who, when, to what)" }).click();
  await page.waitForURL(/\/edit#edit-consent-by$/);
  await page.getByLabel("Consent given by").fill("Aigerim Zhumabekova (wife)");
  await page.getByLabel("Consent given on").fill(daysAgo(2));
  await page.getByLabel("What the consent covers").fill("Submissions to UN bodies");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(caseUrl);

  await expect(wgeid.getByText("Ready for a WGEID submission")).toBeVisible();
  await expect(wgeid.getByText("Urgent procedure: the disappearance is under three months old")).toBeVisible();

  const pdf = page.waitForEvent("download");
  await wgeid.getByRole("button", { name: "Draft (PDF)" }).click();
  const pdfFile = await pdf;
  expect(pdfFile.suggestedFilename()).toMatch(/^FG-\d{4}-\d{4}-WGEID\.pdf$/);
  const pdfBytes = await readDownload(await pdfFile.path());
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");

  const docx = page.waitForEvent("download");
  await wgeid.getByRole("button", { name: "Draft (DOCX)" }).click();
  const docxFile = await docx;
  expect(docxFile.suggestedFilename()).toMatch(/WGEID\.docx$/);
  // a DOCX is a zip archive
  expect((await readDownload(await docxFile.path())).subarray(0, 2).toString()).toBe("PK");

  // WGAD asks whether a warrant was shown at the arrest: its link opens a new detention event
  const wgad = page.getByTestId("un-readiness-WGAD");
  const warrantItem = "whether a warrant was shown at the arrest (yes, no or not known)";
  await expect(wgad.getByRole("listitem").filter({ hasText: warrantItem })).toBeVisible();
  await wgad.getByRole("link", { name: warrantItem }).click();
  const arrestForm = page.getByRole("form", { name: "Add event" });
  await expect(arrestForm.getByLabel("What happened")).toHaveValue("DETAINED");
  await arrestForm.getByLabel("When").fill(daysAgo(41));
  await arrestForm.getByRole("combobox", { name: "Place" }).fill("Ghulja");
  await arrestForm.getByRole("option", { name: /^Ghulja \(Yining\)/ }).click();
  await arrestForm.getByLabel("Authority").fill("Ili Public Security Bureau");
  await arrestForm.getByLabel("Warrant or decision shown at the arrest").selectOption("NO");
  await arrestForm.getByRole("button", { name: "Add event" }).click();
  await expect(wgad.getByRole("listitem").filter({ hasText: "place of the arrest" })).toHaveCount(0);
  await expect(wgad.getByRole("listitem").filter({ hasText: warrantItem })).toHaveCount(0);

  // deleting the submission asks first; declining keeps it, accepting takes the submitter away again
  const log = page.getByTestId("un-submission-log");
  page.once("dialog", (dialog) => void dialog.dismiss());
  await log.getByRole("button", { name: "Delete submission" }).click();
  await expect(log.getByRole("button", { name: "Delete submission" })).toBeVisible();
  await expect(wgeid.getByText("Ready for a WGEID submission")).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Delete this WGEID submission");
    void dialog.accept();
  });
  await log.getByRole("button", { name: "Delete submission" }).click();
  await expect(log.getByRole("button", { name: "Delete submission" })).toHaveCount(0);
  await expect(wgeid.getByRole("listitem")).toHaveText(["who submits"]);
});

async function readDownload(path: string): Promise<Buffer> {
  const { readFile } = await import("node:fs/promises");
  return readFile(path);
}
