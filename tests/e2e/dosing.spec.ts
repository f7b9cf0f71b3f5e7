import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

// The demo seed: Harper & Rowan Nguyen's single experience is under way today (checked in,
// Harper journeys, rides home recorded, cleared up to 100 mg sublingual by Dr. Bell): the run
// seeds the demo clinic open every day (playwright.config.ts), so today is always its dosing day
// and vitals may be taken (P11: only on the session's own day). Drew & Skyler Patel's next Low
// Dose Together session is in a couple of days, nothing recorded yet.

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function openDosingDay(page: Page, couple: string, row: string, status: "Checked in" | "Scheduled") {
  await page.goto(`/couples?q=${encodeURIComponent(couple.split(" ").at(-1)!)}`);
  await page.getByRole("link", { name: couple }).click();
  await page.getByTestId("session-row").filter({ hasText: row }).filter({ hasText: status }).first().getByRole("link", { name: "Dosing day" }).click();
  await expect(page.getByRole("heading", { name: "Dosing day" })).toBeVisible();
}

test("a blood pressure over the clinic's limits holds the dose until a psychiatrist overrides it", async ({ page }) => {
  await signInAs(page, "reed");
  await openDosingDay(page, "Harper & Rowan Nguyen", "Harper journeys", "Checked in");
  const harper = page.getByTestId("dosing-partner").filter({ hasText: "Harper Nguyen" });
  await expect(harper.getByTestId("ride-home")).toContainText("Family member");
  // P12: the seed's PHQ-9 the day before, item 9 = 0.
  await expect(harper.getByTestId("safety-screen")).toHaveAttribute("data-state", "met");

  const vitals = harper.getByRole("form", { name: "Vitals for Harper" });
  await vitals.getByLabel("Systolic (mmHg)").fill("400");
  await vitals.getByLabel("Diastolic (mmHg)").fill("96");
  await vitals.getByLabel("Heart rate (/min)").fill("88");
  await vitals.getByRole("button", { name: "Record reading" }).click();
  await expect(vitals.getByTestId("error-systolic")).toHaveText("The systolic pressure must be between 50 and 300 mmHg.");
  await vitals.getByLabel("Systolic (mmHg)").fill("172");
  await vitals.getByRole("button", { name: "Record reading" }).click();
  await expect(harper.getByTestId("hold-state")).toContainText("Dose on hold: blood pressure 172/96 mmHg is above 160/90");
  await expect(harper.getByRole("form", { name: "Dose for Harper" })).toHaveCount(0);
  // A therapist cannot lift the hold.
  await expect(harper.getByRole("form", { name: "Override the hold for Harper" })).toHaveCount(0);
  const url = page.url();
  await signOut(page);

  await signInAs(page, "bell");
  await page.goto(url);
  const held = page.getByTestId("dosing-partner").filter({ hasText: "Harper Nguyen" });
  const override = held.getByRole("form", { name: "Override the hold for Harper" });
  await override.getByLabel("Reason for letting the dose go ahead").fill("Known white-coat effect; repeat reading trending down.");
  await override.getByRole("button", { name: "Record override" }).click();
  await expect(held.getByTestId("hold-state")).toContainText("Hold overridden by Dr. Marcus Bell");

  const dose = held.getByRole("form", { name: "Dose for Harper" });
  await dose.getByLabel("Dose (mg)").fill("150");
  await dose.getByLabel("Witnessed by").selectOption({ label: "Jonah Reed" });
  await dose.getByRole("button", { name: "Record dose" }).click();
  await expect(dose.getByTestId("form-error")).toContainText("P3: 150 mg would take Harper above the clearance’s maximum of 100 mg");
  await dose.getByLabel("Dose (mg)").fill("75");
  await dose.getByRole("button", { name: "Record dose" }).click();
  await expect(held.getByTestId("dose-row")).toContainText("75 mg ketamine, sublingual lozenge, lot KET-2026-014, given by Dr. Marcus Bell, witnessed by Jonah Reed");

  // Discharge waits for the observation time after the last dose.
  const discharge = held.getByRole("form", { name: "Discharge Harper" });
  await discharge.getByLabel("Alert and oriented").check();
  await discharge.getByLabel("Escort present").check();
  await discharge.getByRole("button", { name: "Discharge Harper" }).click();
  await expect(discharge.getByTestId("form-error")).toContainText("120 minutes after the last dose");

  // The dose was posted to the controlled-substance log.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Substance log" }).click();
  await expect(page.getByTestId("log-entry").filter({ hasText: "Administration" }).last()).toContainText("-75");
});

