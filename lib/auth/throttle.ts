import "server-only";
import type { Db, Tx } from "../db";

// Failed sign-ins are throttled two ways (OWASP's Authentication Cheat Sheet):
//
// - Per address: many failures from one address (any accounts) in the window block that
//   address for a while: one guesser, many accounts.
// - Per account: a few failures for one email (from any address) in the window lock the email
//   briefly: many guessers, one account. So that a stranger cannot keep a real person out, the
//   lock is short, refused attempts do not extend it, and it does not apply at all on an address
//   where this account signed in successfully lately (the clinic's own network, say). There the
//   person's own address counts its failures separately, with the per-account limit.
//
// Counts are by the email as typed, whether or not an account has it, so being throttled says
// nothing about which emails have accounts. A throttled attempt does not check the password.

export const THROTTLE = {
  windowMinutes: 15,
  accountFailures: 5,
  accountLockMinutes: 5,
  addressFailures: 20,
  knownAddressDays: 30,
  /** Attempts older than this are deleted: they no longer count for anything. */
  keepDays: 31,
} as const;

const MINUTE = 60_000;

export type ThrottleVerdict = "allowed" | "address" | "account";

/**
 * Whether this email may try a password from this address now. Attempts count from the start of
 * the window with no upper bound at `now`: an attempt stamped later than `now` was written by a
 * request that read its clock later but took the lock first, and it happened all the same. (With
 * `at <= now`, 50 racing guesses each missed the others' later-stamped rows and up to 9 were let
 * through to the password check.)
 */
export async function throttleVerdict(tx: Tx | Db, email: string, ip: string | null, now: Date): Promise<ThrottleVerdict> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * MINUTE);
  if (ip) {
    const fromAddress = await tx.signInAttempt.count({ where: { ip, outcome: "FAILED", at: { gt: windowStart } } });
    if (fromAddress >= THROTTLE.addressFailures) return "address";
  }
  const known =
    ip !== null &&
    (await tx.signInAttempt.count({
      where: { email, ip, outcome: "SUCCEEDED", at: { gt: new Date(now.getTime() - THROTTLE.knownAddressDays * 24 * 60 * MINUTE) } },
      take: 1,
    })) > 0;
  // On a known address only that address's own failures count against the account.
  const failures = await tx.signInAttempt.findMany({
    where: { email, outcome: "FAILED", at: { gt: windowStart }, ...(known ? { ip } : {}) },
    orderBy: { at: "desc" },
    take: THROTTLE.accountFailures,
    select: { at: true },
  });
  if (failures.length < THROTTLE.accountFailures) return "allowed";
  const lockedUntil = failures[0].at.getTime() + THROTTLE.accountLockMinutes * MINUTE;
  return now.getTime() < lockedUntil ? "account" : "allowed";
}

// Racing attempts queue on the locks, each holding its transaction (and a pooled connection)
// open: Prisma's default 2 s to start and 5 s to finish turned a burst of 50 guesses into errors.
const QUEUE_ON_LOCKS = { maxWait: 20_000, timeout: 20_000 };

/** Advisory-lock namespaces (the first key of pg_advisory_xact_lock(int, int)), so an address never shares a lock with an email. */
const LOCK = { address: 1, email: 2 } as const;

/**
 * Decides whether this attempt may check a password, and counts it, in one step: the attempt is
 * written as FAILED (or THROTTLED) before the password is checked, under a lock on the address and
 * one on the email, so concurrent guesses at one account, or from one address, cannot all slip
 * under the limit. Every attempt takes the address lock before the email lock, so two attempts
 * never wait for each other crosswise. Without a given `now`, the attempt's time is read once the
 * locks are held, so attempts are stamped in the order they were decided. A correct password then
 * turns it into SUCCEEDED (`markSignInSucceeded`).
 */
export async function admitSignInAttempt(db: Db, email: string, ip: string | null, now?: Date): Promise<{ verdict: ThrottleVerdict; attemptId: bigint; at: Date }> {
  return db.$transaction(async (tx) => {
    if (ip) await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${LOCK.address}::int, hashtext(${ip}))) AS lock`;
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${LOCK.email}::int, hashtext(${email}))) AS lock`;
    const at = now ?? new Date();
    const verdict = await throttleVerdict(tx, email, ip, at);
    const attempt = await tx.signInAttempt.create({
      data: { email, ip, at, outcome: verdict === "allowed" ? "FAILED" : "THROTTLED" },
      select: { id: true },
    });
    return { verdict, attemptId: attempt.id, at };
  }, QUEUE_ON_LOCKS);
}

export async function markSignInSucceeded(db: Db, attemptId: bigint, now: Date): Promise<void> {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { outcome: "SUCCEEDED" } });
  await db.signInAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - THROTTLE.keepDays * 24 * 60 * MINUTE) } } });
}
