import "server-only";
import type { Tx } from "../db";

// One-time measure links are opened without an account, so what guards them besides the token's
// 256 random bits is a limit per client address, in the manner of the sign-in throttle
// (lib/auth/throttle.ts): the address is the one the app's edge decided from the socket and the
// trusted proxies (lib/auth/address.ts), refusals are counted in a window under an advisory lock
// on the address so that concurrent tries cannot all slip under the limit, and a throttled try
// looks nothing up. What is counted is the audit log's own rows: every opening and submission
// of a link is audited with its address, and a refused one (an unknown, expired or used link) is
// a DENIED row. No table of its own is needed.

export const LINK_THROTTLE = {
  windowMinutes: 15,
  /** Refused tries from one address in the window before it is held off. */
  refusals: 10,
} as const;

export const THROTTLED = `Too many tries from your network. Please wait ${LINK_THROTTLE.windowMinutes} minutes and try again.`;

/** The audit actions of a link's public life, counted by the throttle when refused. */
export const LINK_ACTIONS = { open: "open-link", submit: "submit-link" } as const;

/** Advisory-lock namespace: the sign-in throttle uses 1 (address) and 2 (email); calendar feeds 4. */
const LOCK_NAMESPACE = 3;

// Tries from one address queue on its lock; the sign-in throttle found Prisma's default 2 s to
// start too short for a burst.
export const QUEUE_ON_LOCKS = { maxWait: 20_000, timeout: 20_000 };

/** What one kind of public address counts: its audit rows' entity and actions, and its lock's namespace. */
export type PublicTries = { entity: string; actions: readonly string[]; namespace: number };

const MEASURE_LINK_TRIES: PublicTries = { entity: "MeasureLink", actions: [LINK_ACTIONS.open, LINK_ACTIONS.submit], namespace: LOCK_NAMESPACE };

/**
 * Whether this address is held off now. Call inside the transaction that then looks the link up
 * and audits the try: the lock is held until it commits, so the next try from the address counts
 * this one. Without an address (served without the app's edge) there is nothing to count by.
 */
export function linkTriesThrottled(tx: Tx, ip: string | null, now: Date): Promise<boolean> {
  return publicTriesThrottled(tx, ip, now, MEASURE_LINK_TRIES);
}

/**
 * The same limit for any address whose token is the credential (a measure link, a calendar
 * feed): LINK_THROTTLE.refusals refused tries of that kind from the address in the window.
 */
export async function publicTriesThrottled(tx: Tx, ip: string | null, now: Date, what: PublicTries): Promise<boolean> {
  if (!ip) return false;
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${what.namespace}::int, hashtext(${ip}))) AS lock`;
  const refused = await tx.auditEvent.count({
    where: {
      ip,
      entity: what.entity,
      action: { in: [...what.actions] },
      outcome: "DENIED",
      at: { gt: new Date(now.getTime() - LINK_THROTTLE.windowMinutes * 60_000) },
    },
  });
  return refused >= LINK_THROTTLE.refusals;
}
