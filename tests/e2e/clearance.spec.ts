import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

// The demo seed: Finley & Sage Moreau are preparing; Dr. Park evaluated Finley two days ago (no
// clearance yet) and evaluates Sage in a few days; Blake & Kendall Adeyemi are mid Taking Turns with Dr. Bell, Kendall journeying at the
// next medicine session on a clearance signed weeks ago.

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function finleyOnPanel(page: Page) {
  await page.goto("/couples?q=Moreau");
  await page.getByRole("link", { name: "Finley & Sage Moreau" }).click();
  return page.getByTestId("protocol-panel").getByTestId("protocol-prerequisite").filter({ hasText: "Finley's clearance" });
}

test("a psychiatrist records and signs a clearance from an evaluation; the partner's therapist sees it in force", async ({ page }) => {
  // Before: the evaluation is booked, the clearance pending on the therapist's protocol panel.
  await signInAs(page, "nair");
  await expect(await finleyOnPanel(page)).toHaveAttribute("data-state", "pending");
  await signOut(page);

  await signInAs(page, "park");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evaluations" }).click();
  await page.getByTestId("evaluation-row").filter({ hasText: "Finley Moreau" }).getByRole("link", { name: "Record clearance" }).click();
  await expect(page.getByRole("heading", { name: "Record a clearance: Finley Moreau" })).toBeVisible();
  const clientId = new URL(page.url()).searchParams.get("client");

  const form = page.getByRole("form", { name: "Clearance" });
  // A missing or implausible value is named next to its field; what was typed stays.
  await form.getByLabel("Systolic (mmHg)").fill("122");
  await form.getByLabel("Diastolic (mmHg)").fill("130");
  await form.getByLabel("Benzodiazepines").check();
  await form.getByLabel("Cleared", { exact: true }).check();
  await form.getByRole("button", { name: "Record and sign" }).click();
  await expect(form.getByTestId("error-heartRate")).toHaveText("Enter the heart rate (beats per minute).");
  await expect(form.getByLabel("Heart rate (beats per minute)")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Systolic (mmHg)")).toHaveValue("122");
  await form.getByLabel("Heart rate (beats per minute)").fill("70");
  await form.getByRole("button", { name: "Record and sign" }).click();
  await expect(form.getByTestId("error-diastolic")).toHaveText("The diastolic pressure must be lower than the systolic pressure.");
  await expect(form.getByTestId("error-maxDoseMg")).toHaveText("Enter the maximum dose (mg).");

  await form.getByLabel("Diastolic (mmHg)").fill("78");
  await form.getByLabel("Taking Turns").check();
  await form.getByLabel("Maximum dose (mg)").fill("100");
  await form.getByLabel("Route").selectOption("SUBLINGUAL_LOZENGE");
  await form.getByRole("button", { name: "Record and sign" }).click();

  await expect(page.getByRole("heading", { name: "Clearance: Finley Moreau" })).toBeVisible();
  await expect(page.getByTestId("clearance-status")).toHaveText("In force");
  await expect(page.getByText("Benzodiazepines: present")).toBeVisible();
  // Signed: read-only, changed only by an amendment.
  await expect(page.getByRole("button", { name: "Sign clearance" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Amend clearance" })).toBeVisible();
  await signOut(page);

  await signInAs(page, "nair");
  await expect(await finleyOnPanel(page)).toHaveAttribute("data-state", "met");
  await page.getByRole("link", { name: "Medical clearance" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/partners/${clientId}/clearances$`));
  await expect(page.getByTestId("in-force")).toContainText("In force");
  await expect(page.getByTestId("clearance-row").first()).toContainText("in force");
  // The therapist reads, but records nothing.
  await expect(page.getByRole("link", { name: "Record a clearance" })).toHaveCount(0);
});

test("a clearance for an evaluation still to come is kept as a draft: it is signed only once the evaluation has happened (P11)", async ({ page }) => {
  await signInAs(page, "park");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evaluations" }).click();
  await page.getByTestId("evaluation-row").filter({ hasText: "Sage Moreau" }).getByRole("link", { name: "Record clearance" }).click();
  await expect(page.getByRole("heading", { name: "Record a clearance: Sage Moreau" })).toBeVisible();
  const clientId = new URL(page.url()).searchParams.get("client");
  const form = page.getByRole("form", { name: "Clearance" });
  await form.getByLabel("Systolic (mmHg)").fill("118");
  await form.getByLabel("Diastolic (mmHg)").fill("76");
  await form.getByLabel("Heart rate (beats per minute)").fill("66");
  await form.getByLabel("Cleared", { exact: true }).check();
  await form.getByLabel("Taking Turns").check();
  await form.getByLabel("Maximum dose (mg)").fill("100");
  await form.getByLabel("Route").selectOption("SUBLINGUAL_LOZENGE");
  await form.getByRole("button", { name: "Record and sign" }).click();
  await expect(form.getByTestId("form-error")).toContainText(
    /^P11: a clearance can be signed only once its evaluation has happened: the medical evaluation is booked for \w{3} \d{1,2} \w{3} at \d{2}:\d{2} \(America\/Los_Angeles\)\. Keep it as a draft until then\.$/,
  );

  // A draft may be written ahead; signing it later waits for the evaluation too.
  await form.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByRole("heading", { name: "Clearance: Sage Moreau" })).toBeVisible();
  await expect(page.getByTestId("clearance-status")).toHaveText("Draft, not signed");
  await page.getByRole("button", { name: "Sign clearance" }).click();
  await expect(page.getByTestId("form-error")).toContainText("P11: a clearance can be signed only once its evaluation has happened");
  await page.reload();
  await expect(page.getByTestId("clearance-status")).toHaveText("Draft, not signed");
  // The refused "Record and sign" stored nothing: the draft is Sage's only clearance.
  await page.goto(`/partners/${clientId}/clearances`);
  await expect(page.getByTestId("clearance-row")).toHaveCount(1);
});

test("a psychiatrist revokes a clearance; the front desk sees the partner's next medicine session blocked, without clinical detail", async ({ page }) => {
  await signInAs(page, "bell");
  await page.goto("/evaluations");
  await page.getByTestId("evaluation-row").filter({ hasText: "Kendall Adeyemi" }).getByRole("link", { name: /Cleared/ }).click();
  await expect(page.getByTestId("clearance-status")).toHaveText("In force");
  await page.getByRole("button", { name: "Revoke clearance…" }).click();
  const confirm = page.getByRole("form", { name: "Revoke Kendall Adeyemi’s clearance?" });
  await confirm.getByRole("button", { name: "Confirm revocation" }).click();
  await expect(confirm.getByTestId("error-reason")).toContainText("Give the reason for revoking");
  await confirm.getByLabel("Reason for revoking").fill("New arrhythmia on ECG; cardiology review first.");
  await confirm.getByRole("button", { name: "Confirm revocation" }).click();
  await expect(page.getByTestId("clearance-status")).toHaveText("Revoked");
  await expect(page.getByTestId("revocation")).toContainText("New arrhythmia on ECG");
  await expect(page.getByRole("button", { name: "Revoke clearance…" })).toHaveCount(0);
  await signOut(page);

  await signInAs(page, "diaz");
  await page.goto("/couples?q=Adeyemi");
  await page.getByRole("link", { name: "Blake & Kendall Adeyemi" }).click();
  const next = page.getByTestId("session-row").filter({ hasText: "Kendall journeys" }).filter({ hasText: "Scheduled" });
  await expect(next.getByTestId("session-blocked")).toHaveText("Blocked: not cleared for this date (P3)");
  // The earlier, completed medicine session is history; the reason is nowhere on the page.
  await expect(page.getByTestId("session-blocked")).toHaveCount(1);
  await expect(page.getByText("arrhythmia")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Medical clearance" })).toHaveCount(0);
  // The room calendar says the same of that session, and no more.
  await next.getByRole("button", { name: /^Move Medicine: Taking Turns on/ }).click();
  const day = await page.getByRole("form", { name: /^Move Medicine: Taking Turns on/ }).getByLabel("New date").inputValue();
  await page.goto(`/calendar?date=${day}`);
  await page.getByTestId("calendar-session").filter({ hasText: "Blake & Kendall Adeyemi" }).filter({ hasText: "Medicine" }).click();
  await expect(page.getByTestId("session-blocked")).toHaveText("Blocked: not cleared for this date (P3)");
  await expect(page.getByText("arrhythmia")).toHaveCount(0);
  // And the clearance itself stays closed to the front desk.
  await page.goto("/evaluations");
  await expect(page).toHaveURL(/\/forbidden$/);
});
