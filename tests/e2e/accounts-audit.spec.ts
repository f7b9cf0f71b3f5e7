import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("the front desk opening a clearance's address gets the forbidden page; the admin finds the attempt in the audit log", async ({ page }) => {
  // A psychiatrist opens one of their clearances: that is its address.
  await signInAs(page, "park");
  await page.goto("/evaluations");
  await page.locator('a[href^="/clearances/"]:not([href^="/clearances/new"])').first().click();
  await page.waitForURL(/\/clearances\/[0-9a-f-]{36}$/);
  const address = new URL(page.url()).pathname;
  const clearanceId = address.split("/").at(-1)!;
  await expect(page.getByRole("heading", { name: /^Clearance:/ })).toBeVisible();
  await signOut(page);

  await signInAs(page, "diaz");
  await page.goto(address);
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await expect(page.getByText("Screening")).toHaveCount(0);
  await page.goto("/");
  await signOut(page);

  await signInAs(page, "morgan");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Person").selectOption({ label: "Rosa Diaz" });
  await page.getByLabel("Outcome").selectOption("DENIED");
  await page.getByRole("button", { name: "Search" }).click();
  const attempt = page.getByTestId("audit-row").filter({ hasText: clearanceId });
  await expect(attempt).toHaveCount(1);
  await expect(attempt).toContainText("Rosa Diaz");
  await expect(attempt).toContainText("Front desk");
  await expect(attempt).toContainText("read Clearance");
  await expect(attempt).toContainText("denied");

  // The same attempt by record id; the psychiatrist's own read of it is there too, allowed.
  await page.getByLabel("Person").selectOption({ label: "Anyone" });
  await page.getByLabel("Outcome").selectOption("");
  await page.getByLabel("Record id").fill(clearanceId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("audit-row").filter({ hasText: "Dr. Elena Park" }).filter({ hasText: "allowed" }).first()).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "Rosa Diaz" })).toHaveCount(1);
});

test("an admin invites a staff member who chooses a password with the link; deactivated, their open session ends at once", async ({ page, browser }) => {
  const email = `lena.${Date.now().toString(36)}@harborlight.test`;
  const password = "tide pool heron lantern";
  await signInAs(page, "morgan");
  await page.goto("/admin/staff");
  await page.getByLabel("Name").fill("Lena Okoye");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("checkbox", { name: "Front desk" }).check();
  await page.getByRole("radio", { name: /A link to choose their own password/ }).check();
  await page.getByRole("button", { name: "Add staff member" }).click();
  const link = await page.getByLabel("Link to choose a password").inputValue();
  expect(link).toMatch(/\/sign-in\/welcome\/[\w-]{43}$/);

  // Lena opens the link in her own browser; a common password is refused, on its field.
  const lenaContext = await browser.newContext();
  const lena = await lenaContext.newPage();
  await lena.goto(link);
  await expect(lena.getByText("Welcome, Lena Okoye.")).toBeVisible();
  await lena.getByLabel("Your new password").fill("password1234");
  await lena.getByRole("button", { name: "Set my password" }).click();
  await expect(lena.getByTestId("error-password")).toContainText("common passwords");
  await lena.getByLabel("Your new password").fill(password);
  await lena.getByRole("button", { name: "Set my password" }).click();
  await expect(lena.getByTestId("session-ended")).toHaveText("Your password is set. Sign in with it.");
  await lena.getByLabel("Email").fill(email);
  await lena.getByLabel("Password").fill(password);
  await lena.getByRole("button", { name: "Sign in" }).click();
  await expect(lena.getByTestId("signed-in-as")).toContainText("Lena Okoye · Front desk");
  // The link was used up.
  const reuse = await lenaContext.newPage();
  await reuse.goto(link);
  await expect(reuse.getByTestId("link-invalid")).toBeVisible();

  // The admin deactivates her; her next request finds her signed out, and she cannot sign in.
  await page.reload();
  await page.getByRole("link", { name: "Lena Okoye" }).click();
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await lena.goto("/couples");
  await expect(lena).toHaveURL(/\/sign-in$/);
  await lena.getByLabel("Email").fill(email);
  await lena.getByLabel("Password").fill(password);
  await lena.getByRole("button", { name: "Sign in" }).click();
  await expect(lena.getByTestId("form-error")).toHaveText("The email or password is not right, or the account is not active.");
  await lenaContext.close();
});

test("repeated wrong passwords for one email are throttled, with a message that says nothing about the account", async ({ page }) => {
  await page.goto("/sign-in");
  const email = `nobody.${Date.now().toString(36)}@harborlight.test`;
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong guess ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("The email or password is not right, or the account is not active.");
  }
  await page.getByLabel("Password").fill("one more guess");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Too many sign-in attempts. Wait a few minutes, then try again.");
});

test("pages carry a content security policy, refuse framing, keep addresses to themselves, and ask for HTTPS", async ({ page }) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The production build sends HSTS; over this plain-http test server the browser ignores it.
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  // And the page works under that policy: the form's script runs.
  await signInAs(page, "ortiz");
});
