// Browser tests in Chromium (Debian's package; Playwright's own download is not used). The config
// starts the app itself: tests/e2e/server.ts prepares a fresh database and runs Next on E2E_PORT.
import { defineConfig } from "@playwright/test";
// The seed (tests/e2e/seed.ts) imports the app's server-only modules in Playwright's runner and workers;
// both load this config before any spec, so registering the resolve hook here lets "server-only" load
// as an empty module there, as it does for the app's scripts.
import "./scripts/lib/server-only-hook.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  // the single sign-on spec needs the app started with a test identity provider (E2E_OIDC=1), so it runs
  // on its own: `E2E_OIDC=1 playwright test` (npm run test:e2e runs both)
  testMatch: process.env.E2E_OIDC === "1" ? "**/single-sign-on.spec.ts" : "**/*.spec.ts",
  testIgnore: process.env.E2E_OIDC === "1" ? [] : ["**/single-sign-on.spec.ts"],
  // generous: `next dev` compiles each page on its first visit
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // the hook lets the seed and the app's server-only modules load in plain Node (scripts/lib/node-flags.ts)
    command: "node --import ./scripts/lib/server-only-hook.mjs --import tsx tests/e2e/server.ts",
    url: `http://127.0.0.1:${port}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM lets tests/e2e/server.ts drop its database and stop PostgreSQL before it exits
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port), E2E_OIDC: process.env.E2E_OIDC ?? "" },
  },
});
