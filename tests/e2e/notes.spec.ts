import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

// P13 in a real browser. The demo seed (prisma/seed/demo-notes.ts) leaves the notes of Sam &
// Jordan Rivera, mid Taking Turns with Maya Ortiz, unwritten: Sam's intake, two preparations, Sam's
// medicine session and its integration, and a couples-therapy session are completed, so Maya
// writes a note of each kind. Every other completed session has its signed note, except Drew &
// Skyler Patel's latest medicine session: Maya's draft, left unsigned well past 72 hours (late).

const RIVERA = "Sam & Jordan Rivera";

async function openCouple(page: Page, name: string) {
  await page.goto(`/couples?q=${encodeURIComponent(name.split(" ").at(-1)!)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** From the couple page, the note of the nth (first) completed session whose row holds all of `texts`. */
async function openNote(page: Page, texts: string[], nth = 0) {
  await openCouple(page, RIVERA);
  let row = page.getByTestId("session-row").filter({ hasText: "Completed" });
  for (const text of texts) row = row.filter({ hasText: text });
  await row.nth(nth).getByRole("link", { name: "Note", exact: true }).click();
  await expect(page.getByRole("form", { name: "Note" })).toBeVisible();
}

const status = (page: Page) => page.getByTestId("note-save-status");

async function saved(page: Page) {
  await expect(status(page)).toHaveText(/^Saved at \d\d:\d\d$/);
}

/** Sign by keyboard: the question takes the focus, Enter confirms. */
async function sign(page: Page) {
  await page.getByRole("button", { name: "Sign note…" }).click();
  const question = page.getByRole("group", { name: "Sign this note?" });
  await expect(question.getByRole("button", { name: "Sign now" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("note-signed")).toContainText("Signed by Maya Ortiz on");
}

/** Signed: the text is shown, and there is nothing left to type it into. */
async function expectLocked(page: Page, label: string, text: string) {
  await expect(page.getByTestId("note-text")).toContainText(text);
  await expect(page.getByRole("form", { name: "Note" })).toHaveCount(0);
  await expect(page.getByLabel(label)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Save draft|Sign note/ })).toHaveCount(0);
}

test("a therapist writes and signs the note of each kind of session, reloads mid-draft, adds an addendum, and cannot edit a signed note", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "ortiz");

  // Individual intake: the draft is on the server as she types; a reload finds it.
  await openNote(page, ["Individual intake", "Sam with Maya Ortiz"]);
  await expect(page.getByRole("heading", { name: `Intake note: ${RIVERA}` })).toBeVisible();
  await page.getByLabel("Personal history").fill("Grew up by the sea, the eldest of three.");
  await page.getByLabel("Intentions for the work").fill("Stay in the conversation when conflict starts.");
  await saved(page);
  await page.reload();
  await expect(page.getByLabel("Personal history")).toHaveValue("Grew up by the sea, the eldest of three.");
  await expect(page.getByLabel("Intentions for the work")).toHaveValue("Stay in the conversation when conflict starts.");
  await expect(status(page)).toHaveText(/^Saved at \d\d:\d\d$/);
  // Signing without the required fields: refused field by field, nothing typed lost.
  await page.getByRole("button", { name: "Sign note…" }).click();
  await page.getByRole("button", { name: "Sign now" }).click();
  await expect(page.getByTestId("error-fields.readiness")).toHaveText("Write “Readiness” before signing.");
  await expect(page.getByTestId("error-fields.risksNoticed")).toHaveText("Write “Risks noticed” before signing.");
  await expect(page.getByLabel("Personal history")).toHaveValue("Grew up by the sea, the eldest of three.");
  await page.getByLabel("Readiness").fill("Ready; sleeping well.");
  await page.getByLabel("Risks noticed").fill("None noticed.");
  await sign(page);
  await expectLocked(page, "Personal history", "Grew up by the sea, the eldest of three.");
  await expect(new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze().then((r) => r.violations.map((v) => v.id))).resolves.toEqual([]);

  // The correction is an addendum, signed, under the note.
  const addendum = page.getByRole("form", { name: "Add addendum" });
  await addendum.getByRole("button", { name: "Sign and add addendum" }).click();
  await expect(addendum.getByTestId("error-text")).toHaveText("Write the addendum.");
  await addendum.getByLabel("Addendum").fill("Correction: the eldest of four.");
  await addendum.getByRole("button", { name: "Sign and add addendum" }).click();
  await expect(page.getByTestId("note-addendum")).toContainText("Correction: the eldest of four.");
  await expect(page.getByTestId("note-addendum")).toContainText("Signed by Maya Ortiz on");
  await page.reload();
  await expectLocked(page, "Personal history", "Grew up by the sea, the eldest of three.");
  await expect(page.getByTestId("note-addendum")).toHaveCount(1);

  // Joint preparation: the agreements for the medicine session; Escape closes the question.
  await openNote(page, ["Joint preparation"]);
  await page.getByLabel("Shared goals as refined").fill("Slow the pursue-withdraw cycle; name needs directly.");
  await page.getByLabel("Agreement: the sitter’s role").fill("Jordan sits quietly and speaks only if asked.");
  await page.getByLabel("Agreement: touch and consent").fill("Hand-holding only if Sam reaches out first.");
  await page.getByLabel("Agreement: the stop word").fill("Lighthouse");
  await page.getByRole("button", { name: "Sign note…" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("group", { name: "Sign this note?" })).toHaveCount(0);
  await sign(page);
  await expectLocked(page, "Agreement: the stop word", "Lighthouse");

  // Medicine session: observations of journeyer and sitter, and a link to that day's dosing record.
  await openNote(page, ["Medicine: Taking Turns", "Sam journeys"]);
  await expect(page.getByTestId("note-dosing")).toContainText("That day’s dosing record (Sam)");
  await expect(page.getByTestId("note-dosing").getByRole("link", { name: "open the dosing day" })).toBeVisible();
  await page.getByLabel("Set and setting").fill("Room dimmed, agreed playlist.");
  await page.getByLabel("What you observed of Sam (journeying)").fill("Settled quickly; tearful at the peak.");
  await page.getByLabel("What you observed of Jordan (sitting)").fill("Calm, present, kept to the role.");
  await page.getByLabel("Events").fill("None.");
  await sign(page);
  await expectLocked(page, "Events", "Settled quickly; tearful at the peak.");

  // Integration: insight goal by goal, the cycle's two goals one per line.
  await openNote(page, ["Integration"]);
  await page.getByLabel("What emerged").fill("Sam named the fear of being left.");
  await page.getByLabel("Goal: Repair after a long stretch of pursue-withdraw.").fill("Both caught the pattern early this week.");
  await page.getByLabel("Goal: Rebuild trust in repair attempts.").fill("Jordan accepted a repair attempt twice.");
  await page.getByLabel("Practices until the next session").fill("Ten-minute check-in each evening.");
  await sign(page);
  await expect(page.getByTestId("note-text")).toContainText("Goal: Rebuild trust in repair attempts.");
  await expectLocked(page, "What emerged", "Jordan accepted a repair attempt twice.");

  // Couples therapy: a progress note (data, assessment, plan).
  await openNote(page, ["Couples therapy"]);
  await page.getByLabel("Data").fill("Argument about chores; caught earlier than before.");
  await page.getByLabel("Assessment").fill("Less escalation, quicker repair.");
  await page.getByLabel("Plan").fill("Soft start-up practice.");
  await sign(page);
  await expectLocked(page, "Plan", "Soft start-up practice.");
});

test("nothing typed is lost when the server cannot be reached: the browser keeps it, a reload restores it, it is saved once the server answers", async ({ page }) => {
  await signInAs(page, "ortiz");
  // The second preparation: the first test signs the first.
  await openNote(page, ["Joint preparation"], 1);
  const url = page.url();
  // Every save (a server action: a POST to the page) fails as if the connection had dropped.
  await page.route(url, (route) => (route.request().method() === "POST" ? route.abort("connectionfailed") : route.continue()));
  await page.getByLabel("Shared goals as refined").fill("Typed while the connection was down.");
  await expect(status(page)).toContainText("Not saved — retrying");
  await page.reload();
  await expect(page.getByLabel("Shared goals as refined")).toHaveValue("Typed while the connection was down.");
  await expect(status(page)).toContainText(/Restored text from this browser|Not saved — retrying|Saving/);
  await page.unroute(url);
  await saved(page);
  // Now on the server: a fresh page, without the browser's copy, finds it.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByLabel("Shared goals as refined")).toHaveValue("Typed while the connection was down.");
});

test("the Today page lists the clinician's notes to write, oldest first, the late ones marked; the front desk sees which are late, not what they say", async ({ page }) => {
  await signInAs(page, "ortiz");
  await page.goto("/");
  const mine = page.getByRole("region", { name: "Notes to write" });
  const patel = mine.getByTestId("note-to-write").filter({ hasText: "Drew & Skyler Patel" });
  await expect(patel).toContainText("Medicine: Low Dose Together");
  await expect(patel).toContainText("Draft");
  await expect(patel).toContainText("Late (P13)");
  await expect(mine.getByTestId("note-to-write").first()).toContainText("Late (P13)");
  await patel.getByRole("link", { name: "Continue note" }).click();
  await expect(page.getByTestId("note-late")).toContainText("Late (P13)");
  await expect(page.getByRole("form", { name: "Note" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAs(page, "diaz");
  await page.goto("/");
  const late = page.getByRole("region", { name: "Late notes at the clinic" });
  const row = late.getByTestId("late-note").filter({ hasText: "Drew & Skyler Patel" });
  await expect(row).toContainText("Maya Ortiz");
  await expect(row).toContainText("Medicine: Low Dose Together");
  await expect(late.getByRole("link", { name: /note/i })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Notes to write" })).toHaveCount(0);
});

test("a partner's record prints the signed notes with their addenda and the clearances", async ({ page }) => {
  await signInAs(page, "nair");
  await openCouple(page, "Emerson & Parker Brooks");
  await page.getByRole("link", { name: "Clinical record (print)" }).first().click();
  await expect(page.getByRole("heading", { name: "Emerson Brooks: clinical record" })).toBeVisible();
  await expect(page.getByTestId("record-note").filter({ hasText: "Integration note" }).first().getByTestId("note-addendum")).toContainText("evening check-ins");
  await expect(page.getByTestId("record-clearance").first()).toContainText("Signed by Dr. Elena Park");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
});
