import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { dayLabel, plusDays, signInAs } from "./support";

// Recurring couples therapy and "find a time" (issue 14), as the front desk uses them on a
// couple's page. Dates are the clinic's (America/Los_Angeles); the series is placed so that its
// twelve weeks span the zone's next daylight-saving change, whenever the run happens.

const ZONE = "America/Los_Angeles";

function clinicToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());
}

/** The zone's UTC offset at noon UTC of a date, e.g. "GMT-8". */
function offsetOn(day: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "shortOffset" }).formatToParts(new Date(`${day}T12:00:00Z`));
  return parts.find((p) => p.type === "timeZoneName")!.value;
}

/** The first date, a week or more from today, on which the zone's offset differs from the day before. */
function nextChange(): string {
  let day = plusDays(clinicToday(), 7);
  while (offsetOn(day) === offsetOn(plusDays(day, -1))) day = plusDays(day, 1);
  return day;
}

/** axe-core's WCAG 2.1 A and AA checks on the page as it stands (the Repeat part and the slots open). */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}

async function openCouple(page: Page, name: string) {
  await page.goto(`/couples?q=${encodeURIComponent(name.split(" ").at(-1)!)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("the front desk books a weekly series of 12 across a daylight-saving change, every one at 19:00 clinic time", async ({ page }) => {
  const change = nextChange();
  // Six weeks before the change, on the Tuesday on or after: the change falls inside the twelve weeks.
  let first = plusDays(change, -42);
  while (new Date(`${first}T12:00:00Z`).getUTCDay() !== 2) first = plusDays(first, 1);
  const days = Array.from({ length: 12 }, (_, i) => plusDays(first, 7 * i));
  expect(days[0] < change && change <= days[11]).toBe(true);

  await signInAs(page, "diaz");
  await openCouple(page, "Logan & Reese Meyer");
  const form = page.getByRole("form", { name: "Book a session" });
  await form.getByLabel("Kind of session").selectOption({ label: "Couples therapy" });
  await form.getByLabel("Date", { exact: true }).fill(first);
  await form.getByLabel("Start time").fill("19:00");
  await form.getByLabel(/^Repeat this session/).check();
  await form.getByLabel("Every").selectOption({ label: "Week" });
  await form.getByLabel("Number of sessions").fill("12");

  // Before anything is booked: each date, and whether it clashes.
  await form.getByRole("button", { name: "Check the dates for clashes" }).click();
  await expect(form.getByTestId("series-preview-summary")).toHaveText("12 sessions; no clashes: the series can be booked.");
  const listed = form.getByTestId("series-occurrence");
  await expect(listed).toHaveCount(12);
  for (const [i, day] of days.entries()) await expect(listed.nth(i)).toContainText(`${dayLabel(day)} 19:00–20:00`);
  await expectNoViolations(page);

  await form.getByRole("button", { name: "Book the series" }).click();
  await expect(form.getByTestId("form-success")).toContainText(`Booked all 12 sessions of the series, ${dayLabel(first)} to ${dayLabel(days[11])}.`);

  await page.reload();
  const rows = page.getByTestId("session-row");
  for (const day of days) await expect(rows.filter({ hasText: dayLabel(day) }).filter({ hasText: "19:00–20:00" })).toHaveCount(1);
});

test("a series of 500 sessions, or one that ends before it starts, is refused with a field error and books nothing", async ({ page }) => {
  await signInAs(page, "diaz");
  await openCouple(page, "Taylor & Alexis Kim");
  const before = await page.getByTestId("session-row").count();
  const form = page.getByRole("form", { name: "Book a session" });
  await form.getByLabel("Kind of session").selectOption({ label: "Couples therapy" });
  const start = plusDays(clinicToday(), 30);
  await form.getByLabel("Date", { exact: true }).fill(start);
  await form.getByLabel(/^Repeat this session/).check();
  // The browser's own limit (max 104) would stop the form; the server's check is what is tested.
  await form.getByLabel("Number of sessions").evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
  await form.getByLabel("Number of sessions").fill("500");
  await form.getByRole("button", { name: "Book the series" }).click();
  await expect(form.getByTestId("error-count")).toHaveText("A series has 2 to 104 sessions; for one session, untick Repeat.");

  await form.getByLabel("On", { exact: true }).check();
  await form.getByLabel("Last date").fill(plusDays(start, -7));
  await form.getByRole("button", { name: "Book the series" }).click();
  await expect(form.getByTestId("error-untilDate")).toContainText("The last date must be on or after the first");
  await page.reload();
  await expect(page.getByTestId("session-row")).toHaveCount(before);
});

test("find a time proposes free slots, and the first one then books", async ({ page }) => {
  await signInAs(page, "diaz");
  await openCouple(page, "Cameron & Dakota Silva");
  const from = plusDays(clinicToday(), 40);
  await page.getByRole("button", { name: "Find a time…" }).click();
  const finder = page.getByRole("form", { name: "Find a time" });
  await finder.getByLabel("Kind of session").selectOption({ label: "Couples therapy" });
  await finder.getByLabel("From").fill(from);
  await finder.getByRole("button", { name: "Find a time" }).click();
  const slots = page.getByTestId("find-time-slot");
  await expect(slots.first()).toBeVisible();
  expect(await slots.count()).toBeGreaterThan(1);
  await expectNoViolations(page);
  const label = (await slots.first().locator("span.font-mono").textContent())!;
  const [, day, time] = /^(\w{3} \d{1,2} \w{3}) (\d{2}:\d{2}–\d{2}:\d{2}),/.exec(label)!;
  await slots.first().getByRole("button", { name: /^Book / }).click();
  await expect(slots.first().getByTestId("form-success")).toContainText("Session booked.");

  await page.reload();
  await expect(page.getByTestId("session-row").filter({ hasText: day }).filter({ hasText: time })).toHaveCount(1);
});
