import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
}

test("an admin adds a room; bad input and a duplicate name get clear messages and save nothing", async ({ page }) => {
  await signInAs(page, "morgan");
  await page.goto("/admin/rooms");
  const rooms = page.getByTestId("room-row");
  await expect(rooms.first()).toBeVisible();
  const before = await rooms.count();
  const name = `Redwood ${Date.now().toString(36)}`;

  await page.getByLabel("Capacity (people)").fill("0");
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByTestId("error-name")).toHaveText("Give the room a name.");
  await expect(page.getByTestId("error-capacity")).toHaveText("A room holds at least 1 person.");
  await expect(rooms).toHaveCount(before);

  await page.getByLabel("Name").fill("Cedar");
  await page.getByLabel("Capacity (people)").fill("4");
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByTestId("error-name")).toHaveText("A room of that name already exists.");
  await expect(rooms).toHaveCount(before);

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Capacity (people)").fill("5");
  await page.getByLabel(/Dosing-equipped/).check();
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByTestId("form-success")).toHaveText(`Room ${name} added.`);
  await expect(rooms).toHaveCount(before + 1);
  await expect(page.getByRole("row", { name: `${name} 5 Yes Active` })).toBeVisible();
});

test("an admin edits a room and takes it out of use after confirming; a change that would break booked sessions is refused with them named", async ({ page }) => {
  await signInAs(page, "morgan");
  await page.goto("/admin/rooms");
  // Cedar holds the demo's medicine sessions still to come (the Low Dose series', the Taking Turns cycle's).
  await page.getByRole("link", { name: "Cedar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Room Cedar" })).toBeVisible();
  const edit = page.getByRole("form", { name: "Edit the room" });
  const slot = String.raw`\w{3} \d{1,2} \w{3} \d\d:\d\d–\d\d:\d\d`;

  // P9: three people in each medicine session, and a room of two.
  await edit.getByLabel("Capacity (people)").fill("2");
  await edit.getByRole("button", { name: "Save room" }).click();
  await expect(edit.getByTestId("form-error")).toHaveText(new RegExp(`^P9: Room Cedar would then hold 2 people, but \\d+ booked sessions? there ha(s|ve) more: Medicine: [^;]+ on ${slot} \\(3 people\\)`));
  // P9: medicine sessions need their dosing equipment.
  await edit.getByLabel("Capacity (people)").fill("4");
  await edit.getByLabel(/Dosing-equipped/).uncheck();
  await edit.getByRole("button", { name: "Save room" }).click();
  await expect(edit.getByTestId("form-error")).toHaveText(new RegExp(`^P9: Cedar holds \\d+ booked medicine sessions?, and medicine sessions need a dosing-equipped room: Medicine: [^;]+ on ${slot}`));

  // Out of use: asked first (and "Keep it in use" keeps it), then refused while sessions are to come.
  const active = page.getByRole("region", { name: "Take the room out of use" });
  await active.getByRole("button", { name: "Take out of use…" }).click();
  await active.getByRole("button", { name: "Keep it in use" }).click();
  await expect(active.getByRole("button", { name: "Confirm: take Cedar out of use" })).toHaveCount(0);
  await active.getByRole("button", { name: "Take out of use…" }).click();
  await active.getByRole("button", { name: "Confirm: take Cedar out of use" }).click();
  await expect(active.getByTestId("form-error")).toHaveText(new RegExp(`^P9: Cedar holds \\d+ booked sessions? still to come: [^;]+ on ${slot}.*Move or cancel them before taking the room out of use\\.$`));
  // The page with both refusals on it.
  await expectNoAxeViolations(page);

  // Every refusal left Cedar as it was.
  await page.goto("/admin/rooms");
  await expect(page.getByRole("row", { name: "Cedar 4 Yes Active" })).toBeVisible();

  // A room with nothing booked: renamed and resized, out of use after the confirmation, and back.
  const name = `Sequoia ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Capacity (people)").fill("3");
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByTestId("form-success")).toHaveText(`Room ${name} added.`);
  await page.getByRole("link", { name, exact: true }).click();
  await edit.getByLabel("Name").fill(`${name} East`);
  await edit.getByLabel("Capacity (people)").fill("5");
  await edit.getByLabel(/Dosing-equipped/).check();
  await edit.getByRole("button", { name: "Save room" }).click();
  await expect(edit.getByTestId("form-success")).toHaveText(`Room ${name} East saved.`);
  await expect(page.getByRole("heading", { name: `Room ${name} East` })).toBeVisible();

  await active.getByRole("button", { name: "Take out of use…" }).click();
  await active.getByRole("button", { name: `Confirm: take ${name} East out of use` }).click();
  const inactive = page.getByRole("region", { name: "Bring the room back into use" });
  await expect(inactive.getByTestId("form-success")).toHaveText(`${name} East is out of use.`);
  await expect(page.getByText("Inactive", { exact: true })).toBeVisible();
  await inactive.getByRole("button", { name: "Bring back into use" }).click();
  await expect(active.getByTestId("form-success")).toHaveText(`${name} East is in use again.`);

  await page.goto("/admin/rooms");
  await expect(page.getByRole("row", { name: `${name} East 5 Yes Active` })).toBeVisible();
});
