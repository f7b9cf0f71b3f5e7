import "server-only";
import type { Db } from "../db/prisma";
import { Prisma } from "../db/generated/prisma/client";
import { MEDICINE_KINDS } from "../protocol/cycle";
import { composeReminder, reminderDueAt, reminderKey, type ReminderKind } from "./compose";

// What gets queued: a periodic reconcile rather than a hook in every path that books, moves or
// cancels a session (booking, plans, moves, cancellations, restores, the seed). It reads the
// sessions of the coming days and queues each partner's reminders by their key (kind, session,
// partner, the session's start), which the database keeps unique, so running it again — in the
// same process, after a restart, or in every worker at once — adds nothing; and it withdraws the
// queued messages whose session moved, was cancelled, or whose partner opted out or left no
// email. The price is that a change reaches the outbox at the sender's next tick (a minute), well
// inside the days before a reminder is due.

/** Sessions starting within this many days after the reminder's own lead are queued ahead, so the outbox shows them. */
const LOOKAHEAD_DAYS = 7;

export type QueueResult = { queued: number; withdrawn: number };

/** Queues the reminders due for the sessions of the coming days and withdraws those no longer wanted. */
export async function queueReminders(database: Db, now = new Date(), options: { clinicIds?: string[] } = {}): Promise<QueueResult> {
  const withdrawn = await withdrawStale(database, now, options.clinicIds);
  const clinics = await database.clinic.findMany({
    where: options.clinicIds ? { id: { in: options.clinicIds } } : {},
    select: { id: true, name: true, timeZone: true, reminderDaysBefore: true, reminderAtMinute: true, preparationText: true, contactPhone: true, contactEmail: true },
  });
  let queued = 0;
  for (const clinic of clinics) {
    const until = new Date(now.getTime() + (clinic.reminderDaysBefore + 1 + LOOKAHEAD_DAYS) * 86_400_000);
    const sessions = await database.session.findMany({
      where: { clinicId: clinic.id, status: "SCHEDULED", startsAt: { gt: now, lte: until } },
      select: {
        id: true,
        kind: true,
        startsAt: true,
        room: { select: { name: true } },
        attendees: { select: { role: true, client: { select: { id: true, firstName: true, preferredName: true, email: true, remindersOptOut: true } } } },
      },
    });
    const rows: { key: string; values: Prisma.Sql }[] = [];
    for (const session of sessions) {
      for (const { role, client } of session.attendees) {
        if (!client.email || client.remindersOptOut) continue;
        const kinds: ReminderKind[] = ["APPOINTMENT_REMINDER"];
        // The day-before instructions are for whoever takes the medicine, not a Taking Turns sitter.
        if (MEDICINE_KINDS.includes(session.kind) && role !== "SITTER") kinds.push("MEDICINE_PREPARATION");
        for (const kind of kinds) {
          const dueAt = reminderDueAt(kind, session.startsAt, clinic);
          const { subject, text } = composeReminder(kind, clinic, { id: session.id, kind: session.kind, startsAt: session.startsAt, roomName: session.room?.name ?? null }, { ...client, email: client.email });
          const key = reminderKey(kind, session.id, client.id, session.startsAt);
          rows.push({ key, values: Prisma.sql`(${clinic.id}::uuid, ${key}, ${kind}::"OutboxKind", ${session.id}::uuid, ${client.id}::uuid, NULL, ${session.startsAt}, ${client.email}, ${subject}, ${text}, ${dueAt}, ${dueAt}, ${now})` });
        }
      }
    }
    // In the keys' order, so that processes queuing the same rows at once lock them in one order (no deadlock).
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (rows.length > 0) queued += await upsertMessages(database, rows.map((row) => row.values), now);
  }
  return { queued, withdrawn };
}

/**
 * Withdraws the unsent messages whose session no longer takes place at the time they were written
 * for (moved, cancelled, checked in) or has begun (a reminder after the fact helps nobody), or
 * whose partner opted out or has no email now. A message being sent (SENDING) is left to its sender.
 */
async function withdrawStale(database: Db, now: Date, clinicIds?: string[]): Promise<number> {
  const clinicFilter = clinicIds ? Prisma.sql`AND m."clinicId" = ANY(${clinicIds}::uuid[])` : Prisma.empty;
  return database.$executeRaw`
    UPDATE "OutboxMessage" AS m
       SET "status" = 'WITHDRAWN', "withdrawnAt" = ${now}, "updatedAt" = ${now}
      FROM "Session" AS s, "Client" AS c
     WHERE m."sessionId" = s."id" AND m."clientId" = c."id"
       AND m."status" IN ('QUEUED', 'FAILED') ${clinicFilter}
       AND (s."status" <> 'SCHEDULED' OR s."startsAt" IS DISTINCT FROM m."sessionStartsAt" OR s."startsAt" <= ${now}
            OR c."remindersOptOut" OR c."email" IS DISTINCT FROM m."toAddress")`;
}

/**
 * Inserts the messages by key. A key already there is left alone unless its words changed (a room,
 * an address, the clinic's settings) while it waits, or it was withdrawn and is wanted again (a
 * session moved back to its first time, a partner who opted in again): then it is rewritten and
 * queued afresh. Sent, sending and failed messages are never touched. Returns the rows written.
 * Each row is (clinicId, key, kind, sessionId, clientId, userId, sessionStartsAt, toAddress,
 * subject, textBody, dueAt, nextAttemptAt, updatedAt).
 */
export async function upsertMessages(database: Db, rows: Prisma.Sql[], now: Date): Promise<number> {
  return database.$executeRaw`
    INSERT INTO "OutboxMessage" ("clinicId", "key", "kind", "sessionId", "clientId", "userId", "sessionStartsAt", "toAddress", "subject", "textBody", "dueAt", "nextAttemptAt", "updatedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("key") DO UPDATE
       SET "toAddress" = EXCLUDED."toAddress", "subject" = EXCLUDED."subject", "textBody" = EXCLUDED."textBody",
           "dueAt" = EXCLUDED."dueAt",
           "nextAttemptAt" = CASE WHEN "OutboxMessage"."status" = 'WITHDRAWN' OR "OutboxMessage"."attempts" = 0 THEN EXCLUDED."dueAt" ELSE "OutboxMessage"."nextAttemptAt" END,
           "attempts" = CASE WHEN "OutboxMessage"."status" = 'WITHDRAWN' THEN 0 ELSE "OutboxMessage"."attempts" END,
           "lastError" = CASE WHEN "OutboxMessage"."status" = 'WITHDRAWN' THEN NULL ELSE "OutboxMessage"."lastError" END,
           "status" = 'QUEUED', "withdrawnAt" = NULL, "updatedAt" = ${now}
     WHERE "OutboxMessage"."status" = 'WITHDRAWN'
        OR ("OutboxMessage"."status" = 'QUEUED' AND ("OutboxMessage"."toAddress", "OutboxMessage"."subject", "OutboxMessage"."textBody", "OutboxMessage"."dueAt")
            IS DISTINCT FROM (EXCLUDED."toAddress", EXCLUDED."subject", EXCLUDED."textBody", EXCLUDED."dueAt"))`;
}
