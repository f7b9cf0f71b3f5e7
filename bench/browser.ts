// The calendar page in headless Chromium: largest contentful paint and cumulative layout shift,
// each page load in a fresh browser context (cold cache), signed in with the bench's cookie.
import { chromium } from "@playwright/test";
import { requireBrowser } from "../scripts/browser";
import { percentile, round } from "./load";

const OBSERVE = `
  window.__kap = { lcp: 0, cls: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__kap.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__kap.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
`;

export type PaintResult = { loads: number; lcpP50Ms: number; lcpMaxMs: number; clsMax: number };

export async function measurePaint(url: string, cookie: string, loads: number): Promise<PaintResult> {
  const { executablePath, args } = requireBrowser();
  const browser = await chromium.launch({ executablePath, args });
  const origin = new URL(url).origin;
  const cookies = cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
  });
  const lcp: number[] = [];
  let cls = 0;
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      await context.addCookies(cookies);
      await context.addInitScript(OBSERVE);
      const page = await context.newPage();
      const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
      if (!response?.ok() || !page.url().includes("/calendar")) throw new Error(`Calendar did not load in the browser: ${response?.status()} ${page.url()}`);
      // LCP is final once the page is idle for a moment with no input.
      await page.waitForTimeout(1000);
      const seen = await page.evaluate(() => (window as unknown as { __kap: { lcp: number; cls: number } }).__kap);
      lcp.push(seen.lcp);
      cls = Math.max(cls, seen.cls);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  lcp.sort((a, b) => a - b);
  return { loads, lcpP50Ms: round(percentile(lcp, 50)), lcpMaxMs: round(lcp[lcp.length - 1]), clsMax: round(cls, 4) };
}
