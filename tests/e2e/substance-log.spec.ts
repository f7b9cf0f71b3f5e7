import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test("a psychiatrist receives a lot, records witnessed waste, and downloads the log as CSV", async ({ page }) => {
  const lot = `KET-E2E-${Date.now().toString(36).toUpperCase()}`;
  await signInAs(page, "park");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Substance log" }).click();
  await expect(page.getByRole("heading", { name: "Controlled-substance log" })).toBeVisible();

  const receive = page.getByRole("form", { name: "Receive a lot" });
  await receive.getByLabel("Lot number").fill(lot);
  await receive.getByLabel("Quantity (mg)").fill("500");
  await receive.getByRole("button", { name: "Record receipt" }).click();
  await expect(receive.getByTestId("form-success")).toHaveText(`Received 500 mg of lot ${lot}. Balance now 500 mg.`);

  await page.reload();
  const waste = page.getByRole("form", { name: "Record waste" });
  await waste.getByLabel("Lot").selectOption({ label: `${lot} (500 mg)` });
  await waste.getByLabel("Quantity wasted (mg)").fill("600");
  await waste.getByLabel("Reason").fill("Lozenge dropped on the floor");
  await waste.getByLabel("Witnessed by").selectOption({ label: "Jonah Reed" });
  await waste.getByRole("button", { name: "Record waste" }).click();
  await expect(waste.getByTestId("form-error")).toContainText("never goes below zero");
  await waste.getByLabel("Quantity wasted (mg)").fill("10");
  await waste.getByRole("button", { name: "Record waste" }).click();
  await expect(waste.getByTestId("form-success")).toHaveText("Waste of 10 mg recorded. Balance now 490 mg.");

  await page.reload();
  await expect(page.getByTestId("lot").filter({ hasText: lot })).toContainText("490 mg");
  await expect(page.getByTestId("log-entry").filter({ hasText: lot })).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("Entry,When (clinic time),Kind,Lot,Medicine,Change (mg),Balance after (mg),Counted (mg),Reason,Corrects entry,Administration,Recorded by,Witnessed by");
  expect(csv).toContain(`Waste,${lot},ketamine,-10,490,,Lozenge dropped on the floor,,,Dr. Elena Park,Jonah Reed`);
});

test("the front desk has no way into the controlled-substance log", async ({ page }) => {
  await signInAs(page, "diaz");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Substance log" })).toHaveCount(0);
  await page.goto("/substance-log");
  await expect(page).toHaveURL(/\/forbidden$/);
  const response = await page.request.get("/substance-log/report.csv?from=2026-01-01&to=2026-12-31");
  expect(response.status()).toBe(403);
});
