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
