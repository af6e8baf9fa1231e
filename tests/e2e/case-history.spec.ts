// A coordinator reads a case's history in words, with repeated views as one line, and removing a note
// asks first: dismissing the question keeps the note.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("the case history names actions in words, groups repeated views, and removing a note asks first", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, E2E_USERS.coordinator.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("History Words");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  // three more views of the new case
  for (let view = 0; view < 3; view += 1) await page.reload();

  const notes = page.getByRole("region", { name: "Notes" });
  const form = page.getByRole("form", { name: "Add note" });
  if (!(await form.isVisible())) await page.getByText("Add note", { exact: true }).first().click();
  await form.getByLabel("Note").fill("Called the family on Monday");
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(notes.getByText("Called the family on Monday")).toBeVisible();

  // "Remove note" asks; answering no keeps the note
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Remove this note? It cannot be brought back from here.");
    void dialog.dismiss();
  });
  await notes.getByRole("button", { name: "Remove note" }).click();
  await page.reload();
  await expect(page.getByRole("region", { name: "Notes" }).getByText("Called the family on Monday")).toBeVisible();

  const history = page.getByRole("region", { name: "Who viewed or changed this case" });
  await expect(history).toContainText("Opened the case");
  await expect(history).toContainText("Added a note");
  // the views in a row are one line with how many there were, never one line each
  await expect(history.locator('li[data-action="case.view"]').filter({ hasText: /Viewed the case \(\d+ times\)/ }).first()).toBeVisible();
  // codes are not shown to people
  await expect(history).not.toContainText("case.view");
  await expect(history).not.toContainText("case.note.create");
});
