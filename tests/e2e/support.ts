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

/** A clinic day (America/Los_Angeles, the demo's zone) `offsetDays` from today, as YYYY-MM-DD. */
export function clinicDay(offsetDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

/** The calendar date `n` days after `day`. */
export function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "Fri 18 Dec", as the app writes a clinic day. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString("en-GB", { ...o, timeZone: "UTC" });
  return `${part({ weekday: "short" })} ${d.getUTCDate()} ${part({ month: "short" })}`;
}
