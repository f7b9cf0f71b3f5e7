import { isIP } from "node:net";

// The address a request came from, for the sign-in throttle and the audit log.
//
// The app's HTTP server (scripts/serve.mjs, lib/http/edge.ts) decides it from the socket and the
// trusted proxies (KAP_TRUSTED_PROXIES) and writes it into a header of its own, after deleting
// whatever a client sent under that name, so a client cannot choose it. The app reads only that
// header: served any other way (a bare `next start`), there is no address rather than one the
// client wrote in X-Forwarded-For.
export const CLIENT_ADDRESS_HEADER = "x-kap-client-address";

export function clientAddressFrom(header: (name: string) => string | null | undefined): string | null {
  const address = header(CLIENT_ADDRESS_HEADER)?.trim();
  return address && isIP(address) ? address : null;
}
