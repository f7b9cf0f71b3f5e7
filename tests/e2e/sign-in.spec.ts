import { expect, test } from "@playwright/test";
import { demoUser, signInAs } from "./support";

test("an empty or malformed sign-in gets field messages and does not sign in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-email")).toHaveText("Enter your email address, like name@clinic.com.");
  await expect(page.getByTestId("error-password")).toHaveText("Enter your password.");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-email")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a wrong password is refused without saying which field was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demoUser("ortiz").email);
  await page.getByLabel("Password").fill("definitely-wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("The email or password is not right, or the account is not active.");
  await page.goto("/couples");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a therapist signs in, sees their week and only their own couples, and signs out", async ({ page }) => {
  await signInAs(page, "ortiz");
  await expect(page.getByRole("heading", { name: "Your sessions, the next 7 days" })).toBeVisible();
  await expect(page.getByTestId("agenda-item").first()).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Couples" }).click();
  await expect(page.getByRole("heading", { name: "Couples" })).toBeVisible();
  // Maya Ortiz works with six of the twelve demo couples (as couple's or KAP therapist).
  await expect(page.getByTestId("couple-row")).toHaveCount(6);
  await expect(page.getByRole("link", { name: "Sam & Jordan Rivera" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Logan & Reese Meyer" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/couples");
  await expect(page).toHaveURL(/\/sign-in$/);
});
