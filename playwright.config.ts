import { defineConfig, devices } from "@playwright/test";
import { requireBrowser } from "./scripts/browser";

// End-to-end tests drive a real Chromium through the production build, served on its own
// embedded database (created fresh and seeded for each run). The browser is Playwright's own
// when installed, else a system Chromium or Chrome, or PLAYWRIGHT_CHROMIUM_PATH (scripts/browser.ts).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const browser = requireBrowser();

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: browser.executablePath, args: browser.args },
      },
    },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/sign-in`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      PGLITE_DIR: ".data/e2e",
      // The server's own backups (the daily one it takes on starting, "Back up now"), apart from .data/backups.
      KAP_BACKUP_DIR: ".data/e2e-backups",
      KAP_FRESH_DB: "1",
      // The demo clinic open every day: its dosing day (Harper & Rowan Nguyen) is then the day the
      // run seeds, whatever the weekday, so the dosing spec can take vitals on the session's day (P11).
      KAP_DEMO_OPEN_EVERY_DAY: "1",
      DATABASE_URL: "",
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-only-for-tests-0123456789abcdef",
    },
  },
});
