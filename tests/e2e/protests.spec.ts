// A volunteer records a picket with five participants (three already known, two new), a summons with a
// hearing for one of them, sees it among upcoming hearings and on the person's timeline, then records
// the outcome: fined 69,000 KZT, appealed, appeal dismissed.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

const DAY = 86_400_000;
const dayOffset = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

/**
 * Picks someone in a person picker with the keyboard alone. For a known person: type the name, wait for the
 * search to answer with that person highlighted, Enter. For a new person: type the name, wait for the
 * answer, ArrowUp (wraps to "record a new person", the last option), Enter.
 */
async function pickWithKeyboard(page: Page, label: string, name: string, kind: "known" | "new"): Promise<void> {
  const picker = page.getByRole("combobox", { name: label });
  const list = page.getByRole("listbox", { name: label });
  await picker.focus();
  await picker.pressSequentially(name);
  if (kind === "known") {
    const match = list.getByRole("option", { name, exact: true });
    await expect(match).toHaveAttribute("aria-selected", "true");
    // the answer is announced to screen readers
    await expect(page.getByTestId("person-picker-status")).toHaveText(/\d+ match/);
  } else {
    await expect(list.getByRole("option", { name: `Record a new person “${name}”` })).toBeVisible();
    await picker.press("ArrowUp");
    await expect(list.getByRole("option", { name: `Record a new person “${name}”` })).toHaveAttribute("aria-selected", "true");
  }
  await picker.press("Enter");
}

