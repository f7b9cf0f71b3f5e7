import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { clinicDay, dayLabel, plusDays, signInAs } from "./support";

// Issue 14: the front desk declares a clinic holiday on the Closures page, sees it on the room
// calendar, and a booking that day is refused with P10's words naming the holiday. Dates are the
// clinic's (America/Los_Angeles); the e2e run opens the demo clinic every day.

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}

test("the front desk declares a holiday, sees it on the calendar, and a booking that day is refused with P10 naming it", async ({ page }) => {
  const day = clinicDay(47);
  const label = dayLabel(day);
  await signInAs(page, "diaz");
  // Before: the day's free half hours are offered for booking on the calendar.
  const freeSlots = page.getByRole("link", { name: new RegExp(`^Book .+ on ${label}$`) });
  await page.goto(`/calendar?date=${day}`);
  await expect(freeSlots.first()).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Closures" }).click();
  const form = page.getByRole("form", { name: "Declare a closure" });
  await expectNoViolations(page);

  // A last day before the first: a field error, and nothing declared.
  await form.getByLabel("First day").fill(day);
  await form.getByLabel("Last day").fill(plusDays(day, -1));
  await form.getByLabel("Reason").fill("Staff retreat");
  await form.getByRole("button", { name: "Declare closure" }).click();
  await expect(form.getByTestId("error-toDate")).toHaveText("The closure must end after it starts: its last day is before its first.");
  await expect(page.getByTestId("closure").filter({ hasText: "Staff retreat" })).toHaveCount(0);

  await form.getByLabel("Last day").fill(day);
  await form.getByRole("button", { name: "Declare closure" }).click();
  await expect(form.getByTestId("closure-declared")).toHaveText(`Declared: the clinic is closed on ${label} (Staff retreat).`);
  await expect(page.getByTestId("closure").filter({ hasText: "Staff retreat" })).toContainText(`Whole clinic closed on ${label}`);

  // The room calendar shades the day as closed and offers none of its half hours.
  await page.goto(`/calendar?date=${day}`);
  await expect(page.getByRole("main").getByText("Closed: Staff retreat").first()).toBeVisible();
  await expect(freeSlots).toHaveCount(0);

  // Booking couples therapy that day, from the couple's page: refused in P10's words, nothing booked.
  await page.goto("/couples?q=Chen");
  await page.getByRole("link", { name: "Avery & Morgan Chen" }).click();
  const book = page.getByRole("form", { name: "Book a session" });
  await book.getByLabel("Kind of session").selectOption({ label: "Couples therapy" });
  await book.getByLabel("Date").fill(day);
  await book.getByLabel("Start time").fill("10:00");
  await book.getByLabel("Room").selectOption({ label: "Willow" });
  await book.getByRole("button", { name: "Book session" }).click();
  await expect(book.getByTestId("schedule-error")).toHaveText(`P10: The couples therapy session on ${label} 10:00–11:00 falls in a closure: the clinic is closed on ${label} (Staff retreat).`);
  await page.goto(`/calendar?date=${day}`);
  await expect(page.getByTestId("calendar-session").filter({ hasText: "Avery & Morgan Chen" })).toHaveCount(0);

  // Removing it asks first; then the day can be booked again.
  await page.goto("/closures");
  const closure = page.getByTestId("closure").filter({ hasText: "Staff retreat" });
  await closure.getByRole("button", { name: "Remove…" }).click();
  await expect(closure).toContainText("Its hours can be booked again; no session is changed.");
  await closure.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page.getByTestId("closure").filter({ hasText: "Staff retreat" })).toHaveCount(0);
  await page.goto(`/calendar?date=${day}`);
  await expect(freeSlots.first()).toBeVisible();
});

test("an admin sets opening hours per weekday; a day that closes before it opens is refused on its own field and nothing is saved", async ({ page }) => {
  await signInAs(page, "morgan");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const opens = page.getByLabel("Wednesday opens");
  const closes = page.getByLabel("Wednesday closes");
  await expect(opens).toHaveValue("08:00");
  await opens.fill("18:00");
  await closes.fill("09:00");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("error-hoursByWeekday.2.closesAtMinute")).toHaveText("Wednesday: closing time must be after opening time");
  await expect(closes).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page);
  await page.reload();
  await expect(page.getByLabel("Wednesday opens")).toHaveValue("08:00");
  await expect(page.getByLabel("Wednesday closes")).toHaveValue("20:00");
});
