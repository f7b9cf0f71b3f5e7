import { describe, expect, it } from "vitest";
import { findBrowser, NO_BROWSER, SYSTEM_BROWSER_ARGS, type Machine } from "@/scripts/browser";

// `npm test` on a fresh clone finds a browser by itself, or says in one line what to install.
const PLAYWRIGHTS = "/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";
const machine = (files: string[], over: Partial<Machine> = {}): Machine => ({ exists: (path) => files.includes(path), playwrightPath: () => PLAYWRIGHTS, ...over });

describe("findBrowser", () => {
  it("Playwright's own Chromium first, when it is installed, without the system browser's flags", () => {
    expect(findBrowser(machine([PLAYWRIGHTS, "/usr/bin/chromium"]))).toEqual({ ok: true, source: "playwright", executablePath: PLAYWRIGHTS, args: [] });
  });

  it.each([
    ["/usr/bin/chromium"],
    ["/usr/bin/chromium-browser"],
    ["/usr/bin/google-chrome"],
    ["/usr/bin/google-chrome-stable"],
    ["/snap/bin/chromium"],
    ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
    ["/Applications/Chromium.app/Contents/MacOS/Chromium"],
  ])("else a system browser at %s, with the no-download flags", (path) => {
    expect(findBrowser(machine([path]))).toEqual({ ok: true, source: "system", executablePath: path, args: SYSTEM_BROWSER_ARGS });
  });

  it("Debian's chromium before Chrome when both are there", () => {
    expect(findBrowser(machine(["/usr/bin/google-chrome", "/usr/bin/chromium"]))).toMatchObject({ executablePath: "/usr/bin/chromium" });
  });

  it("when Playwright cannot say where its browser would be, the system's still serves", () => {
    const unknown = machine(["/usr/bin/chromium"], { playwrightPath: () => undefined });
    expect(findBrowser(unknown)).toMatchObject({ ok: true, source: "system", executablePath: "/usr/bin/chromium" });
  });

  it("PLAYWRIGHT_CHROMIUM_PATH overrides both, and a wrong one is said as such", () => {
    expect(findBrowser(machine([PLAYWRIGHTS, "/opt/chrome"], { override: "/opt/chrome" }))).toEqual({
      ok: true, source: "PLAYWRIGHT_CHROMIUM_PATH", executablePath: "/opt/chrome", args: SYSTEM_BROWSER_ARGS,
    });
    expect(findBrowser(machine([PLAYWRIGHTS], { override: "/opt/chrome" }))).toEqual({
      ok: false, message: "PLAYWRIGHT_CHROMIUM_PATH names /opt/chrome, which does not exist: point it at a Chromium or Chrome, or unset it.",
    });
  });

  it("with none, one line that says what to install", () => {
    expect(findBrowser(machine([]))).toEqual({ ok: false, message: NO_BROWSER });
    expect(NO_BROWSER).not.toContain("\n");
    expect(NO_BROWSER).toContain("npx playwright install chromium");
    expect(NO_BROWSER).toContain("apt-get install chromium");
  });
});
