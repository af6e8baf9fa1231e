// Walks every page reachable from the navigation in Kazakh, Russian and English and fails on any text
// that looks like an untranslated key ("cases.title": the fallback lib/i18n/request.ts renders for a
// missing message), on a page in the wrong language, and on a non-bundled font request.
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE, LOCALES, MESSAGE_AREAS, type Locale } from "../../lib/i18n/config";
import { E2E_PASSWORD, E2E_USERS } from "./seed";

// The admin sees every page of the navigation.
const EMAIL = E2E_USERS.admin.email;
const MAX_PAGES = 60;

// "cases.title", "people.form.save": an area name, a dot, then a key path.
const UNTRANSLATED = new RegExp(`(?<![\\w@/.-])(?:${MESSAGE_AREAS.join("|")})\\.[A-Za-z][\\w]*(?:\\.[A-Za-z][\\w]*)*(?![\\w@/-])`, "g");
// Links that change state or leave the HTML app.
const SKIP = /\/(api|logout|sign-?out)(\/|$)|\.(csv|pdf|json|xlsx|zip)$/i;

async function useLanguage(page: Page, locale: Locale, baseURL: string): Promise<void> {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
}

async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.locator('input[type="email"], input[name="email"]').first().fill(EMAIL);
  await page.locator('input[type="password"]').first().fill(E2E_PASSWORD);
  await page.locator('button[type="submit"]').first().click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function untranslatedKeys(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // Identifiers marked translate="no" (audit action codes such as auth.signin) are not prose.
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const identifier of body.querySelectorAll('[translate="no"]')) identifier.remove();
    document.body.append(body);
    body.hidden = false;
    const visible = body.innerText;
    body.remove();
    const parts = [visible, document.title];
    // Attributes people hear or see too: labels for screen readers, placeholders, tooltips, alt text.
    for (const element of document.querySelectorAll("[aria-label],[placeholder],[title],[alt]")) {
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join("\n");
  });
  return [...new Set(texts.match(UNTRANSLATED) ?? [])];
}

async function sameOriginLinks(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.locator("a[href]").evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin && !SKIP.test(url.pathname))
    .map((url) => `${url.pathname}${url.search}`);
}

// One detail page per kind is enough: /cases/<id> and /cases/<other id> share their strings.
function pattern(path: string): string {
  return path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id").replace(/\?.*$/, "");
}

for (const locale of LOCALES) {
  test.describe(`pages in ${locale}`, () => {
    test("the sign-in page has no untranslated text", async ({ page, baseURL }) => {
      await useLanguage(page, locale, baseURL ?? "");
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      expect(await untranslatedKeys(page)).toEqual([]);
    });

    test("every page reachable when signed in has no untranslated text", async ({ page, baseURL }) => {
      test.setTimeout(300_000);
      const origin = new URL(baseURL ?? "http://localhost").origin;
      const externalFonts: string[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (request.resourceType() === "font" && url.origin !== origin) externalFonts.push(request.url());
      });
      await useLanguage(page, locale, origin);
      await signIn(page);

      const queue = ["/"];
      const seen = new Set<string>();
      const problems: string[] = [];
      let visited = 0;
      while (queue.length > 0 && visited < MAX_PAGES) {
        const path = queue.shift() ?? "/";
        const key = pattern(path);
        if (seen.has(key)) continue;
        seen.add(key);
        const response = await page.goto(path);
        visited++;
        if (!response || response.status() >= 500) problems.push(`${path}: status ${response?.status() ?? "none"}`);
        if (new URL(page.url()).pathname.startsWith("/login")) continue;
        await expect(page.locator("html"), path).toHaveAttribute("lang", locale);
        for (const found of await untranslatedKeys(page)) problems.push(`${path}: ${found}`);
        for (const link of await sameOriginLinks(page, origin)) if (!seen.has(pattern(link))) queue.push(link);
      }
      test.info().annotations.push({ type: "pages", description: [...seen].join(" ") });
      expect(visited, "pages visited").toBeGreaterThan(1);
      expect(problems).toEqual([]);
      expect(externalFonts).toEqual([]);
    });
  });
}
