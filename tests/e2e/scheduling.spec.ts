import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_ROOMS } from "../../prisma/seed/demo-people";
import { dayLabel, plusDays, signInAs } from "./support";

// Dates are the clinic's (America/Los_Angeles). The demo seed puts Sam & Jordan Rivera's second
// medicine session (Jordan journeys) a few days ahead, with its integration the next clinic day.

function clinicDay(offsetDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  if (d.getUTCDay() === 0) d.setUTCDate(d.getUTCDate() + 1); // the demo clinic closes on Sundays (the e2e run opens it every day): never rely on one
  return d.toISOString().slice(0, 10);
}

async function openCouple(page: Page, name: string) {
  await page.goto(`/couples?q=${encodeURIComponent(name.split(" ").at(-1)!)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("the front desk cannot move an integration three days after its medicine session (P4)", async ({ page }) => {
  await signInAs(page, "diaz");
  await openCouple(page, "Sam & Jordan Rivera");
  await page.getByRole("button", { name: /^Move Medicine: Taking Turns on/ }).click();
  const medicineForm = page.getByRole("form", { name: /^Move Medicine: Taking Turns on/ });
  const medicineDate = await medicineForm.getByLabel("New date").inputValue();
  await page.getByRole("button", { name: /^Move Medicine: Taking Turns on/ }).click();

  await page.getByRole("button", { name: /^Move Integration on/ }).click();
  const form = page.getByRole("form", { name: /^Move Integration on/ });
  await form.getByLabel("New date").fill(plusDays(medicineDate, 3));
  await form.getByRole("button", { name: "Move session" }).click();
  await expect(form.getByTestId("schedule-error")).toContainText("P4: the integration for Jordan's medicine session on");
  // Nothing moved: the integration is still the day after the medicine session.
  await page.reload();
  await page.getByRole("button", { name: /^Move Integration on/ }).click();
  expect(await page.getByRole("form", { name: /^Move Integration on/ }).getByLabel("New date").inputValue()).not.toBe(plusDays(medicineDate, 3));
});

/** Chooses a couple in the booking form's search picker (a server-side search, not a list of all). */
async function chooseCouple(form: Locator, name: string) {
  await form.getByRole("combobox", { name: "Couple" }).fill(name.split(" ").at(-1)!);
  await form.getByRole("option", { name }).click();
}

test("the front desk books couples therapy from a room's week, and a second booking of that room is refused with the clash", async ({ page }) => {
  const day = clinicDay(22);
  await signInAs(page, "diaz");
  await page.goto(`/calendar?date=${day}&view=week`);
  await page.getByLabel("Week of").selectOption({ label: "Maple" });
  await page.getByRole("button", { name: "Show" }).click();
  const label = dayLabel(day);
  await page.getByRole("link", { name: `Book Maple at 14:00 on ${label}` }).click();

  const form = page.getByRole("form", { name: "Book a session" });
  await chooseCouple(form, "Avery & Morgan Chen");
  await expect(form.getByLabel("Start time")).toHaveValue("14:00");
  await expect(form.getByTestId("session-ends")).toHaveText("Ends at 15:00 (60 min)");
  await form.getByRole("button", { name: "Book session" }).click();
  await expect(form.getByTestId("form-success")).toContainText("Session booked.");

  await page.reload();
  const maple = page.locator(`[data-testid="board-column"][data-day="${day}"]`).getByTestId("calendar-session");
  await expect(maple.filter({ hasText: "14:00" })).toContainText("Avery & Morgan Chen");

  // Another couple, another therapist, the same room half an hour later: the room is taken.
  // The 14:00 form is still on the page (the reload kept its address) until the link's
  // navigation lands: typing into it before then would be lost when the 15:00 form replaces it.
  await page.getByRole("link", { name: `Book Maple at 15:00 on ${label}` }).click();
  const again = page.getByRole("form", { name: "Book a session" });
  await expect(again.getByLabel("Start time")).toHaveValue("15:00");
  await chooseCouple(again, "Riley & Casey Okafor");
  await again.getByLabel("Start time").fill("14:30");
  await again.getByRole("button", { name: "Book session" }).click();
  await expect(again.getByTestId("schedule-error")).toHaveText(`P8: Room Maple is booked 14:00–15:00 on ${label}.`);
});

test("the day view lists every room and books a free half hour by keyboard", async ({ page }) => {
  const day = clinicDay(23);
  await signInAs(page, "becker");
  await page.goto(`/calendar?date=${day}`);
  for (const room of DEMO_ROOMS) await expect(page.getByRole("columnheader", { name: new RegExp(`^${room.name}`) })).toBeVisible();
  const slot = page.getByRole("link", { name: /^Book Birch at 11:00 on / });
  await slot.focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "Book a session" });
  await expect(form.getByLabel("Start time")).toHaveValue("11:00");
  await expect(form.getByLabel("Room")).toHaveValue(/.+/);
  // The couple picker by keyboard: type, arrow down to the match, Enter chooses it.
  const couple = form.getByRole("combobox", { name: "Couple" });
  await couple.focus();
  await page.keyboard.type("Meyer");
  await expect(form.getByRole("option", { name: "Logan & Reese Meyer" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(couple).toHaveValue("Logan & Reese Meyer");
  await form.getByRole("button", { name: "Book session" }).click();
  await expect(form.getByTestId("form-success")).toContainText("Session booked.");
  await page.goto(`/calendar?date=${day}`);
  await expect(page.getByTestId("calendar-session").filter({ hasText: "Logan & Reese Meyer" })).toContainText("11:00–12:00");
});

test("the calendar's cells navigate in the page, and a week view does not prefetch every cell", async ({ page }) => {
  const day = clinicDay(1);
  await signInAs(page, "diaz");
  // Willow's week (the demo books its therapy sessions there first), opened by its address.
  await page.goto(`/calendar?date=${day}&view=week`);
  const willow = await page.getByLabel("Week of").locator("option", { hasText: "Willow" }).getAttribute("value");
  // Prefetches of the calendar's own addresses (its cells, its week and day links); the header's
  // links to other pages prefetch as every page's do, and their number grows with the menu.
  let prefetches = 0;
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"] && new URL(request.url()).pathname === "/calendar" && new URL(request.url()).search !== "") prefetches++;
  });
  await page.goto(`/calendar?date=${day}&view=week&of=${encodeURIComponent(willow!)}`);
  await expect(page.getByTestId("calendar-session").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  const links = await page.getByRole("table").getByRole("link").count();
  // One <Link> per cell prefetched each visible one (343 requests for a busy week in the bench).
  // The board's own links (day and week, previous and next, today) are prefetched, some twice:
  // 8 to 13 in runs of 2026-11-30. Far fewer than its cells either way.
  expect(links).toBeGreaterThan(30);
  expect(prefetches).toBeLessThan(20);

  // A click is a client-side navigation: the document (and this marker on it) stays.
  await page.evaluate(() => ((window as unknown as { kapMarker: string }).kapMarker = "same document"));
  const card = page.getByTestId("calendar-session").first();
  const href = await card.getAttribute("href");
  await card.click();
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[?]/g, "\\?")}$`));
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { kapMarker?: string }).kapMarker)).toBe("same document");
});
