import { expect, test } from "vitest";
import { logSafe } from "@/lib/actions/define-action";

test("an unexpected error reaches the server log without its message, which may quote a client's details", () => {
  const error = Object.assign(new Error('Invalid `db.client.create()` invocation: { firstName: "Jordan", lastName: "Rivera" }'), { code: "P2000" });
  const logged = JSON.stringify(logSafe(error));
  expect(logged).not.toMatch(/Jordan|Rivera/);
  expect(logSafe(error)).toMatchObject({ name: "Error", code: "P2000" });
  expect(String(logSafe(error).stack)).toMatch(/at /);
});
