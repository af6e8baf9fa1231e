// Security headers as a browser receives them: a nonce-based Content-Security-Policy on every page that
// the app's own scripts satisfy (no violation anywhere, forms still work), no referrer, no framing, no
// caching; and next-auth refusing a sign-in posted from another site.
import { expect, test, type Page, type Request } from "@playwright/test";
import { LOCALE_COOKIE } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";
import { signIn } from "./sign-in";

// The main pages an admin reaches from the navigation; a person's and a case's pages are added once created.
const MAIN_PAGES = [
  "/cases",
  "/cases/new",
  "/people",
  "/people/new",
  "/protests",
  "/protests/new",
  "/police-actions",
  "/police-actions/new",
  "/police-actions/upcoming",
  "/dashboard",
  "/reports",
  "/admin",
  "/admin/settings",
  "/admin/tokens",
  "/account",
];

test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL ?? "http://127.0.0.1:3100" }]);
});

/** Collects every CSP violation the browser reports, both as an event in the page and on the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function expectNonceCsp(csp: string | undefined, path: string): string {
  expect(csp, `${path} has a Content-Security-Policy`).toBeTruthy();
  const scriptSrc = /script-src ([^;]*)/.exec(csp ?? "")?.[1] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `${path} allows scripts by nonce`).toBeTruthy();
  expect(scriptSrc, `${path} allows no inline scripts`).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  return nonce ?? "";
}

test("every page is sent with no referrer, no framing, no sniffing and no caching", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-powered-by"]).toBeUndefined();
  // served over plain HTTP here, so no HSTS (browsers would ignore it anyway)
  expect(headers["strict-transport-security"]).toBeUndefined();
});

test("a page reached through an HTTPS proxy is sent with HSTS", async ({ request }) => {
  const response = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
});

test("a fresh nonce on every page load, and the API answers with a policy that lets nothing run", async ({ request }) => {
  const first = expectNonceCsp((await request.get("/login")).headers()["content-security-policy"], "/login");
  const second = expectNonceCsp((await request.get("/login")).headers()["content-security-policy"], "/login");
  expect(first).not.toBe(second);
  const api = await request.get("/api/v1/me");
  expect(api.status()).toBe(401);
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(api.headers()["cache-control"]).toContain("no-store");
});

test("an admin signs in and goes through every main page with a nonce policy and no CSP violation, and a form still saves", async ({ page }) => {
  // the development server compiles each page on its first visit
  test.setTimeout(480_000);
  const violations = await watchViolations(page);

  // the sign-in form posts to next-auth: it works under the policy
  await signIn(page, E2E_USERS.admin.email);
  // the session cookie is out of reach of scripts and not sent along by cross-site requests
  const session = (await page.context().cookies()).find((cookie) => cookie.name === "qamqor_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // a server action that writes: record a person
  await page.goto("/people/new");
  await page.getByRole("textbox", { name: "Name 1", exact: true }).fill("Сәуле Нонсқызы");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Сәуле Нонсқызы" })).toBeVisible();
  const personPage = new URL(page.url()).pathname;

  // and another: open a case, whose page carries the timeline and file forms
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Ерлан Нонсұлы");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const casePage = new URL(page.url()).pathname;

  for (const path of [...MAIN_PAGES, personPage, casePage, `${casePage}/edit`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const nonce = expectNonceCsp(response?.headers()["content-security-policy"], path);
    // Next put this request's nonce on every script of the page as sent (scripts its own code adds later
    // are trusted through 'strict-dynamic'), and the page hydrated: its scripts ran
    const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length, path).toBeGreaterThan(0);
    expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`)), path).toEqual([]);
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: unknown }).next)), { message: path }).toBe(true);
  }
  expect(violations).toEqual([]);
});

test("a sign-in posted from another site is refused and signs nobody in", async ({ page, playwright, baseURL }) => {
  // capture next-auth's sign-in post as the browser sends it, without letting it through
  let captured: Request | undefined;
  await page.route("**/api/auth/callback/credentials", async (route) => {
    captured = route.request();
    await route.abort();
  });
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS.volunteer.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  const action = captured!;
  const body = action.postDataBuffer() ?? "";

  // Another site can make a browser post the form, but SameSite=Lax keeps next-auth's CSRF cookie out of
  // that post, so the token in the body matches nothing.
  const foreign = await playwright.request.newContext({ baseURL });
  const refused = await foreign.post("/api/auth/callback/credentials", {
    headers: { "content-type": action.headers()["content-type"] ?? "application/x-www-form-urlencoded", origin: "https://evil.example" },
    data: body,
    maxRedirects: 0,
  });
  expect(refused.status()).toBeLessThan(500);
  expect((await foreign.storageState()).cookies.map((cookie) => cookie.name).filter((name) => name.includes("session"))).toEqual([]);
  await foreign.dispose();

  // the very same post with this site's own cookies does sign in: the refusal was the CSRF check
  await page.unroute("**/api/auth/callback/credentials");
  const own = await page.request.post("/api/auth/callback/credentials", {
    headers: { "content-type": action.headers()["content-type"] ?? "application/x-www-form-urlencoded" },
    data: body,
    maxRedirects: 0,
  });
  expect(own.status()).toBeLessThan(400);
  expect((await page.context().cookies()).some((cookie) => cookie.name === "qamqor_session")).toBe(true);
});
