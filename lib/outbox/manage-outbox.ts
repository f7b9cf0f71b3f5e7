import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";

// What an admin does with one message on /admin/outbox: try a failed one again now (after fixing
// SMTP, say) rather than wait for its back-off, or after it gave up. Only a message still waiting
// can change: a sent one is history, and one being sent belongs to its sender until its lease
// runs out; the change is one conditional UPDATE, so it cannot race the sender's claim. There is
// no "withdraw": the reminders are reconciled every minute with the sessions, so a reminder that
// should not go is stopped at its source (the partner's "no email reminders", or the session).

/** A failed (or still failing) message goes out at the sender's next tick, its tries counted afresh. */
export async function retryMessage(staff: Staff, messageId: string, now = new Date()): Promise<void> {
  const { count } = await db.outboxMessage.updateMany({
    where: { id: messageId, clinicId: staff.clinicId, OR: [{ status: "FAILED" }, { status: "QUEUED", lastError: { not: null } }] },
    data: { status: "QUEUED", attempts: 0, lastError: null, nextAttemptAt: now },
  });
  if (count === 0) {
    const message = await db.outboxMessage.findFirst({ where: { id: messageId, clinicId: staff.clinicId }, select: { status: true } });
    if (!message) throw new NotFoundError("The message");
    const why = { SENT: "it has been sent", SENDING: "it is being sent right now", WITHDRAWN: "it has been withdrawn", QUEUED: "it has not failed", FAILED: "" }[message.status];
    throw new InvalidInputError(`This message cannot be tried again: ${why}.`);
  }
  await recordAudit(db, staff, { action: "retry", entity: "OutboxMessage", entityId: messageId, outcome: "ALLOWED" });
}
