import ipaddr from "ipaddr.js";

// Which proxies in front of the app may say where a request came from (KAP_TRUSTED_PROXIES).
// Unset, nobody may: the address is the socket's. A number N trusts the N hops nearest the app
// (a load balancer and an nginx behind it: 2). A list trusts the proxies with those addresses
// or in those CIDR ranges, and the names proxy-addr knows for common ranges.

export type TrustedProxies = { kind: "none" } | { kind: "hops"; count: number } | { kind: "addresses"; ranges: string[] };

const NAMED_RANGES = ["loopback", "linklocal", "uniquelocal"];
const MAX_HOPS = 10;

/** Parses the setting; throws an Error that says what is wrong, so the server refuses to start. */
export function parseTrustedProxies(setting: string | undefined): TrustedProxies {
  const value = setting?.trim() ?? "";
  if (value === "" || value === "0") return { kind: "none" };
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    if (count > MAX_HOPS) throw new Error(`a hop count of ${count} is more proxies than any deployment has (at most ${MAX_HOPS})`);
    return { kind: "hops", count };
  }
  const ranges = value.split(",").map((entry) => entry.trim());
  const bad = ranges.filter((entry) => !isRange(entry));
  if (bad.length > 0) {
    throw new Error(
      `${bad.map((b) => JSON.stringify(b)).join(", ")} ${bad.length === 1 ? "is" : "are"} not an IP address, a CIDR range ` +
        `(address/prefix) or one of ${NAMED_RANGES.join(", ")}; give a hop count (1) or a comma-separated list`,
    );
  }
  return { kind: "addresses", ranges };
}

/** Strict forms only: ipaddr.js alone would also take "10.1" or "0x0a000001" for an address. */
function isRange(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0 || !isStrictAddress(address)) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (ipaddr.parse(address).kind() === "ipv4" ? 32 : 128);
}

export function isStrictAddress(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || (value.includes(":") && ipaddr.IPv6.isValid(value));
}
