import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test("the front desk adds a couple; missing names are flagged and nothing is saved", async ({ page }) => {
  const last = `Novak${Date.now().toString(36)}`;
  await signInAs(page, "diaz");
  await page.goto("/couples");
  await page.getByRole("link", { name: "Add couple" }).click();
  await page.getByRole("button", { name: "Add couple" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByTestId("error-partnerA.firstName")).toHaveText("Enter a first name.");

  const first = page.getByRole("group", { name: "First partner" });
  await first.getByLabel("First name").fill("Iris");
  await first.getByLabel("Last name").fill(last);
  await first.getByLabel("Email", { exact: true }).fill("iris@example");
  const second = page.getByRole("group", { name: "Second partner" });
  await second.getByLabel("First name").fill("Noel");
  await second.getByLabel("Last name").fill(last);
  await page.getByRole("button", { name: "Add couple" }).click();
  await expect(page.getByTestId("error-partnerA.email")).toHaveText("Enter a valid email address, or leave it empty.");
  // The refused form keeps everything typed.
  await expect(first.getByLabel("First name")).toHaveValue("Iris");
  await expect(second.getByLabel("Last name")).toHaveValue(last);

  await first.getByLabel("Email", { exact: true }).fill("iris@example.com");
  await page.getByRole("button", { name: "Add couple" }).click();
  // Saved, the new couple's own page opens (issue 14).
  await expect(page).toHaveURL(/\/couples\/[0-9a-f-]{36}\?added=1$/);
  await expect(page.getByRole("heading", { name: `Iris & Noel ${last}` })).toBeVisible();
  await expect(page.getByTestId("form-success")).toHaveText("Couple added.");
  // The refused attempts saved nothing: one couple by that name.
  await page.goto(`/couples?q=${last}`);
  await expect(page.getByTestId("couple-row")).toHaveCount(1);

  // Editing: a new phone number for Noel.
  await page.getByRole("link", { name: `Iris & Noel ${last}` }).click();
  await page.getByRole("link", { name: "Edit couple" }).click();
  await expect(page.getByRole("group", { name: "First partner" }).getByLabel("Email", { exact: true })).toHaveValue("iris@example.com");
  await page.getByRole("group", { name: "Second partner" }).getByLabel("Phone").fill("(415) 555-0142");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Couple updated.");
  await page.getByRole("link", { name: "Open their page" }).click();
  await expect(page.getByText("(415) 555-0142")).toBeVisible();
});

test("a therapist starts a Taking Turns cycle for a new couple of theirs", async ({ page }) => {
  await signInAs(page, "ortiz");
  await page.goto("/couples?q=Kim");
  await page.getByRole("link", { name: "Taylor & Alexis Kim" }).click();
  const form = page.getByRole("form", { name: "Start a KAP cycle" });
  await form.getByLabel("Low Dose Together (a series)").check();
  await form.getByLabel("Single experience").check();
  await form.getByRole("button", { name: "Start cycle" }).click();
  await expect(form.getByTestId("error-format")).toHaveText("A single experience is one Taking Turns medicine session; Low Dose Together is a series.");

  await form.getByLabel("Taking Turns (one journeys, one sits)").check();
  await form.getByLabel("Shared goals").fill("Soften the pursue-withdraw pattern.");
  await form.getByRole("button", { name: "Start cycle" }).click();
  await expect(page.getByTestId("cycle")).toContainText("Taking Turns · Single experience");
  await expect(page.getByTestId("cycle")).toContainText("6 sessions planned");
  await expect(page.getByRole("form", { name: "Start a KAP cycle" })).toHaveCount(0);
});
