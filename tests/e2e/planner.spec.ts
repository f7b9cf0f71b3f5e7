import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test("a therapist plans and books a full Taking Turns cycle and sees it on the timeline with both integration windows", async ({ page }) => {
  await signInAs(page, "whitfield");
  await page.goto("/couples?q=Meyer");
  await page.getByRole("link", { name: "Logan & Reese Meyer" }).click();

  const start = page.getByRole("form", { name: "Start a KAP cycle" });
  await start.getByLabel("Shared goals").fill("Feel safe enough to slow down in conflict.");
  await start.getByRole("button", { name: "Start cycle" }).click();
  await page.getByRole("link", { name: "Plan the cycle" }).click();

  const preferences = page.getByRole("form", { name: "Preferences" });
  await preferences.getByLabel("Sat").uncheck();
  await preferences.getByLabel("Journeys first").selectOption({ label: "Reese" });
  await preferences.getByRole("button", { name: "Propose a plan" }).click();

  const rows = page.getByTestId("plan-row");
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(6)).toContainText("Medicine session 1: Reese journeys");
  await expect(rows.nth(8)).toContainText("Medicine session 2: Logan journeys");
  await page.getByRole("button", { name: "Book the whole plan (10 sessions)" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Booked all 10 sessions of the plan.");
  await expect(page.getByRole("heading", { name: "Logan & Reese Meyer" })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Cycle timeline" });
  const sessions = timeline.getByTestId("timeline-session");
  // The cycle's eight sessions (2 intakes, 2 preparations, 2 medicine, 2 integrations) and the 2 evaluations.
  await expect(sessions).toHaveCount(10);
  await expect(sessions.filter({ hasNotText: "Medical evaluation" })).toHaveCount(8);
  const windows = timeline.getByTestId("integration-window");
  await expect(windows).toHaveCount(2);
  for (const band of await windows.all()) await expect(band).toContainText("inside the window");
});

test("the planner says which constraint took which days when it cannot place a session by the finish date", async ({ page }) => {
  // Avery & Morgan Chen: prepared and cleared, their medicine sessions still to plan.
  await signInAs(page, "reed");
  await page.goto("/couples?q=Chen");
  await page.getByRole("link", { name: "Avery & Morgan Chen" }).click();
  await page.getByRole("link", { name: "Plan the cycle" }).click();

  const preferences = page.getByRole("form", { name: "Preferences" });
  await expect(page).toHaveURL(/\/plan$/);
  // A finish date that is not a date is said so, and nothing is proposed.
  const planAddress = page.url();
  await page.goto(`${planAddress}?start=${await preferences.getByLabel("Start from").inputValue()}&finish=2026-02-30`);
  await expect(page.getByTestId("error-finish")).toHaveText("Enter a real date: February 2026 has 28 days.");
  await expect(page.getByRole("heading", { name: "Proposed plan" })).toHaveCount(0);

  // Finish by the start date: the first medicine session's integration (1–2 days later) could not be by then.
  const start = await preferences.getByLabel("Start from").inputValue();
  await preferences.getByLabel("Finish by (optional)").fill(start);
  await preferences.getByRole("button", { name: "Propose a plan" }).click();
  // The board's spec may have booked the Chens' first medicine session already (one e2e database
  // for the run): the first one still to plan is then the second.
  const blocked = page.getByTestId("plan-blocked");
  const firstUnplaced = /Medicine session (1|2): (Avery|Morgan) journeys: none of the chosen days works by the finish date, \w{3} \d{1,2} \w{3}: its integration would fall after the finish date on \w{3} \d{1,2} \w{3}\./;
  await expect(blocked).toContainText(firstUnplaced);
  const n = Number(firstUnplaced.exec((await blocked.textContent()) ?? "")![1]);
  await expect(blocked).toContainText(`Integration ${n}: an earlier session of the plan could not be placed.`);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

  // Without it, the whole plan is proposed, on the days the couple can come.
  await preferences.getByLabel("Finish by (optional)").fill("");
  await preferences.getByRole("button", { name: "Propose a plan" }).click();
  // Each medicine session still to plan and its integration.
  await expect(page.getByTestId("plan-row")).toHaveCount(2 * (3 - n));
  await expect(page.getByTestId("plan-blocked")).toHaveCount(0);
});
