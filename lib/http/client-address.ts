import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import { isStrictAddress, type TrustedProxies } from "./trusted-proxies";

// The address a request came from, decided once at the edge from the socket and the trusted
// proxies (lib/http/trusted-proxies.ts). X-Forwarded-For entries are anyone's to write: only the
// ones appended by a trusted proxy are read, walking from the socket towards the client
// (proxy-addr, as Express does).

export type TrustTest = (address: string, hop: number) => boolean;

export function trustTest(trusted: TrustedProxies): TrustTest {
  switch (trusted.kind) {
    case "none":
      return () => false;
    case "hops":
      return (_address, hop) => hop < trusted.count;
    case "addresses":
      return proxyaddr.compile(trusted.ranges);
  }
}

/**
 * The client's address, normalised (an IPv4 client on a dual-stack socket is `1.2.3.4`, not
 * `::ffff:1.2.3.4`), or null when the socket has none (already closed).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: TrustTest): string | null {
  if (!socketAddress) return null;
  const request = { socket: { remoteAddress: socketAddress }, headers: { "x-forwarded-for": forwardedFor } };
  // The socket first, then the X-Forwarded-For entries from right to left, up to and including
  // the first one that is not a trusted proxy.
  const chain = proxyaddr.all(request as unknown as IncomingMessage, trust);
  // Garbage (or "ip:port") where a trusted proxy's entry should be: the chain is broken there,
  // so the nearest real address before it stands, and garbage never becomes a fresh identity.
  let address = chain[0];
  if (!isStrictAddress(address)) return null;
  for (const entry of chain.slice(1)) {
    if (!isStrictAddress(entry)) break;
    address = entry;
  }
  return normalised(address);
}

function normalised(address: string): string {
  return ipaddr.process(address).toString();
}
