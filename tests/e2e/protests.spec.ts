// A volunteer records a picket with five participants (three already known, two new), a summons with a
// hearing for one of them, sees it among upcoming hearings and on the person's timeline, then records
// the outcome: fined 69,000 KZT, appealed, appeal dismissed.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";

const DAY = 86_400_000;
const dayOffset = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Types a name into the participant picker and picks with the keyboard: the known person, or "record a new person". */
async function addParticipant(page: Page, name: string, isNew: boolean): Promise<void> {
  const picker = page.getByRole("combobox", { name: "Add participant" });
  await picker.fill(name);
  // a known person's own option (not "record a new person"), so the search has answered
  const option = isNew
    ? page.getByRole("option", { name: `Record a new person “${name}”` })
    : page.getByRole("option").filter({ hasNotText: "Record a new person" }).filter({ hasText: name }).first();
  await expect(option).toBeVisible();
  // let the debounced search settle so the list does not change under the keyboard
  await page.waitForTimeout(700);
  const options = page.getByRole("option");
  const count = await options.count();
  const target = isNew ? count - 1 : 0;
  for (let i = 0; i <= target; i += 1) await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(page.getByTestId("participant-row").filter({ hasText: name })).toBeVisible();
}

// Known failure, under investigation: the protest and the summons are saved, but the participants picked
// by keyboard for the three known people do not end up on those people's records, so the person's
// activity timeline stays empty. The services behind each step are covered by
// tests/integration/protests-records.test.ts and police-actions-records.test.ts.
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

  await page.goto("/protests/new");
  await page.getByLabel("Date and time").fill(`${dayOffset(-2)}T11:00`);
  await page.getByLabel("Kind").selectOption({ label: "Picket" });
  await page.getByLabel("City").fill("Almaty");
  await page.getByLabel("Place").fill("Consulate of the PRC");
  for (const name of known) await addParticipant(page, name, false);
  await addParticipant(page, "Aigerim Nurlanqyzy", true);
  await addParticipant(page, "Erlan Sakenuly", true);
  await expect(page.getByTestId("participant-row")).toHaveCount(5);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/protests\/[0-9a-f-]{36}$/);
  const participants = page.getByRole("table", { name: "Participants" });
  await expect(participants.locator("tbody tr")).toHaveCount(5);
  await expect(participants.getByText("Aigerim Nurlanqyzy")).toBeVisible();

  // a summons for the first participant, with a hearing in three days
  await page.getByRole("link", { name: "Record a police action" }).click();
  await page.waitForURL(/\/police-actions\/new\?protestId=/);
  const person = page.getByRole("combobox", { name: "Person" });
  await person.fill(known[0]!);
  await expect(page.getByRole("option").filter({ hasNotText: "Record a new person" }).filter({ hasText: known[0]! }).first()).toBeVisible();
  await page.waitForTimeout(700);
  await person.press("ArrowDown");
  await person.press("Enter");
  await page.getByLabel("Type").selectOption({ label: "Summons" });
  // required fields carry a "*" in their label, so exact names go by the field
  await page.locator('input[name="date"]').fill(dayOffset(-1));
  await page.getByLabel("Authority").fill("Medeu district police department");
  await page.getByLabel("Legal basis").fill("Art. 488 Code of Administrative Offences");
  await page.getByLabel("Hearing date").fill(`${dayOffset(3)}T10:00`);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/police-actions\/[0-9a-f-]{36}$/);
  const actionUrl = page.url();

  // before the outcome: upcoming, and on the person's timeline as pending
  await page.goto("/police-actions/upcoming?days=7");
  await expect(page.getByRole("table").first().getByText(known[0]!)).toBeVisible();
  await page.goto(`/protests/person/${knownIds[0]}`);
  const timeline = page.getByTestId("person-activity");
  await expect(timeline.getByText(/Participant at a Picket in Almaty/)).toBeVisible();
  await expect(timeline.getByText(/Summons · Medeu district police department · Hearing .* · Pending/)).toBeVisible();

  // the outcome: fined 69,000 KZT, appealed, appeal dismissed
  await page.goto(actionUrl);
  const outcome = page.locator("form").filter({ hasText: "Record outcome" });
  await outcome.locator('select[name="outcome"]').selectOption({ label: "Fined" });
  await outcome.getByLabel("Outcome date").fill(dayOffset(0));
  await outcome.getByLabel(/Fine \(amount\)/).fill("69 000");
  await outcome.locator('select[name="appealResult"]').selectOption({ label: "Appeal dismissed" });
  await outcome.getByLabel("Date of the appeal's result").fill(dayOffset(0));
  await outcome.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByTestId("police-outcome")).toContainText("Fined");
  await expect(page.getByTestId("police-outcome")).toContainText("69,000 KZT");
  await expect(page.getByTestId("police-outcome")).toContainText("Appeal dismissed");

  await page.goto(`/protests/person/${knownIds[0]}`);
  await expect(timeline.getByText("Outcome: Fined · 69,000 KZT")).toBeVisible();
  await expect(timeline.getByText("Appeal: Appeal dismissed")).toBeVisible();
  await page.goto("/police-actions/upcoming?days=7");
  // the demo data has hearings of its own; ours has left the list
  await expect(page.getByRole("heading", { name: "Hearings in the next 7 days" })).toBeVisible();
  await expect(page.getByText(known[0]!)).toHaveCount(0);
});
