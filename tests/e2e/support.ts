import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../prisma/seed/demo-people";

export type DemoKey = (typeof DEMO_STAFF)[number]["key"];

export function demoUser(key: DemoKey) {
  return DEMO_STAFF.find((s) => s.key === key)!;
}

/** Signs in through the real form, as a person would. */
export async function signInAs(page: Page, key: DemoKey) {
  const user = demoUser(key);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(user.name);
}
