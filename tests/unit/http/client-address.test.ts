import { expect, test } from "vitest";
import { clientAddress, trustTest } from "@/lib/http/client-address";
import { parseTrustedProxies } from "@/lib/http/trusted-proxies";

const addressOf = (socket: string | undefined, forwardedFor: string | undefined, setting?: string) =>
  clientAddress(socket, forwardedFor, trustTest(parseTrustedProxies(setting)));

test("with no trusted proxy the socket decides, whatever X-Forwarded-For says", () => {
  expect(addressOf("203.0.113.7", undefined)).toBe("203.0.113.7");
  expect(addressOf("203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
  expect(addressOf("203.0.113.7", "198.51.100.1, 198.51.100.2")).toBe("203.0.113.7");
  expect(addressOf("2001:db8::7", "198.51.100.1")).toBe("2001:db8::7");
  expect(addressOf(undefined, "198.51.100.1")).toBeNull();
});

test("addresses are normalised: IPv4 on a dual-stack socket, IPv6 spellings", () => {
  expect(addressOf("::ffff:203.0.113.7", undefined)).toBe("203.0.113.7");
  expect(addressOf("::FFFF:203.0.113.7", undefined)).toBe("203.0.113.7");
  expect(addressOf("2001:DB8:0:0::7", undefined)).toBe("2001:db8::7");
  expect(addressOf("10.0.0.1", "::ffff:198.51.100.4", "1")).toBe("198.51.100.4");
});

test("a hop count N takes the entry N places from the right of X-Forwarded-For plus the socket", () => {
  const forwardedFor = "192.0.2.1, 198.51.100.2, 198.51.100.3";
  expect(addressOf("10.0.0.1", forwardedFor, "1")).toBe("198.51.100.3");
  expect(addressOf("10.0.0.1", forwardedFor, "2")).toBe("198.51.100.2");
  expect(addressOf("10.0.0.1", forwardedFor, "3")).toBe("192.0.2.1");
  // Fewer entries than hops: the furthest one there is (as Express does).
  expect(addressOf("10.0.0.1", forwardedFor, "5")).toBe("192.0.2.1");
  expect(addressOf("10.0.0.1", undefined, "1")).toBe("10.0.0.1");
  // Duplicate headers arrive joined by commas.
  expect(addressOf("10.0.0.1", "192.0.2.1,198.51.100.3", "1")).toBe("198.51.100.3");
});

test("an address list walks from the socket past trusted proxies to the first stranger", () => {
  const proxies = "10.0.0.0/8, 2001:db8:ffff::/48";
  expect(addressOf("10.0.0.1", "192.0.2.9, 198.51.100.5", proxies)).toBe("198.51.100.5");
  expect(addressOf("10.0.0.1", "192.0.2.9, 198.51.100.5, 10.2.3.4", proxies)).toBe("198.51.100.5");
  expect(addressOf("2001:db8:ffff::1", "2001:db8:1::5", proxies)).toBe("2001:db8:1::5");
  // An IPv4 proxy seen on a dual-stack socket is still that proxy.
  expect(addressOf("::ffff:10.0.0.1", "198.51.100.5", proxies)).toBe("198.51.100.5");
  // A socket that is not a trusted proxy: its X-Forwarded-For is the client's own words.
  expect(addressOf("198.51.100.77", "192.0.2.9", proxies)).toBe("198.51.100.77");
  // Everyone trusted: the furthest entry.
  expect(addressOf("10.0.0.1", "10.9.9.9", proxies)).toBe("10.9.9.9");
  expect(addressOf("127.0.0.1", "192.0.2.9", "loopback")).toBe("192.0.2.9");
  expect(addressOf("::1", "192.0.2.9", "loopback")).toBe("192.0.2.9");
});

test("garbage where a trusted proxy's entry should be falls back to the nearest real address", () => {
  expect(addressOf("10.0.0.1", "not-an-ip", "1")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", "192.0.2.9, <script>", "10.0.0.0/8")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", "192.0.2.9:443", "1")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", "junk, garbage", "2")).toBe("10.0.0.1");
  // Garbage inside the trusted part of the chain: what lies beyond it is not believed either.
  expect(addressOf("10.0.0.1", "192.0.2.9, junk", "2")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", "192.0.2.9, junk, 10.0.0.2", "10.0.0.0/8")).toBe("10.0.0.2");
  expect(addressOf("10.0.0.1", "192.0.2.9 198.51.100.3", "1")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", "", "1")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", ",,, ,", "1")).toBe("10.0.0.1");
  expect(addressOf("10.0.0.1", "x".repeat(10_000), "1")).toBe("10.0.0.1");
  // Without a trusted proxy nothing in the header is read at all.
  expect(addressOf("192.0.2.9", "junk")).toBe("192.0.2.9");
});
