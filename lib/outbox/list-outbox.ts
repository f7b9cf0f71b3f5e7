import "server-only";
import type { Staff } from "../auth/session";
import { recordReads } from "../audit/record";
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
  clientId: true,
  client: { select: { firstName: true, lastName: true } },
  user: { select: { name: true } },
} as const;

/**
 * What /admin/outbox shows: the messages still to go (queued, being sent, failed), soonest first,
 * and the latest that went or were withdrawn; whether SMTP is configured at all.
 */
export async function loadOutbox(admin: Staff) {
  const clinicId = admin.clinicId;
  const [clinic, waiting, done] = await Promise.all([
    db.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timeZone: true } }),
    db.outboxMessage.findMany({ where: { clinicId, status: { in: ["QUEUED", "SENDING", "FAILED"] } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: 200, select: MESSAGE }),
    db.outboxMessage.findMany({ where: { clinicId, status: { in: ["SENT", "WITHDRAWN"] } }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 100, select: MESSAGE }),
  ]);
  // The messages name partners and, the day before a medicine session, what it asks of them: each
  // partner whose messages the page shows is one read in the audit log (P11), as a record's page is.
  const partners = [...new Set([...waiting, ...done].flatMap((m) => (m.clientId ? [m.clientId] : [])))];
  await recordReads(admin, partners.map((clientId) => ({ action: "read", entity: "OutboxMessage", clientId, outcome: "ALLOWED" as const })));
  // A clinician's digest is theirs: its lines name couples' sessions and clearances (initials only,
  // but still their caseload), which an admin does not reach (P11). The admin sees that it went.
  const shown = <M extends { kind: string; textBody: string }>(m: M): M => (m.kind === "STAFF_DIGEST" ? { ...m, textBody: "" } : m);
  return { timeZone: clinic.timeZone, waiting: waiting.map(shown), done: done.map(shown), smtpConfigured: Boolean(env.SMTP_URL && env.SMTP_FROM), sending: env.KAP_EMAIL_SENDER === "on" };
}
export type OutboxPage = Awaited<ReturnType<typeof loadOutbox>>;
