import { isIP } from "node:net";

// The address a request came from, for the sign-in throttle and the audit log.
//
// The app's HTTP server (scripts/serve.mjs, lib/http/edge.ts) decides it from the socket and
// the trusted proxies (KAP_TRUSTED_PROXIES) and overwrites X-Forwarded-For with that one address
// before Next.js sees the request, so a client cannot choose it. Anything else in the header
// (a list, or garbage) did not come from that server, and is no address.
export function clientAddressFrom(header: (name: string) => string | null | undefined): string | null {
  const address = header("x-forwarded-for")?.trim();
  return address && isIP(address) ? address : null;
}
