import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

// Issue 15: the demo's email reminders as an admin sees them. The e2e server has no SMTP server
// configured (the embedded default), so the reminders it queues a few seconds after starting wait
// in the outbox, each saying why it has not gone when its time has come.

test("an admin opens the outbox and reads the demo's queued reminders", async ({ page }) => {
  await signInAs(page, "morgan");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(page.getByText(/No SMTP server is configured \(SMTP_URL and SMTP_FROM\), so nothing is sent/)).toBeVisible();

  const waiting = page.getByTestId("outbox-waiting");
  await expect(async () => {
    await page.reload();
    await expect(waiting.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });

  const reminder = waiting.filter({ hasText: "Appointment reminder" }).first();
  await expect(reminder).toContainText("Queued");
  await expect(reminder).toContainText(/@/);
  await expect(reminder).toContainText("Reminder: your appointment at Harbor Light Couples Clinic on");
  // The message itself: what, when, where, and how to reach the clinic; never the medicine's name in a subject.
  await reminder.getByText(/^Reminder: your appointment/).click();
  await expect(reminder).toContainText("(415) 555-0140");
  await expect(reminder).toContainText("hello@harborlight.test");
  await expect(waiting.filter({ hasText: /ketamine/i })).toHaveCount(0);

  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
});
