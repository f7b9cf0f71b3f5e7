import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

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
