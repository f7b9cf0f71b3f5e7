import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs, type DemoKey } from "./support";

// axe-core's WCAG 2.1 A and AA checks on the pages clinicians live in, as the demo seeds them:
// the couple page with its measures chart and table (issue 12), for couples at three stages.

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  // The rule, the elements and axe's own words: what a failure needs to be fixed.
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}

async function openCouple(page: Page, name: string) {
  await page.goto("/couples");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

const COUPLES: { name: string; therapist: DemoKey }[] = [
  { name: "Sam & Jordan Rivera", therapist: "ortiz" },
  { name: "Drew & Skyler Patel", therapist: "ortiz" },
  { name: "Emerson & Parker Brooks", therapist: "nair" },
];

for (const { name, therapist } of COUPLES) {
  test(`${name}'s page, with each measure's chart and table, has no axe violations`, async ({ page }) => {
    await signInAs(page, therapist);
    await openCouple(page, name);
    const url = new URL(page.url());
    for (const [measure, shown] of [["PHQ9", "PHQ-9"], ["GAD7", "GAD-7"], ["CSI16", "CSI-16"]]) {
      url.searchParams.set("measure", measure);
      await page.goto(url.toString());
      // The chart of the chosen measure, with the demo's history in it, is what axe then reads.
      await expect(page.getByTestId("measure-chart")).toHaveAccessibleName(new RegExp(`^${shown} `));
      expect(await page.getByRole("table", { name: new RegExp(`^${shown} scores`) }).getByRole("row").count()).toBeGreaterThan(2);
      await expectNoViolations(page);
    }
  });
}

test("the Today page of a therapist with notes to write has no axe violations", async ({ page }) => {
  await signInAs(page, "ortiz");
  await page.goto("/");
  await expectNoViolations(page);
});

test("the Help page, opened from the header, says what the person's roles do and has no axe violations", async ({ page }) => {
  await signInAs(page, "diaz");
  await page.goto("/");
  await page.getByRole("link", { name: "Help" }).click();
  await expect(page.getByRole("heading", { name: "Help", level: 1 })).toBeVisible();
  await expect(page.getByText("Signed in as Rosa Diaz (Front desk).")).toBeVisible();
  await expectNoViolations(page);
});

test("the scheduling board (a day of every room, a room's week, the booking form with its couple search) has no axe violations", async ({ page }) => {
  await signInAs(page, "diaz");
  await page.goto("/calendar");
  await expect(page.getByTestId("board-column").first()).toBeVisible();
  expect(await page.getByTestId("calendar-session").count()).toBeGreaterThan(0);
  await expectNoViolations(page);
  // The booking form, opened from a free place, with the couple picker's list open.
  await page.getByRole("link", { name: /^Book / }).first().click();
  const couple = page.getByRole("form", { name: "Book a session" }).getByRole("combobox", { name: "Couple" });
  await couple.fill("ri");
  await expect(page.getByRole("listbox", { name: "Couple: matches" }).getByRole("option").first()).toBeVisible();
  await expectNoViolations(page);
  await page.goto("/calendar?view=week");
  await expect(page.getByTestId("board-column")).toHaveCount(7);
  await expectNoViolations(page);
});