test("check-in of a medicine session is refused until each dosing partner's ride home is recorded (P10)", async ({ page }) => {
  await signInAs(page, "diaz");
  await openDosingDay(page, "Drew & Skyler Patel", "Medicine: Low Dose Together", "Scheduled");
  const checkIn = page.getByRole("form", { name: "Check in" });
  await checkIn.getByRole("button", { name: "Check in" }).click();
  await expect(checkIn.getByTestId("form-error")).toContainText("P10: record a ride home for Drew before checking in");
  await expect(checkIn.getByTestId("form-error")).toContainText("P10: record a ride home for Skyler before checking in");
  // The front desk sees the ride home, nothing clinical.
  await expect(page.getByText("Vitals")).toHaveCount(0);

  const drew = page.getByRole("form", { name: "Ride home for Drew" });
  // Low Dose Together: both partners dose, so neither drives the other.
  await drew.getByLabel("Who drives Drew home").fill("Skyler Patel");
  await drew.getByLabel("Driver’s phone").fill("(415) 555-0110");
  await drew.getByRole("button", { name: "Record ride home" }).click();
  await expect(drew.getByTestId("error-rideHomeName")).toHaveText("In Low Dose Together both partners dose, so neither may drive the other home.");
  await drew.getByLabel("Who drives Drew home").fill("Pat Okoro");
  await drew.getByRole("button", { name: "Record ride home" }).click();
  await expect(page.getByTestId("dosing-partner").filter({ hasText: "Drew Patel" }).getByTestId("ride-home")).toContainText("Pat Okoro, (415) 555-0110");

  const skyler = page.getByRole("form", { name: "Ride home for Skyler" });
  await skyler.getByLabel("Who drives Skyler home").fill("Lee Moreno");
  await skyler.getByLabel("Driver’s phone").fill("415 555 0111");
  await skyler.getByRole("button", { name: "Record ride home" }).click();
  await expect(page.getByTestId("dosing-partner").filter({ hasText: "Skyler Patel" }).getByTestId("ride-home")).toContainText("Lee Moreno");

  // Rides home recorded: what is left is that the session is not today, and P12's PHQ-9s.
  await checkIn.getByRole("button", { name: "Check in" }).click();
  await expect(checkIn.getByTestId("form-error")).toContainText("can be checked in only on its day");
  await expect(checkIn.getByTestId("form-error")).toContainText("P12: Drew has no PHQ-9 in the 7 days before");
  await expect(checkIn.getByTestId("form-error")).not.toContainText("ride home");
});

test("P12: a PHQ-9 with item 9 above 0 asks for a clinician's safety review on the dosing day; proceed meets it", async ({ page }) => {
  await signInAs(page, "ortiz");
  await page.goto("/couples?q=Patel");
  await page.getByRole("link", { name: "Drew & Skyler Patel" }).click();
  await page.getByText("Enter a measure").click();
  const entry = page.getByRole("form", { name: "Enter a measure" });
  await entry.getByLabel("Partner").selectOption({ label: "Drew" });
  await entry.getByLabel("Measure").selectOption({ label: "PHQ-9" });
  const items = entry.getByTestId("items-PHQ9").locator("fieldset");
  for (let item = 0; item < 9; item++) await items.nth(item).getByRole("radio").nth(item === 8 ? 1 : 0).check();
  await entry.getByRole("button", { name: "Record PHQ-9" }).click();
  await expect(entry.getByText(/PHQ-9 recorded/)).toBeVisible();
  await expect(page.getByTestId("protocol-prerequisite").filter({ hasText: "Drew's PHQ-9" })).toHaveAttribute("data-state", "due");

  await page.getByTestId("session-row").filter({ hasText: "Medicine: Low Dose Together" }).filter({ hasText: "Scheduled" }).first().getByRole("link", { name: "Dosing day" }).click();
  const drew = page.getByTestId("dosing-partner").filter({ hasText: "Drew Patel" });
  await expect(drew.getByTestId("safety-screen")).toHaveAttribute("data-state", "due");
  await expect(drew.getByTestId("safety-screen")).toContainText("item 9 is above 0, a clinician's safety review is due before check-in");
  const review = drew.getByRole("form", { name: "Safety review for Drew" });
  await review.getByRole("button", { name: "Record safety review" }).click();
  await expect(review.getByText("Write the assessment.")).toBeVisible();
  await expect(review.getByText("Choose a decision: proceed, postpone or refer.")).toBeVisible();
  // The dosing day with the review form and its errors: axe's WCAG 2.1 A and AA checks.
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
  await review.getByLabel("Assessment").fill("Passive thoughts on one day last week, none since; no plan or intent; safety plan reviewed with Drew and Skyler.");
  await review.getByLabel("Proceed: dosing may go ahead").check();
  await review.getByRole("button", { name: "Record safety review" }).click();
  await expect(drew.getByText("Safety review recorded: Drew may proceed to dosing (P12).")).toBeVisible();
  await expect(drew.getByTestId("safety-screen")).toHaveAttribute("data-state", "met");
  // Skyler's own PHQ-9 is still due: a review answers one partner's screen only.
  await expect(page.getByTestId("dosing-partner").filter({ hasText: "Skyler Patel" }).getByTestId("safety-screen")).toHaveAttribute("data-state", "due");
});
