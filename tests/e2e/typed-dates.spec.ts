// A volunteer types a date the way they say it, in Kazakh and in Russian, sees what the app understood
// before saving, and reads it back on the timeline in their language.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE, type Locale } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

interface CaseMessages {
  addEvent: string;
  event: { type: string; date: string };
  eventType: Record<string, string>;
}
const casesIn = (locale: Locale): CaseMessages => JSON.parse(readFileSync(new URL(`../../lib/i18n/messages/${locale}/cases.json`, import.meta.url), "utf8"));

async function setLocaleCookie(page: Page, baseURL: string | undefined, locale: Locale): Promise<void> {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL ?? "http://127.0.0.1:3100" }]);
}

const TYPED: Array<{ locale: "kk" | "ru"; typed: string; understood: string; shown: string }> = [
  { locale: "kk", typed: "наурыз 2018", understood: "Түсінгенім: наурыз 2018 ж.", shown: "наурыз 2018 ж." },
  { locale: "ru", typed: "март 2018", understood: "Понято как: март 2018 г.", shown: "март 2018 г." },
];

test("a volunteer types March 2018 in Kazakh and in Russian and the timeline shows it in their language", async ({ page, baseURL }) => {
  await setLocaleCookie(page, baseURL, "en");
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Typed Dates");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();

  for (const { locale, typed, understood, shown } of TYPED) {
    const messages = casesIn(locale);
    await setLocaleCookie(page, baseURL, locale);
    await page.goto(caseUrl);
    const form = page.getByRole("form", { name: messages.addEvent });
    if (!(await form.isVisible())) await page.getByText(messages.addEvent, { exact: true }).first().click();
    await form.getByLabel(messages.event.type).selectOption("SENT_TO_CAMP");
    const date = form.getByLabel(messages.event.date, { exact: true });
    await date.fill(typed);
    // what the app understood is read out under the field before anything is saved
    await expect(form.getByText(understood)).toBeVisible();
    await form.getByRole("button", { name: messages.addEvent }).click();
    await expect(page.getByTestId("case-timeline").getByText(`${shown} — ${messages.eventType.SENT_TO_CAMP}`).first()).toBeVisible();
  }
});

test("a date that is not one is refused once, at its field, with what to add", async ({ page, baseURL }) => {
  await setLocaleCookie(page, baseURL, "en");
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Typed Dates Refused");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const form = page.getByRole("form", { name: "Add event" });
  if (!(await form.isVisible())) await page.getByText("Add event", { exact: true }).first().click();
  await form.getByLabel("What happened").selectOption("DETAINED");
  await form.getByLabel("When", { exact: true }).fill("March");
  await form.getByRole("button", { name: "Add event" }).click();
  await expect(form.getByText("Add the year too, for example: March 2018.")).toHaveCount(1);
});

test("a list's date filter takes a month typed in Kazakh and keeps it in the address", async ({ page, baseURL }) => {
  await setLocaleCookie(page, baseURL, "en");
  await signIn(page, E2E_USERS.coordinator.email);
  await setLocaleCookie(page, baseURL, "kk");
  await page.goto("/police-actions");
  const messages = JSON.parse(readFileSync(new URL("../../lib/i18n/messages/kk/police.json", import.meta.url), "utf8")) as { fields: { date: string }; applyFilters: string };
  const from = page.getByLabel(`${messages.fields.date} ≥`, { exact: true });
  await from.fill("наурыз 2018");
  await expect(page.getByText("Түсінгенім: наурыз 2018 ж.")).toBeVisible();
  await page.getByRole("button", { name: messages.applyFilters }).click();
  // the address holds the date in one form for every language; the field reads it back in Kazakh
  await page.waitForURL(/from=2018-03(&|$)/);
  await expect(page.getByLabel(`${messages.fields.date} ≥`, { exact: true })).toHaveValue("наурыз 2018 ж.");
});
