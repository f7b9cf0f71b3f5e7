// The address a request came from, for the sign-in throttle and the audit log.
//
// Next's server sets X-Forwarded-For to the socket's address when a request arrives without
// one; behind a reverse proxy, the proxy appends the address it saw. Entries further left were
// written by the client and can be anything, so the right-most entry is the one to trust (with
// exactly one proxy in front, as deployed).
export function clientAddressFrom(header: (name: string) => string | null | undefined): string | null {
  const forwarded = header("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return (last || header("x-real-ip")?.trim() || null)?.slice(0, 64) ?? null;
}
