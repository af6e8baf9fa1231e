// A coordinator merges two records of the same person only after seeing both side by side and confirming.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function recordPerson(page: Page, names: string[], born: string): Promise<string> {
  await page.goto("/people/new");
  for (const [index, name] of names.entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add another name or spelling" }).click();
    await page.getByRole("textbox", { name: `Name ${index + 1}`, exact: true }).fill(name);
  }
  await page.getByRole("textbox", { name: "Birth date", exact: true }).fill(born);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop() as string;
}

test("merging two records shows both side by side and waits for the coordinator's confirmation", async ({ page }) => {
  // two people are recorded first: more pages than most tests visit
  test.setTimeout(240_000);
  await signIn(page, E2E_USERS.coordinator.email);
  const kept = await recordPerson(page, ["Mergetest Aidos Kept", "Мержтест Айдос"], "March 1970");
  await recordPerson(page, ["Mergetest Aidos Other"], "1970");

  await page.goto(`/people/${kept}/merge`);
  await page.getByRole("combobox", { name: "Record to merge into this one" }).fill("Mergetest Aidos Other");
  await page.getByRole("option", { name: /Mergetest Aidos Other/ }).click();

  const comparison = page.getByTestId("merge-comparison");
  await expect(comparison).toContainText("Мержтест Айдос");
  await expect(comparison).toContainText("March 1970");
  await expect(comparison.getByRole("columnheader", { name: "Merged into it: Mergetest Aidos Other" })).toBeVisible();

  const merge = page.getByRole("button", { name: "Merge records" });
  await page.getByLabel("Why are these the same person?").fill("Same birth year and father's name; the family confirmed.");
  await expect(merge).toBeDisabled();
  await page.getByLabel("I have compared both records: they are the same person.").check();
  await merge.click();
  await page.waitForURL(new RegExp(`/people/${kept}/merges/[0-9a-f-]{36}$`));
});
