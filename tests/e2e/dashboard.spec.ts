// The dashboard by role: a coordinator lands on it and sees the figures, today's work, the workload and
// the charts; a volunteer lands on their own work; an analyst sees counts only, with no name or
// reference anywhere on the page; the same page in Kazakh.
import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

const SUBJECT = "Dashboardtest Qasymuly";

test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

let reference = "";

test("a coordinator lands on the dashboard: figures, what needs doing today, workload and charts", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, E2E_USERS.coordinator.email);
  // a case with no volunteer, opened now, through the API
  const created = await page.request.post("/api/v1/cases", { data: { subject: { person: { names: [{ value: SUBJECT }] } } }, headers: { origin: new URL(page.url()).origin } });
  expect(created.status()).toBe(201);
  reference = ((await created.json()) as { reference: string }).reference;

  await page.goto("/");
  await page.waitForURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Headline figures" })).toBeVisible();
  const newCases = page.locator('[data-figure="newCases"]');
  // other browser tests open cases this month too: at least this one is counted
  await expect(newCases.getByRole("link")).toHaveText(/^[1-9]\d*$/);
  // the figure links to the case list with the same filters, which shows the new case
  await newCases.getByRole("link").click();
  await page.waitForURL(/\/cases\?openedFrom=/);
  await expect(page.getByRole("link", { name: reference })).toBeVisible();
  await page.goBack();

  const unassigned = page.locator('[data-todo="unassigned-cases"]');
  await expect(unassigned.getByRole("link", { name: new RegExp(reference) })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Workload" })).toBeVisible();
  await expect(page.locator('[data-todo="un-submissions"]')).toBeVisible();
  await expect(page.getByTestId("un-wgeid-missing")).toHaveAttribute("href", "/cases?un=wgeid-missing");
  // charts are drawn as SVG in the page, each with its numbers and a CSV
  const chart = page.locator('[data-chart="new-and-released"]');
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await chart.getByText("The numbers").click();
  await expect(chart.getByRole("table")).toBeVisible();
  await expect(chart.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /^data:text\/csv/);
  await page.screenshot({ path: "test-results/dashboard-coordinator.png", fullPage: true });

  // filters are kept in the URL
  await page.getByLabel("Period").selectOption("year");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/period=year/);
  await expect(page.getByTestId("dashboard-range")).toContainText(String(new Date().getUTCFullYear()));
});

test("on a phone, the dashboard fits the screen", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, E2E_USERS.coordinator.email);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Headline figures" })).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-phone.png", fullPage: true });
  // nothing wider than the screen: tables scroll inside their own box
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test("a volunteer lands on their own work", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_USERS.volunteer.email);
  await page.goto("/");
  await page.waitForURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "My work", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My tasks" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Headline figures" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Workload" })).toHaveCount(0);
});

test("an analyst sees counts only: no name, no reference, no lists; the protest statistics are in the menu", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_USERS.analyst.email);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Headline figures" })).toBeVisible();
  // however many cases other browser tests opened this month, a count from 1 to 4 is never shown
  const newCases = (await page.locator('[data-figure="newCases"] dd').first().innerText()).trim();
  expect(newCases === "fewer than 5" || newCases === "0" || Number(newCases) >= 5).toBe(true);
  await expect(page.getByRole("heading", { name: "What needs doing today" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Workload" })).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain(SUBJECT);
  if (reference) expect(html).not.toContain(reference);
  await page.screenshot({ path: "test-results/dashboard-analyst.png", fullPage: true });
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Protest statistics" }).click();
  await page.waitForURL(/\/protests\/stats/);
  await expect(page.getByTestId("protest-stats")).toBeVisible();
});

test("the dashboard in Kazakh", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_USERS.coordinator.email);
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "kk", url: baseURL ?? "http://127.0.0.1:3100" }]);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Шолу тақтасы", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Бүгін не істеу керек" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Басты көрсеткіштер" })).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-kk.png", fullPage: true });
});
