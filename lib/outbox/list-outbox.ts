import "server-only";
import { db } from "../db";
import { env } from "../env";

const MESSAGE = {
  id: true,
  kind: true,
  toAddress: true,
  subject: true,
  textBody: true,
  dueAt: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  sentAt: true,
  withdrawnAt: true,
  client: { select: { firstName: true, lastName: true } },
} as const;

/**
 * What /admin/outbox shows: the messages still to go (queued, being sent, failed), soonest first,
 * and the latest that went or were withdrawn; whether SMTP is configured at all.
 */
export async function loadOutbox(clinicId: string) {
  const [clinic, waiting, done] = await Promise.all([
    db.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timeZone: true } }),
    db.outboxMessage.findMany({ where: { clinicId, status: { in: ["QUEUED", "SENDING", "FAILED"] } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: 200, select: MESSAGE }),
    db.outboxMessage.findMany({ where: { clinicId, status: { in: ["SENT", "WITHDRAWN"] } }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 100, select: MESSAGE }),
  ]);
  return { timeZone: clinic.timeZone, waiting, done, smtpConfigured: Boolean(env.SMTP_URL && env.SMTP_FROM), sending: env.KAP_EMAIL_SENDER === "on" };
}
export type OutboxPage = Awaited<ReturnType<typeof loadOutbox>>;
