import { expect, test } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom } from "@/lib/auth/address";

const from = (headers: Record<string, string>) => clientAddressFrom((name) => headers[name]);

test("reads the one address the app's server decided", () => {
  expect(from({ [CLIENT_ADDRESS_HEADER]: "198.51.100.9" })).toBe("198.51.100.9");
  expect(from({ [CLIENT_ADDRESS_HEADER]: " 2001:db8::7 " })).toBe("2001:db8::7");
});

test("garbage, or the headers a client can write itself, are no address", () => {
  expect(from({ [CLIENT_ADDRESS_HEADER]: "10.0.0.1, 203.0.113.7" })).toBeNull();
  expect(from({ [CLIENT_ADDRESS_HEADER]: "not-an-address" })).toBeNull();
  expect(from({ [CLIENT_ADDRESS_HEADER]: "" })).toBeNull();
  // Served without the app's server, X-Forwarded-For is whatever the client wrote.
  expect(from({ "x-forwarded-for": "203.0.113.7" })).toBeNull();
  expect(from({ "x-real-ip": "203.0.113.8" })).toBeNull();
  expect(from({})).toBeNull();
});
