// Which Chromium the end-to-end tests and the bench's paint measure drive. One answer for
// `npm test`'s first step (scripts/check-browser.ts), playwright.config.ts and bench/browser.ts, so
// a fresh clone finds a browser by itself, or is told in one line what to install before anything
// else has run.
import fs from "node:fs";
import { chromium } from "@playwright/test";

/**
 * A browser Playwright did not install for itself (Debian's chromium, a desktop Chrome) runs
 * without its sandbox in containers and must not fetch updates, components or sync on its own
 * (STACK.md, "Playwright").
 */
export const SYSTEM_BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
];

/** Where Linux distributions, snap and macOS put Chromium and Chrome, in order of preference. */
export const SYSTEM_BROWSER_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export const NO_BROWSER =
  "No browser for the end-to-end tests: run `npx playwright install chromium`, or install Chromium (Debian: `apt-get install chromium`).";

export type FoundBrowser = {
  ok: true;
  /** Why this one: named by PLAYWRIGHT_CHROMIUM_PATH, Playwright's own, or found on the system. */
  source: "PLAYWRIGHT_CHROMIUM_PATH" | "playwright" | "system";
  executablePath: string;
  args: string[];
};
export type BrowserSearch = FoundBrowser | { ok: false; message: string };

/** What the search looks at, given by tests. */
export type Machine = { override?: string; exists: (path: string) => boolean; playwrightPath: () => string | undefined };

const thisMachine = (): Machine => ({
  override: process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined,
  exists: (path) => fs.existsSync(path),
  playwrightPath: () => {
    // Playwright names where its Chromium would be; whether it was ever installed is the file's existence.
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  },
});

/** PLAYWRIGHT_CHROMIUM_PATH if set, else Playwright's own Chromium if installed, else a system Chromium or Chrome. */
export function findBrowser(machine: Machine = thisMachine()): BrowserSearch {
  if (machine.override) {
    return machine.exists(machine.override)
      ? { ok: true, source: "PLAYWRIGHT_CHROMIUM_PATH", executablePath: machine.override, args: SYSTEM_BROWSER_ARGS }
      : { ok: false, message: `PLAYWRIGHT_CHROMIUM_PATH names ${machine.override}, which does not exist: point it at a Chromium or Chrome, or unset it.` };
  }
  const own = machine.playwrightPath();
  if (own && machine.exists(own)) return { ok: true, source: "playwright", executablePath: own, args: [] };
  const system = SYSTEM_BROWSER_PATHS.find((path) => machine.exists(path));
  if (system) return { ok: true, source: "system", executablePath: system, args: SYSTEM_BROWSER_ARGS };
  return { ok: false, message: NO_BROWSER };
}

/** The browser, or an error whose message is the one line that says what to install. */
export function requireBrowser(): FoundBrowser {
  const found = findBrowser();
  if (!found.ok) throw new Error(found.message);
  return found;
}
