import "server-only";
import { Prisma } from "../db/generated/prisma/client";
import type { Db } from "../db/prisma";
import type { Mailer } from "./mailer";

// The sender: claims due messages and sends them, each once. The claim is one UPDATE of rows
// picked with FOR UPDATE SKIP LOCKED, so two processes on one PostgreSQL (the workers of npm
// start, or several servers) never take the same row; the embedded PGlite has one connection and
// one process, where the same statement is trivially exclusive. A claimed row is SENDING with a
// lease: if its process dies before marking it SENT, the lease runs out and a sender takes it
// again. SMTP itself has no exactly-once, so the only possible repeat is a message whose server
// accepted it in the moment before the crash (see mailer.ts: its Message-ID is its key).

/** How long a claim holds: well beyond one SMTP delivery (the mailer gives up after 30 s idle). */
export const LEASE_MS = 5 * 60_000;
/** A message that fails this many times stops being tried (FAILED, its reason shown). */
export const MAX_ATTEMPTS = 8;
const BATCH = 20;

/** The wait before the next try after `attempts` failures: 1, 2, 4 … minutes, at most 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 2 * 60 * 60_000);
}

/** `clinicIds` limits the sender to some clinics (tests); `limit` is the claim's batch. */
export type SendOptions = { clinicIds?: string[]; limit?: number };

export type ClaimedMessage = { id: string; key: string; toAddress: string; subject: string; textBody: string; attempts: number };

/**
 * Claims up to `limit` messages due at `now`: queued ones whose next attempt has come, and sending
 * ones whose lease ran out (their sender died). Each claimed row is SENDING, leased to `worker`.
 */
export async function claimDueMessages(database: Db, worker: string, now = new Date(), options: SendOptions = {}): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const clinicFilter = options.clinicIds ? Prisma.sql`AND "clinicId" = ANY(${options.clinicIds}::uuid[])` : Prisma.empty;
  // The locking select is a CTE, which PostgreSQL evaluates once: the claim is exactly the rows it locked.
  return database.$queryRaw<ClaimedMessage[]>`
    WITH due AS (
      SELECT "id" FROM "OutboxMessage"
       WHERE (("status" = 'QUEUED' AND "nextAttemptAt" <= ${now}) OR ("status" = 'SENDING' AND "leaseUntil" <= ${now})) ${clinicFilter}
       ORDER BY "nextAttemptAt"
       LIMIT ${options.limit ?? BATCH}
       FOR UPDATE SKIP LOCKED)
    UPDATE "OutboxMessage" AS m
       SET "status" = 'SENDING', "claimedAt" = ${now}, "claimedBy" = ${worker}, "leaseUntil" = ${leaseUntil},
           "attempts" = m."attempts" + 1, "updatedAt" = ${now}
      FROM due
     WHERE m."id" = due."id"
    RETURNING m."id", m."key", m."toAddress", m."subject", m."textBody", m."attempts"`;
}

/** Records a claimed message as sent, if this worker still holds its claim. */
export async function markSent(database: Db, message: ClaimedMessage, worker: string, now = new Date()): Promise<boolean> {
  const { count } = await database.outboxMessage.updateMany({
    where: { id: message.id, status: "SENDING", claimedBy: worker },
    data: { status: "SENT", sentAt: now, lastError: null, leaseUntil: null },
  });
  return count === 1;
}

/** Puts a claimed message back to be tried later (or FAILED after the last try), with the reason. */
export async function markFailed(database: Db, message: ClaimedMessage, worker: string, reason: string, now = new Date()): Promise<void> {
  const last = message.attempts >= MAX_ATTEMPTS;
  await database.outboxMessage.updateMany({
    where: { id: message.id, status: "SENDING", claimedBy: worker },
    data: {
      status: last ? "FAILED" : "QUEUED",
      lastError: reason.slice(0, 1000),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
      leaseUntil: null,
    },
  });
}

export type SendResult = { sent: number; failed: number };

/** Claims and sends every due message, batch by batch, until none is due. */
export async function sendDueMessages(database: Db, mailer: Mailer, worker: string, now: () => Date = () => new Date(), options: SendOptions = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueMessages(database, worker, now(), options);
    if (batch.length === 0) return result;
    for (const message of batch) {
      try {
        await mailer.send({ key: message.key, to: message.toAddress, subject: message.subject, text: message.textBody });
      } catch (error) {
        await markFailed(database, message, worker, reasonOf(error), now());
        result.failed++;
        continue;
      }
      await markSent(database, message, worker, now());
      result.sent++;
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const response = (error as { response?: unknown }).response;
    return typeof response === "string" && response ? `${error.message} (${response})` : error.message;
  }
  return String(error);
}
