import { expect, test } from "vitest";
import { parseTrustedProxies } from "@/lib/http/trusted-proxies";

test("unset, empty or 0 trusts no proxy", () => {
  for (const setting of [undefined, "", "  ", "0"]) expect(parseTrustedProxies(setting)).toEqual({ kind: "none" });
});

test("a whole number is a hop count", () => {
  expect(parseTrustedProxies("1")).toEqual({ kind: "hops", count: 1 });
  expect(parseTrustedProxies(" 2 ")).toEqual({ kind: "hops", count: 2 });
  expect(() => parseTrustedProxies("11")).toThrow(/at most 10/);
});

test("a list of addresses, CIDR ranges and named ranges", () => {
  expect(parseTrustedProxies("10.0.0.1, 10.1.0.0/16,2001:db8::/32, ::1,loopback,uniquelocal,linklocal")).toEqual({
    kind: "addresses",
    ranges: ["10.0.0.1", "10.1.0.0/16", "2001:db8::/32", "::1", "loopback", "uniquelocal", "linklocal"],
  });
  expect(parseTrustedProxies("::ffff:10.0.0.1")).toEqual({ kind: "addresses", ranges: ["::ffff:10.0.0.1"] });
});

test("anything else is refused with words that name the bad entries", () => {
  const refused = [
    ["-1", /"-1" is not an IP address/],
    ["1.5", /"1.5" is not an IP address/],
    ["yes", /"yes" is not an IP address/],
    ["10.1", /"10.1"/], // ipaddr.js alone would read it as 10.0.0.1
    ["0x0a000001", /"0x0a000001"/],
    ["10.0.0.1,", /"" is not/],
    ["10.0.0.0/33", /"10.0.0.0\/33"/],
    ["2001:db8::/129", /"2001:db8::\/129"/],
    ["10.0.0.0/8/8", /"10.0.0.0\/8\/8"/],
    ["10.0.0.0/x", /"10.0.0.0\/x"/],
    ["10.0.0.1, nginx, 300.1.1.1", /"nginx", "300.1.1.1" are not/],
  ] as const;
  for (const [setting, message] of refused) expect(() => parseTrustedProxies(setting), setting).toThrow(message);
});
