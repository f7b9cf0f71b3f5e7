import { expect, test } from "@playwright/test";
import { DEMO_COUPLES, DEMO_ROOMS } from "../../prisma/seed/demo-people";
import { signInAs } from "./support";

test("the front desk sees every couple, searches them, and reads the room calendar", async ({ page }) => {
  await signInAs(page, "diaz");
  await expect(page.getByRole("heading", { name: "Today at the clinic" })).toBeVisible();
  await page.goto("/couples");
  // Every seeded couple (other tests may add their own).
  for (const c of DEMO_COUPLES) await expect(page.getByRole("link", { name: `${c.a.first} & ${c.b.first} ${c.a.last}`, exact: true })).toBeVisible();
  await page.getByLabel("Search couples by name or email").fill("okafor");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("couple-row")).toHaveCount(1);
  await page.getByRole("link", { name: "Riley & Casey Okafor" }).click();
  await expect(page.getByRole("heading", { name: "Riley & Casey Okafor" })).toBeVisible();
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  // Shared goals are clinical content: not for the front desk.
  await expect(page.getByText("Shared goals:")).toHaveCount(0);

  await page.goto("/calendar");
  for (const room of DEMO_ROOMS) {
    const column = page.getByRole("columnheader", { name: new RegExp(`^${room.name}`) });
    await expect(column).toBeVisible();
    if (room.dosingEquipped) await expect(column).toContainText("dosing");
  }
});

test("the front desk cannot open admin pages; the page says so", async ({ page }) => {
  await signInAs(page, "diaz");
  await page.goto("/admin/rooms");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
});

test("a therapist opening another therapist's couple gets not found", async ({ page }) => {
  await signInAs(page, "diaz");
  await page.goto("/couples?q=Meyer");
  await page.getByRole("link", { name: "Logan & Reese Meyer" }).click();
  await page.waitForURL(/\/couples\/[0-9a-f-]{36}$/);
  const meyerUrl = page.url();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signInAs(page, "ortiz");
  await page.goto(meyerUrl);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Logan")).toHaveCount(0);
});

test("a psychiatrist sees their evaluations with the clearances they produced", async ({ page }) => {
  await signInAs(page, "park");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evaluations" }).click();
  await expect(page.getByTestId("evaluation-row").first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /Cleared/ }).first()).toBeVisible();
});