/** People whose name is exactly `name`, as the people API finds them. */
async function peopleNamed(page: Page, name: string): Promise<string[]> {
  const response = await page.request.get(`/api/v1/people?q=${encodeURIComponent(name)}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: { id: string; displayName: string }[] };
  return body.items.filter((person) => person.displayName === name).map((person) => person.id);
}

test("a protest with five participants, a summons with a hearing, and its outcome on the timeline", async ({ page, baseURL }) => {
  // many pages, each compiled on first visit by the development server
  test.setTimeout(300_000);
  await signIn(page, E2E_USERS.volunteer.email);

  // three people already on record
  const known = ["Gulnur Sarsenqyzy", "Bekzat Maqsutkhan", "Zhanar Dauletbekqyzy"];
  const knownIds: string[] = [];
  for (const name of known) {
    const response = await page.request.post("/api/v1/people", { data: { names: [{ value: name }] }, headers: { origin: baseURL ?? "" } });
    expect(response.status()).toBe(201);
    knownIds.push(((await response.json()) as { id: string }).id);
  }
  const fresh = ["Aigerim Nurlanqyzy", "Erlan Sakenuly"];

  await page.goto("/protests/new");
  // the day as people write it, the time in 24 hours beside it
  const [year, month, day] = dayOffset(-2).split("-");
  await page.getByRole("textbox", { name: "Date", exact: true }).fill(`${day}.${month}.${year}`);
  await page.getByLabel("Kind").selectOption({ label: "Picket" });
  // the city is the gazetteer's, found by its name
  await page.getByRole("combobox", { name: "City" }).fill("Almaty");
  await page.getByRole("option", { name: /^Almaty · Алматы/ }).click();
  await expect(page.getByRole("button", { name: "Change the place Almaty" })).toBeVisible();
  await page.getByRole("textbox", { name: "Place", exact: true }).fill("Consulate of the PRC");
  const rows = page.getByTestId("participant-row");
  for (const [index, name] of known.entries()) {
    await pickWithKeyboard(page, "Add participant", name, "known");
    await expect(rows).toHaveCount(index + 1);
    await expect(rows.nth(index)).toContainText(name);
    await expect(rows.nth(index)).not.toContainText("new");
    // focus is back in the picker, ready for the next name
    await expect(page.getByRole("combobox", { name: "Add participant" })).toBeFocused();
  }
  for (const name of fresh) await pickWithKeyboard(page, "Add participant", name, "new");
  await expect(rows).toHaveCount(5);
  // a day without its time is refused once, at the time, and the time field gets the focus
  await page.getByRole("button", { name: "Save" }).click();
  const time = page.getByRole("textbox", { name: "Time", exact: true });
  await expect(time).toBeFocused();
  await expect(page.getByText("This field is required.")).toHaveCount(1);
  await time.fill("11:00");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/protests\/[0-9a-f-]{36}$/);
  const participants = page.getByRole("table", { name: "Participants" });
  await expect(participants.locator("tbody tr")).toHaveCount(5);
  for (const name of [...known, ...fresh]) await expect(participants.getByRole("cell", { name, exact: true })).toBeVisible();
  // the known people were linked, not recorded again
  for (const [index, name] of known.entries()) expect(await peopleNamed(page, name)).toEqual([knownIds[index]]);

  // a summons for the first participant, with a hearing in three days
  await page.getByRole("link", { name: "Record a police action" }).click();
  await page.waitForURL(/\/police-actions\/new\?protestId=/);
  const person = page.getByRole("combobox", { name: "Person" });
  await person.focus();
  await person.pressSequentially(known[0]!);
  // keys pressed at once, most likely before the search has answered: they may pick the person on record
  // (if the answer was quicker) or nothing, but never "record a new person"
  await person.press("ArrowDown");
  await person.press("Enter");
  await expect(page).toHaveURL(/\/police-actions\/new\?protestId=/);
  await expect(person).not.toHaveAttribute("aria-busy", "true");
  const match = page.getByRole("listbox", { name: "Person" }).getByRole("option", { name: known[0]!, exact: true });
  if (await match.isVisible()) {
    await expect(match).toHaveAttribute("aria-selected", "true");
    await person.press("Enter");
  }
  await expect(person).toHaveValue(known[0]!);
  await expect(page.getByRole("listbox", { name: "Person" })).toBeHidden();
  await page.getByLabel("Type").selectOption({ label: "Summons" });
  // required fields carry a "*" in their label, so exact names go by the field
  await page.locator('input[name="date"]').fill(dayOffset(-1));
  await page.getByLabel("Authority").fill("Medeu district police department");
  await page.getByLabel("Legal basis").fill("Art. 488 Code of Administrative Offences");
  // the hearing's day is typed like every date; its time beside it, in Almaty time
  await page.getByLabel("Hearing date").fill(dayOffset(3));
  await page.getByLabel("Hearing time").fill("10:00");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/police-actions\/[0-9a-f-]{36}$/);
  const actionUrl = page.url();
  expect(await peopleNamed(page, known[0]!)).toEqual([knownIds[0]]);

  // before the outcome: among the upcoming hearings, and on the person's timeline as pending
  await page.goto("/police-actions/upcoming?days=7");
  const upcoming = page.getByRole("table", { name: "Hearings in the next 7 days" });
  await expect(upcoming.getByRole("row").filter({ hasText: known[0]! }).filter({ hasText: "Summons" })).toBeVisible();
  await page.goto(`/protests/person/${knownIds[0]}`);
  const timeline = page.getByTestId("person-activity");
  await expect(timeline.getByText(/Participant at a Picket in Almaty/)).toBeVisible();
  await expect(timeline.getByText(/Summons · Medeu district police department · Hearing .* · Pending/)).toBeVisible();

  // the outcome: fined 69,000 KZT, appealed, appeal dismissed
  await page.goto(actionUrl);
  const outcome = page.locator("form").filter({ hasText: "Record outcome" });
  await outcome.locator('select[name="outcome"]').selectOption({ label: "Fined" });
  await outcome.getByLabel("Outcome date").fill(dayOffset(0));
  await outcome.getByLabel("Fine (KZT)").fill("69 000");
  await outcome.locator('select[name="appealResult"]').selectOption({ label: "Appeal dismissed" });
  await outcome.getByLabel("Date of the appeal's result").fill(dayOffset(0));
  await outcome.getByRole("button", { name: "Record outcome" }).click();
  const shown = page.getByTestId("police-outcome");
  await expect(shown).toContainText("Fined");
  await expect(shown).toContainText("₸69,000");
  await expect(shown).toContainText("Appealed · Appeal dismissed");

  // the person's timeline, reached from the action as a user would
  await page.getByRole("link", { name: `Activism timeline: ${known[0]}` }).click();
  await page.waitForURL(`**/protests/person/${knownIds[0]}`);
  await expect(timeline.getByText("Outcome: Fined · ₸69,000 · Appealed")).toBeVisible();
  await expect(timeline.getByText("Appeal: Appeal dismissed")).toBeVisible();
  await expect(timeline.getByText(/Summons · Medeu district police department · Resolved/)).toBeVisible();
  await page.goto("/police-actions/upcoming?days=7");
  // the demo data has hearings of its own; ours has left the list
  await expect(page.getByRole("heading", { name: "Hearings in the next 7 days" })).toBeVisible();
  await expect(page.getByText(known[0]!)).toHaveCount(0);
});

test("an analyst sees protests and police actions only in numbers, never the records", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_USERS.analyst.email);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Protests" })).toHaveCount(0);
  for (const path of ["/protests", "/police-actions", "/police-actions/upcoming"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await page.goto("/protests/stats");
  await expect(page.getByRole("heading", { name: "Protests and police actions in numbers" })).toBeVisible();
  const stats = page.getByTestId("protest-stats");
  await expect(stats).toContainText("Protests");
  await expect(page.getByRole("table", { name: "Outcomes" }).getByRole("row", { name: /Fined/ })).toBeVisible();
  // the people of the first test (and the demo's) are nowhere on the page
  await expect(page.locator("main")).not.toContainText("Gulnur Sarsenqyzy");
  await expect(page.locator("main a[href^='/people/'], main a[href^='/protests/'], main a[href^='/police-actions/']")).toHaveCount(0);
});
