import { expect, test } from "vitest";
import { clientAddressFrom } from "@/lib/auth/address";

const from = (headers: Record<string, string>) => clientAddressFrom((name) => headers[name]);

test("reads the one address the app's server wrote into X-Forwarded-For", () => {
  expect(from({ "x-forwarded-for": "198.51.100.9" })).toBe("198.51.100.9");
  expect(from({ "x-forwarded-for": " 2001:db8::7 " })).toBe("2001:db8::7");
});

test("a list, garbage or another header is not an address the server decided", () => {
  // The server overwrites the header with a single address; a list was written by someone else.
  expect(from({ "x-forwarded-for": "10.0.0.1, 203.0.113.7" })).toBeNull();
  expect(from({ "x-forwarded-for": "not-an-address" })).toBeNull();
  expect(from({ "x-forwarded-for": "" })).toBeNull();
  expect(from({ "x-real-ip": "203.0.113.8" })).toBeNull();
  expect(from({})).toBeNull();
});
