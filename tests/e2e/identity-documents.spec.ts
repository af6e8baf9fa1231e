// A coordinator opening a case types the relative's Chinese resident ID as the family copied it,
// accepts the hometown and birth date the number carries, and is shown the person already recorded
// with the same number before saving anything.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_DOCUMENT_PERSON, E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

test("a Chinese ID typed on a new case offers its hometown and birth date and shows the person already holding it", async ({ page }) => {
  await signIn(page, E2E_USERS.coordinator.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Даулетхан Серікболсын");

  await page.getByRole("button", { name: "Add a document" }).first().click();
  const document = page.getByRole("group", { name: "Document 1" });
  await expect(document.getByLabel("Kind of document")).toHaveValue("CN_RESIDENT_ID");
  // one character copied wrongly: a clear message at the field, and the box to keep it anyway
  const number = E2E_DOCUMENT_PERSON.number;
  const wrong = `${number.slice(0, 8)}${(Number(number[8]) + 1) % 10}${number.slice(9)}`;
  await document.getByRole("textbox", { name: "Number", exact: true }).fill(wrong);
  await expect(document.getByText("The check character does not match")).toBeVisible();
  await expect(document.getByLabel(/Keep as written/)).toBeVisible();

  // as the family wrote it: spaces and a lower-case x
  await document.getByRole("textbox", { name: "Number", exact: true }).fill(`${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14).toLowerCase()}`);
  await expect(document.getByText("The number passes its check.")).toBeVisible();
  await document.getByRole("button", { name: /Use hometown Ghulja/ }).click();
  await document.getByRole("button", { name: /Use birth date/ }).click();

  await expect(page.getByLabel("Born", { exact: true })).toHaveValue("1975-04-12");
  await expect(page.getByTestId("subject-hometown-place")).toContainText("Ghulja");
  await expect(document.getByRole("button", { name: /Use birth date/ })).toHaveCount(0);

  const candidates = page.getByTestId("case-duplicate-candidates");
  await expect(candidates.getByRole("link", { name: E2E_DOCUMENT_PERSON.name })).toBeVisible();
  await expect(candidates.getByText("Same identity number")).toBeVisible();
});

test("a birth date that disagrees with the number is pointed out in the person form, and the recorded one can be kept", async ({ page }) => {
  await signIn(page, E2E_USERS.coordinator.email);
  await page.goto(`/people/${E2E_DOCUMENT_PERSON.id}/edit`);
  const document = page.getByRole("group", { name: "Document 1" });
  await expect(document.getByRole("textbox", { name: "Number", exact: true })).toHaveValue(E2E_DOCUMENT_PERSON.number);
  // nothing recorded yet: the number's birth date is offered
  await expect(document.getByRole("button", { name: /Use birth date/ })).toBeVisible();

  await page.getByRole("textbox", { name: "Birth date", exact: true }).fill("1976");
  await expect(document.getByText(/differs from the one recorded/)).toBeVisible();
  await document.getByRole("button", { name: "Keep what is recorded" }).click();
  await expect(document.getByText(/differs from the one recorded/)).toHaveCount(0);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(new RegExp(`/people/${E2E_DOCUMENT_PERSON.id}$`));
  await expect(page.getByTestId("person-documents")).toContainText(E2E_DOCUMENT_PERSON.number);
});
