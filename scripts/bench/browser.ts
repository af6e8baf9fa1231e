// The browser group: what one page view costs the server when a real browser shows it. autocannon asks
// for a page once; Chromium also asks for everything the page makes it fetch — above all the prefetches
// of the links it shows, each a request through the proxy and the layouts. Against the production
// build (the prefetches happen only there), signed in as the coordinator, one view after another:
// server CPU per view, the view's time to a quiet network, and the requests and bytes behind it.
//   npm run bench -- --group browser [--org-slug bench] [--views 12] [--port 3400]
import { performance } from "node:perf_hooks";
import { chromium, type Browser, type Page, type Request } from "@playwright/test";
import { benchMemberEmail } from "../lib/bench-accounts";
import { cpuMs, loadSample, rssMiB, signIn, startAppServer, stop } from "./http";
import { MARKDOWN_HEADER, markdownRow, option, summarize, type BenchGroup, type BenchOptions, type BenchRow } from "./types";

interface View {
  name: string;
  path: (index: number) => string;
}

async function run({ slug, argv }: BenchOptions) {
  const views = Math.max(2, Number(option(argv, "--views", "12")));
  const port = Number(option(argv, "--port", "3400"));
  const base = `http://127.0.0.1:${port}`;
  const sample = await loadSample(slug, 200);
  const server = await startAppServer(port);
  const rows: BenchRow[] = [];
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const session = await signIn(base, benchMemberEmail(slug, "COORDINATOR"));
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: "en-GB" });
    await context.addCookies(session.cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
    }));
    const page = await context.newPage();
    const list: View[] = [
      { name: "case list page, viewed in Chromium", path: (i) => `/cases?page=${i + 2}` },
      { name: "open a case page, viewed in Chromium", path: (i) => `/cases/${sample.caseIds[i % sample.caseIds.length]}` },
    ];
    console.log(`Page views in Chromium against ${base}: ${views} of each, one at a time.\n`);
    console.log(MARKDOWN_HEADER);
    for (const view of list) {
      // warm-up: the page's code and the router's own first requests
      for (let i = 0; i < 2; i++) await show(page, base + view.path(views + i));
      const counted = { requests: 0, prefetches: 0, bytes: 0 };
      const onFinished = (request: Request) => {
        if (!request.url().startsWith(base) || request.url().includes("/_next/static/")) return;
        counted.requests += 1;
        if (request.headers()["next-router-prefetch"]) counted.prefetches += 1;
        void request.sizes().then((sizes) => (counted.bytes += sizes.responseBodySize), () => undefined);
      };
      page.on("requestfinished", onFinished);
      const times: number[] = [];
      let peak = rssMiB(server.pid) ?? 0;
      const cpu0 = cpuMs(server.pid);
      for (let i = 0; i < views; i++) {
        times.push(await show(page, base + view.path(i)));
        peak = Math.max(peak, rssMiB(server.pid) ?? 0);
      }
      const cpu1 = cpuMs(server.pid);
      page.off("requestfinished", onFinished);
      const row: BenchRow = {
        scenario: view.name,
        concurrency: 1,
        requests: views,
        ...summarize(times),
        cpuMsPerRequest: cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / views : undefined,
        rssPeakMiB: peak || undefined,
        bytesPerAnswer: Math.round(counted.bytes / views),
        note: `${(counted.requests / views).toFixed(1)} requests to the server per view, ${(counted.prefetches / views).toFixed(1)} of them prefetches`,
      };
      rows.push(row);
      console.log(`${markdownRow(row)} ${row.note}, ${(row.bytesPerAnswer ?? 0) / 1000} kB`);
    }
    return { rows, extra: { views } };
  } finally {
    await browser?.close();
    await stop(server);
  }
}

/** One view: from the address typed to a network quiet for half a second (prefetches included), ms. */
async function show(page: Page, url: string): Promise<number> {
  const started = performance.now();
  const answer = await page.goto(url, { waitUntil: "networkidle" });
  if (!answer || answer.status() !== 200 || new URL(page.url()).pathname.startsWith("/login")) throw new Error(`${url} answered ${answer?.status()} at ${page.url()}`);
  return performance.now() - started;
}

export const browserGroup: BenchGroup = {
  name: "browser",
  description: "page views in Chromium against the production build: server CPU, requests and prefetches per view",
  run,
};
