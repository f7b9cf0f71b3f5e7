import { expect, test } from "vitest";
import { clientAddressFrom } from "@/lib/auth/address";

const from = (headers: Record<string, string>) => clientAddressFrom((name) => headers[name]);

test("the right-most X-Forwarded-For entry is the one the proxy (or Next itself) wrote", () => {
  expect(from({ "x-forwarded-for": "198.51.100.9" })).toBe("198.51.100.9");
  // A client can send any X-Forwarded-For; the proxy appends the address it really saw.
  expect(from({ "x-forwarded-for": "10.0.0.1, 203.0.113.7" })).toBe("203.0.113.7");
});

test("falls back to X-Real-IP, then to nothing", () => {
  expect(from({ "x-real-ip": "203.0.113.8" })).toBe("203.0.113.8");
  expect(from({})).toBeNull();
});
