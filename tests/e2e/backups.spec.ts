import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

// Issue 13: the server's backups as an admin sees them. The e2e server (playwright.config.ts)
// writes them to .data/e2e-backups; it takes its first daily backup a few seconds after it starts.

test("an admin sees the daily backup, backs up now, sees the new backup listed, and sets the schedule and retention", async ({ page }) => {
  await signInAs(page, "morgan");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Backups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Backups" })).toBeVisible();
  await expect(page.getByText(/backs up the whole database every day at 02:30 clinic time/)).toBeVisible();

  // The daily backup the server took when it started: listed, done.
  const rows = page.getByTestId("backup-row");
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: /^.*Daily \(/ }).filter({ hasText: "OK" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });

  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

  const mine = rows.filter({ hasText: "Back up now by Alex Morgan" });
  await expect(mine).toHaveCount(0);
  await page.getByRole("button", { name: "Back up now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Backup written" })).toContainText(/Backup written: kap-auto-\d{8}T\d{6}Z-[0-9a-f]{8}\.sql\.gz \(\d+\.\d KB\)\./);
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("OK");
  await expect(mine).toContainText(/\d+\.\d KB/);
  await expect(page.getByTestId("last-backup")).toContainText("The last backup worked");
  await expect(page.getByTestId("last-backup")).toContainText("Back up now by Alex Morgan");

  // Two backups today count as the day's one, its latest: retention deleted the daily one's file.
  await expect(rows.filter({ hasText: /Daily \(/ })).toContainText("Deleted by retention");

  // The settings: bounded, said in words; saved and shown again after a reload.
  const settings = page.getByRole("form", { name: "Schedule and retention" });
  await settings.getByLabel("Daily backups kept").fill("0");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByTestId("error-backupKeepDaily")).toHaveText("The daily backups kept must be at least 1 day.");
  await settings.getByLabel("Daily backup at").fill("03:15");
  await settings.getByLabel("Daily backups kept").fill("30");
  await settings.getByLabel("Monthly backups kept").fill("24");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved. They apply from the next backup.");
  await page.reload();
  await expect(page.getByText(/backs up the whole database every day at 03:15 clinic time/)).toBeVisible();
  await expect(settings.getByLabel("Daily backups kept")).toHaveValue("30");
  await expect(settings.getByLabel("Monthly backups kept")).toHaveValue("24");
});
