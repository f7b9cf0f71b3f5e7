// `npm test`'s first step: without a browser the end-to-end tests would fail minutes later, deep in
// Playwright's launch, after the type-check, lint and unit tests. Say what to install now, in one line.
import { findBrowser } from "./browser";

const found = findBrowser();
if (found.ok) {
  console.log(`Browser for the end-to-end tests: ${found.executablePath} (${found.source === "system" ? "found on this machine" : found.source === "playwright" ? "Playwright's own" : "PLAYWRIGHT_CHROMIUM_PATH"}).`);
} else {
  console.error(found.message);
  process.exit(1);
}
