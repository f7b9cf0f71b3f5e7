import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAs } from "./support";

// Outcome measures end to end (issue 12): a therapist makes a one-time link for a partner; the
// partner, in a browser of their own and without signing in, fills in PHQ-9, GAD-7 and CSI-16;
// the link cannot be used again; the couple's page shows the scores, as published, in its table.

const COUPLE = "Sam & Jordan Rivera";

/** Chooses, for every item of an instrument, the answer at this position (as the form prints them). */
async function answerAll(form: Locator, instrument: string, position: (item: number) => number, count: number) {
  const items = form.getByTestId(`items-${instrument}`);
  for (let n = 1; n <= count; n++) {
    await items.getByRole("group", { name: new RegExp(`^${n}\\. `) }).getByRole("radio").nth(position(n)).check();
  }
}

async function openCouple(page: Page, measure?: string) {
  await page.goto("/couples?q=Rivera");
  await page.getByRole("link", { name: COUPLE }).click();
  await expect(page.getByRole("heading", { name: COUPLE })).toBeVisible();
  if (measure) {
    await page.getByRole("navigation", { name: "Measure shown in the chart" }).getByRole("link", { name: new RegExp(`^${measure}`) }).click();
    await expect(page.getByTestId("measure-table")).toContainText(`${measure} scores`);
  }
}

test("a partner completes PHQ-9, GAD-7 and CSI-16 from a one-time link without signing in; the link works once; the couple page shows the scores", async ({ page, browser }) => {
  await signInAs(page, "ortiz");
  await openCouple(page);
  await page.locator("summary", { hasText: "Make a link for a partner" }).click();
  const make = page.getByRole("form", { name: "Make a link" });
  await make.getByLabel("Partner").selectOption({ label: "Jordan" });
  for (const name of ["PHQ-9", "GAD-7", "CSI-16"]) await make.getByLabel(name).check();
  await make.getByRole("button", { name: "Make a link" }).click();
  await expect(make.getByTestId("measure-link")).toContainText("Copy it now: it is not shown again.");
  const link = await make.getByLabel("The link").inputValue();
  expect(link).toMatch(/\/m\/[\w-]{43}$/);

  // The partner: a fresh browser, no account, no cookies.
  const partnerContext = await browser.newContext();
  const partner = await partnerContext.newPage();
  const errors: string[] = [];
  partner.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await partner.goto(link);
  await expect(partner.getByRole("heading", { name: "Harbor Light Couples Clinic" })).toBeVisible();
  // Nothing of the record: no names.
  await expect(partner.locator("body")).not.toContainText("Jordan");
  await expect(partner.locator("body")).not.toContainText("Rivera");
  const { violations } = await new AxeBuilder({ page: partner }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
  // A second tab of the same link, opened before the answers are sent.
  const secondTab = await partnerContext.newPage();
  await secondTab.goto(link);

  const form = partner.getByRole("form", { name: "Your questionnaires" });
  // PHQ-9: several days on items 1–8, not at all on item 9 → 8 (mild). Item 9 left out first.
  await answerAll(form, "PHQ9", (n) => (n === 9 ? 0 : 1), 8);
  // GAD-7: more than half the days on every item → 14 (moderate).
  await answerAll(form, "GAD7", () => 2, 7);
  // CSI-16: the fourth answer everywhere → 43: item 1 Happy (3), item 2 Occasionally (2), items
  // 3–10 3 each, and on the semantic differentials 2 where the satisfied word is on the left
  // (INTERESTING, FULL, STURDY, ENJOYABLE), 3 where it is on the right (GOOD, HOPEFUL).
  await answerAll(form, "CSI16", () => 3, 16);
  await form.getByRole("button", { name: "Send my answers" }).click();
  await expect(form.getByTestId("error-PHQ9.q9")).toHaveText("Item 9: choose one of the answers.");
  // Nothing chosen is lost on the refusal.
  await expect(form.getByTestId("items-GAD7").getByRole("group", { name: /^7\. / }).getByLabel("More than half the days")).toBeChecked();
  await answerAll(form, "PHQ9", (n) => (n === 9 ? 0 : 1), 9);
  await form.getByRole("button", { name: "Send my answers" }).click();
  await expect(partner.getByTestId("link-thanks")).toContainText("Your answers have been sent to Harbor Light Couples Clinic.");

  // Used: the second tab's answers are refused in words, and a reload says the link is used.
  const other = secondTab.getByRole("form", { name: "Your questionnaires" });
  await answerAll(other, "PHQ9", () => 3, 9);
  await answerAll(other, "GAD7", () => 3, 7);
  await answerAll(other, "CSI16", () => 0, 16);
  await other.getByRole("button", { name: "Send my answers" }).click();
  await expect(other.getByTestId("form-error").first()).toHaveText("This link has already been used. Nothing was saved.");
  await partner.reload();
  await expect(partner.getByTestId("link-used")).toContainText("This link has already been used");
  expect(errors).toEqual([]);
  await partnerContext.close();

  // The couple's page: each measure's table has Jordan's scores from the link.
  for (const [measure, score, band] of [
    ["PHQ-9", "8 of 27", "Mild"],
    ["GAD-7", "14 of 21", "Moderate"],
    ["CSI-16", "43 of 81", "Notable relationship dissatisfaction"],
  ]) {
    await openCouple(page, measure);
    const row = page.getByTestId("measure-row").filter({ hasText: "By the partner, from a link" }).filter({ hasText: "Jordan" }).last();
    await expect(row).toContainText(score);
    await expect(row).toContainText(band);
    await expect(page.getByTestId("measure-chart")).toBeVisible();
  }
});

test("a therapist enters a GAD-7 in the session: a missing item is marked, nothing chosen is lost, then it is recorded", async ({ page }) => {
  await signInAs(page, "ortiz");
  await openCouple(page);
  await page.locator("summary", { hasText: "Enter a measure" }).click();
  const entry = page.getByRole("form", { name: "Enter a measure" });
  await entry.getByLabel("Partner").selectOption({ label: "Sam" });
  await entry.getByLabel("Measure").selectOption({ label: "GAD-7" });
  await answerAll(entry, "GAD7", () => 1, 6);
  await entry.getByRole("button", { name: "Record GAD-7" }).click();
  await expect(entry.getByTestId("error-GAD7.q7")).toHaveText("Item 7: choose one of the answers.");
  await expect(entry.getByTestId("items-GAD7").getByRole("group", { name: /^1\. / }).getByLabel("Several days")).toBeChecked();
  await answerAll(entry, "GAD7", () => 1, 7);
  await entry.getByRole("button", { name: "Record GAD-7" }).click();
  await expect(entry.getByTestId("form-success")).toHaveText("GAD-7 recorded: 7 of 21 (Mild).");
  await openCouple(page, "GAD-7");
  await expect(page.getByTestId("measure-row").filter({ hasText: "By a clinician" }).filter({ hasText: "7 of 21" }).filter({ hasText: "Sam" })).not.toHaveCount(0);
});

test("the front desk sees no measures on a couple's page", async ({ page }) => {
  await signInAs(page, "diaz");
  await openCouple(page);
  await expect(page.getByTestId("measures")).toHaveCount(0);
  await expect(page.getByText("Outcome measures")).toHaveCount(0);
});
