import AxeBuilder from "@axe-core/playwright";
import { expect, request, test } from "@playwright/test";
import ICAL from "ical.js";
import { DEMO_COUPLES } from "../../prisma/seed/demo-people";
import { signInAs } from "./support";

// Calendar feeds end to end (issue 15): a therapist makes the feed of their own sessions in the
// browser and copies its address; a client with no cookies (as a calendar app) fetches it and
// finds their sessions and nobody else's, read with ical.js; after they revoke it, it answers 404.

const initials = (p: { first: string; last: string }) => `${p.first[0]}.${p.last[0]}.`;

test("a clinician subscribes to their own sessions: the feed has theirs and nobody else's, and answers 404 once revoked", async ({ page, baseURL }) => {
  await signInAs(page, "ortiz");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar feeds" }).click();
  await expect(page.getByRole("heading", { name: "Calendar feeds", level: 1 })).toBeVisible();
  const card = page.getByRole("region", { name: "My sessions" });
  await expect(card).toContainText("Every session you are a clinician of.");
  expect((await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations).toEqual([]);

  await card.getByRole("button", { name: "Make a feed address" }).click();
  await expect(card.getByTestId("feed-address")).toContainText("it is not shown again");
  const address = await card.getByLabel("Feed address").inputValue();
  expect(address).toMatch(new RegExp(`^${baseURL}/feeds/[\\w-]{43}\\.ics$`));
  await expect(card.getByTestId("feed-times")).toContainText("Last fetched: not yet");

  // A calendar app: no session, no cookies.
  const app = await request.newContext();
  const reply = await app.get(address);
  expect(reply.status()).toBe(200);
  expect(reply.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const calendar = new ICAL.Component(ICAL.parse(await reply.text()));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["America/Los_Angeles"]);
  const summaries = calendar.getAllSubcomponents("vevent").map((e) => String(new ICAL.Event(e).summary));
  expect(summaries.length).toBeGreaterThan(0);

  // Maya Ortiz's couples (as couples therapist or a partner's KAP therapist) and everyone else's.
  const hers = DEMO_COUPLES.filter((c) => [c.couplesTherapist, c.kapA, c.kapB].includes("ortiz"));
  const others = DEMO_COUPLES.filter((c) => !hers.includes(c));
  const herInitials = new Set(hers.flatMap((c) => [initials(c.a), initials(c.b)]));
  expect(summaries).toContain(`Couples therapy · ${initials(hers[0].a)} & ${initials(hers[0].b)}`);
  for (const summary of summaries) {
    const people = summary.split(" · ")[1]?.split(" & ") ?? [];
    expect(people.length, summary).toBeGreaterThan(0);
    for (const person of people) expect(herInitials.has(person), `${summary}: not one of hers`).toBe(true);
  }
  const text = summaries.join("\n");
  for (const c of others) for (const p of [c.a, c.b]) expect(text).not.toContain(initials(p));
  // Nothing but initials: no first or last name of anyone.
  for (const c of DEMO_COUPLES) for (const p of [c.a, c.b]) expect(text).not.toContain(p.last);

  await page.reload();
  await expect(card.getByTestId("feed-times")).not.toContainText("not yet");

  await card.getByRole("button", { name: "Revoke…" }).click();
  await card.getByRole("button", { name: "Confirm: revoke the feed" }).click();
  await expect(card).toContainText("Feed revoked: its address no longer answers.");
  await expect(card.getByRole("button", { name: "Make a feed address" })).toBeVisible();
  const after = await app.get(address);
  expect(after.status()).toBe(404);
  expect(await after.text()).toBe("Not found.\n");
  await app.dispose();
});
