import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

// Issue 3: an admin edits the clinic's settings; clinicians see the protocol status panel.
// The settings test changes only the Low Dose Together series' fewest sessions (a P7 notice
// bound no other test relies on) and puts it back at the end, whatever happens.

async function openCouple(page: Page, name: string) {
  await page.goto(`/couples?q=${encodeURIComponent(name.split(" ").at(-1)!)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

async function saveSettings(page: Page) {
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("button", { name: "Save settings" })).toBeEnabled();
}

test("an admin's invalid settings are refused with the field's reason and save nothing; a valid change is saved", async ({ page }) => {
  await signInAs(page, "morgan");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Clinic settings" })).toBeVisible();
  const fewest = page.getByLabel("Fewest medicine sessions");
  const earliest = page.getByLabel("Earliest day after the medicine session");
  const original = await fewest.inputValue();
  const changed = String(Number(original) - 1);
  expect(await earliest.inputValue()).toBe("1");

  try {
    // The window's earliest day after its latest: refused, and the other change with it.
    await fewest.fill(changed);
    await earliest.fill("3");
    await saveSettings(page);
    await expect(page.getByTestId("form-error")).toHaveText("Please correct the highlighted fields.");
    await expect(page.getByTestId("error-integrationWindowDays.max")).toHaveText("The integration window's latest day must not be before its earliest day");
    await expect(earliest).toHaveValue("3");
    await page.reload();
    await expect(earliest).toHaveValue("1");
    await expect(fewest).toHaveValue(original);

    await fewest.fill(changed);
    await saveSettings(page);
    await expect(page.getByTestId("form-success")).toHaveText("Settings saved. They apply from now on.");
    await page.reload();
    await expect(fewest).toHaveValue(changed);
  } finally {
    await page.reload();
    await fewest.fill(original);
    await saveSettings(page);
    await expect(page.getByTestId("form-success")).toBeVisible();
  }
  await page.reload();
  await expect(fewest).toHaveValue(original);
});

test("a therapist sees the protocol status of the couple's cycle: each prerequisite met or pending, in words", async ({ page }) => {
  await signInAs(page, "ortiz");
  await openCouple(page, "Sam & Jordan Rivera");
  const panel = page.getByRole("region", { name: "Protocol status" });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("protocol-next-medicine")).toContainText("Next medicine session:");
  const item = (text: string) => panel.getByRole("listitem").filter({ hasText: text });
  await expect(item("Sam's intake")).toContainText("Met");
  await expect(item("Jordan's intake")).toContainText("Met");
  await expect(item("Joint preparations")).toContainText("Met");
  await expect(item("Jordan's clearance")).toContainText("Met");
  await expect(item("Jordan's ride home")).toContainText("Pending");
  // The first medicine session (Sam journeyed) has its integration inside the window.
  await expect(panel.getByTestId("protocol-integration").first()).toContainText("Inside the window");
});

test("the front desk does not see the protocol status panel", async ({ page }) => {
  await signInAs(page, "diaz");
  await openCouple(page, "Sam & Jordan Rivera");
  await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  await expect(page.getByText("Protocol status")).toHaveCount(0);
  await expect(page.getByTestId("protocol-panel")).toHaveCount(0);
});
