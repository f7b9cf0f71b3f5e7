import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { clinicDay, dayLabel, signInAs } from "./support";

// Issue 14: moving a session on the board, by dragging its block (and with the keyboard), with the
// protocol's verdict shown before anything is saved; a drop on a place someone holds explains the
// clash and saves nothing. Dates are the clinic's (America/Los_Angeles); the e2e run's demo clinic
// is open every day, and these days are far enough ahead that no other spec books on them.

/** Couples therapy booked from the couple's page, as the front desk does. */
async function bookCouplesTherapy(page: Page, couple: string, day: string, time: string, room: string) {
  await page.goto(`/couples?q=${encodeURIComponent(couple.split(" ").at(-1)!)}`);
  await page.getByRole("link", { name: couple }).click();
  const form = page.getByRole("form", { name: "Book a session" });
  await form.getByLabel("Kind of session").selectOption({ label: "Couples therapy" });
  await form.getByLabel("Date").fill(day);
  await form.getByLabel("Start time").fill(time);
  await form.getByLabel("Room").selectOption({ label: room });
  await form.getByRole("button", { name: "Book session" }).click();
  await expect(form.getByTestId("form-success")).toContainText("Session booked.");
}

/** A room's column on the day board: the columns come in the order of the headers. */
async function column(page: Page, room: string): Promise<Locator> {
  const headers = await page.getByTestId("room-column").allTextContents();
  const index = headers.findIndex((h) => h === room || h.startsWith(`${room}dosing`));
  expect(index, `a column for ${room} in ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return page.getByTestId("board-column").nth(index);
}

const blockOf = (page: Page, couple: string) => page.getByTestId("calendar-session").filter({ hasText: couple });

/**
 * Drags a block to a room's column at a clinic time, with the mouse: grabbed near its top, let go
 * where its top lands on `time`. The board is 12 minutes to a rem, from the column's data-from.
 */
async function dragTo(page: Page, block: Locator, target: Locator, time: string) {
  const from = Number(await target.getAttribute("data-from"));
  const [h, m] = time.split(":").map(Number);
  const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const source = (await block.boundingBox())!;
  const area = (await target.boundingBox())!;
  const grab = 6;
  await page.mouse.move(source.x + source.width / 2, source.y + grab);
  await page.mouse.down();
  const y = area.y + ((h * 60 + m - from) / 12) * rem + grab;
  await page.mouse.move(area.x + area.width / 2, y, { steps: 12 });
  await page.mouse.up();
}

// The whole day (08:00–20:00, 5 rem an hour) on screen: a drag goes where the pointer can see.
test.use({ viewport: { width: 1400, height: 1600 } });

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}

test("the front desk drags couples therapy to another room and time, moves it again by keyboard, and a drop on a held place explains the clash and saves nothing", async ({ page }) => {
  const day = clinicDay(61);
  const label = dayLabel(day);
  await signInAs(page, "diaz");
  await bookCouplesTherapy(page, "Taylor & Alexis Kim", day, "10:00", "Willow");
  await bookCouplesTherapy(page, "Logan & Reese Meyer", day, "11:00", "Birch");

  // Drag: from Willow at 10:00 to Maple at 14:00. The verdict comes before anything is saved.
  await page.goto(`/calendar?date=${day}`);
  const kim = blockOf(page, "Taylor & Alexis Kim");
  await expect(kim).toContainText("10:00–11:00");
  await dragTo(page, kim, await column(page, "Maple"), "14:00");
  const dialog = page.getByRole("dialog", { name: "Move a session" });
  await expect(dialog.getByTestId("move-verdict")).toContainText(`Move Couples therapy (Taylor & Alexis Kim) to Maple, ${label} 14:00–15:00?`);
  await expect(dialog.getByTestId("move-verdict")).toContainText("The protocol allows this move.");
  await dialog.getByRole("button", { name: "Yes, move it" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("board-move-status")).toHaveText("Session moved.");
  await expect((await column(page, "Maple")).getByTestId("calendar-session").filter({ hasText: "Taylor & Alexis Kim" })).toContainText("14:00–15:00");
  await expect((await column(page, "Willow")).getByTestId("calendar-session").filter({ hasText: "Taylor & Alexis Kim" })).toHaveCount(0);

  // The keyboard: open the block, "Move…", a new time and room, Enter to check, Enter to confirm.
  await blockOf(page, "Taylor & Alexis Kim").focus();
  await page.keyboard.press("Enter");
  const moveButton = page.getByRole("button", { name: /^Move Couples therapy on / });
  await moveButton.focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: /^Move Couples therapy on / });
  await form.getByLabel("Room").focus();
  await form.getByLabel("Room").selectOption({ label: "Aspen" });
  await form.getByLabel("New start time").fill("16:00");
  await form.getByLabel("New start time").press("Enter");
  await expect(form.getByTestId("move-verdict")).toContainText(`Move Couples therapy (Taylor & Alexis Kim) to Aspen, ${label} 16:00–17:00?`);
  await form.getByRole("button", { name: "Yes, move it" }).press("Enter");
  // Saved, and the board re-rendered from the server.
  await expect((await column(page, "Aspen")).getByTestId("calendar-session").filter({ hasText: "Taylor & Alexis Kim" })).toContainText("16:00–17:00");
  await page.goto(`/calendar?date=${day}`);
  await expect((await column(page, "Aspen")).getByTestId("calendar-session").filter({ hasText: "Taylor & Alexis Kim" })).toContainText("16:00–17:00");

  // A drop on Birch at 11:00, which the Meyers hold: the clash in words, nothing to confirm.
  await dragTo(page, blockOf(page, "Taylor & Alexis Kim"), await column(page, "Birch"), "11:00");
  await expect(dialog.getByTestId("move-verdict")).toContainText(`Move Couples therapy (Taylor & Alexis Kim) to Birch, ${label} 11:00–12:00?`);
  await expect(dialog.getByTestId("schedule-error")).toHaveText(`P8: Room Birch is booked 11:00–12:00 on ${label}.`);
  await expect(dialog).toContainText("Nothing was moved.");
  await expect(dialog.getByRole("button", { name: "Yes, move it" })).toHaveCount(0);
  await expectNoViolations(page);
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.reload();
  await expect((await column(page, "Aspen")).getByTestId("calendar-session").filter({ hasText: "Taylor & Alexis Kim" })).toContainText("16:00–17:00");
  await expect((await column(page, "Birch")).getByTestId("calendar-session")).toHaveCount(1);
});
