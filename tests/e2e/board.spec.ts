import { expect, test } from "@playwright/test";
import { clinicDay, dayLabel, plusDays, signInAs } from "./support";

// The scheduling board (issue 14): rooms as columns, time running down, each session a block at
// its start sized by its length. Dates are the clinic's (America/Los_Angeles); the e2e run opens
// the demo clinic every day. Avery & Morgan Chen are cleared and prepared (intakes, two
// preparations, both evaluated and cleared), with no medicine session yet: a Taking Turns
// medicine session can be booked for them. A day well past the demo's own sessions.

test("the front desk books a Taking Turns medicine session with its integration from the board, sees its block, and filters by clinician", async ({ page }) => {
  const day = clinicDay(34);
  const label = dayLabel(day);
  await signInAs(page, "diaz");
  await page.goto(`/calendar?date=${day}`);
  await expect(page.getByRole("columnheader", { name: /^Cedar/ })).toContainText("dosing");

  // A free place in a dosing room opens the form there.
  await page.getByRole("link", { name: `Book Cedar at 09:00 on ${label}` }).click();
  const form = page.getByRole("form", { name: "Book a session" });
  await expect(form.getByLabel("Start time")).toHaveValue("09:00");
  await expect(form.getByLabel("Date", { exact: true })).toHaveValue(day);

  // The couple is searched for on the server, not picked from a list of every couple.
  const couple = form.getByRole("combobox", { name: "Couple" });
  await couple.fill("chen");
  await form.getByRole("option", { name: "Avery & Morgan Chen" }).click();
  await expect(couple).toHaveValue("Avery & Morgan Chen");
  await form.getByLabel("Kind of session").selectOption({ label: "Medicine: Taking Turns" });
  await expect(form.getByRole("combobox", { name: /^Room/ }).locator("option:checked")).toHaveText("Cedar (dosing)");
  await expect(form.getByTestId("session-ends")).toHaveText("Ends at 12:00 (180 min)");
  await expect(form.getByTestId("session-clinician")).toHaveText("With Jonah Reed");
  await form.getByLabel("Journeyer (the other partner sits)").selectOption({ label: "Avery Chen" });
  // Its integration, in the same step: the first open day of the window is proposed.
  await expect(form.getByLabel("Integration date")).toHaveValue(plusDays(day, 1));
  await form.getByLabel("Integration start time").fill("10:00");
  await form.getByLabel("Integration room").selectOption({ label: "Willow" });
  await form.getByRole("button", { name: "Book medicine session and integration" }).click();
  await expect(form.getByTestId("form-success")).toContainText("Booked the medicine session and its integration.");

  // The block: in Cedar's column, three hours tall (a half hour is 2.5 rem, 40 px).
  await page.goto(`/calendar?date=${day}`);
  const block = page.getByTestId("calendar-session").filter({ hasText: "Avery & Morgan Chen" });
  await expect(block).toContainText("09:00–12:00");
  await expect(block).toContainText("Medicine: Taking Turns");
  await expect(block).toContainText("Jonah Reed · Scheduled");
  await expect(block).toHaveAttribute("data-minutes", "180");
  const cedar = page.getByTestId("board-column").nth(2);
  expect(await cedar.getAttribute("data-room-id")).toBe(await block.getAttribute("data-room-id"));
  const box = await block.boundingBox();
  expect(box!.height).toBeGreaterThan(235);
  expect(box!.height).toBeLessThan(245);
  // No free place is offered under it.
  await expect(page.getByRole("link", { name: `Book Cedar at 10:00 on ${label}` })).toHaveCount(0);
  await expect(page.getByRole("link", { name: `Book Cedar at 12:00 on ${label}` })).toHaveCount(1);

  // Filtered by its clinician the block stays; by another clinician it goes.
  await page.getByLabel("Clinician").selectOption({ label: "Jonah Reed" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/clinician=/);
  await expect(block).toBeVisible();
  for (const text of await page.getByTestId("calendar-session").allTextContents()) expect(text).toContain("Jonah Reed");
  const reedsBoard = page.url();
  await page.getByLabel("Clinician").selectOption({ label: "Priya Nair" });
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL((url) => url.href !== reedsBoard && url.searchParams.has("clinician"));
  await expect(page.getByTestId("board-column").first()).toBeVisible();
  await expect(block).toHaveCount(0);

  // The integration is on the next day's board, in Willow.
  await page.goto(`/calendar?date=${plusDays(day, 1)}`);
  await expect(page.getByTestId("calendar-session").filter({ hasText: "Avery & Morgan Chen" })).toContainText("10:00–11:30");
  await expect(page.getByTestId("calendar-session").filter({ hasText: "Avery & Morgan Chen" })).toContainText("Integration");

  // The week of a clinician: a column per day, each block naming its room.
  await page.goto(`/calendar?date=${day}&view=week`);
  await page.getByLabel("Week of").selectOption({ label: "Jonah Reed" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(/^Jonah Reed, week of/)).toBeVisible();
  await expect(page.getByTestId("board-column")).toHaveCount(7);
  await expect(page.getByTestId("calendar-session").filter({ hasText: "Medicine: Taking Turns" }).filter({ hasText: "Avery & Morgan Chen" })).toContainText("Cedar");

  // The week of a room, narrowed to one couple (searched for, as in the booking form).
  await page.getByLabel("Week of").selectOption({ label: "Cedar (dosing)" });
  const picker = page.getByRole("combobox", { name: "Couple (filter)" });
  await picker.fill("Avery");
  await page.getByRole("option", { name: "Avery & Morgan Chen" }).click();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/couple=/);
  await expect(page.getByText(/^Cedar, week of/)).toBeVisible();
  await expect(page.getByTestId("calendar-session")).toHaveCount(1);
  await expect(page.getByTestId("calendar-session")).toContainText("Avery & Morgan Chen");
});
