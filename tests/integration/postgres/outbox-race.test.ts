import { afterAll, expect, test } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/prisma";
import { smtpMailer, type Mailer } from "@/lib/outbox/mailer";
import { queueReminders } from "@/lib/outbox/queue-reminders";
import { sendDueMessages } from "@/lib/outbox/send-outbox";
import { testDb } from "../../support/database";
import { insertSession, makeCouple, smallClinic } from "../../support/fixtures";
import { startTestSmtp } from "../../support/smtp";

// Issue 15: every worker of npm start (and every server on one PostgreSQL) runs the email sender.
// Here four stand for four processes, each with its own pool, Prisma client and SMTP connection;
// they queue and send the same clinic's reminders at the same moment, and each message arrives once.

const db = await testDb();
const url = process.env.DATABASE_URL!;
const smtp = await startTestSmtp();
const opened: OpenDatabase[] = [];
const mailers: Mailer[] = [];
afterAll(async () => {
  for (const mailer of mailers) mailer.close();
  for (const database of opened) await database.close();
  await smtp.close();
});

test("four senders at once on one PostgreSQL: each reminder is queued once and arrives exactly once", async () => {
  const c = await smallClinic(db);
  const couples = [];
  for (let i = 0; i < 10; i++) couples.push(await makeCouple(db, c.clinic.id, c.therapist.id, `Race${i}`));
  for (const [i, couple] of couples.entries()) {
    await db.client.update({ where: { id: couple.partnerAId }, data: { email: `a${i}-${c.clinic.id}@couple.test` } });
    await db.client.update({ where: { id: couple.partnerBId }, data: { email: `b${i}-${c.clinic.id}@couple.test` } });
    // One room each hour, so that the sessions never overlap.
    const start = new Date(Date.UTC(2027, 4, 10 + Math.floor(i / 5), 16 + (i % 5) * 1));
    await insertSession(db, { ...c, couple }, { kind: "COUPLES_THERAPY", start: start.toISOString(), minutes: 60, partners: [couple.partnerAId, couple.partnerBId], roomId: i % 2 ? c.cedar.id : c.willow.id });
  }
  const servers = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const database = await openDatabase({ kind: "postgres", url }, { poolSize: 2 });
      opened.push(database);
      const mailer = smtpMailer(smtp.url, "reminders@clinic.test");
      mailers.push(mailer);
      return { client: createPrismaClient(database.factory), mailer };
    }),
  );
  const only = { clinicIds: [c.clinic.id] };
  const queuedAt = new Date("2027-05-05T12:00:00.000Z");
  const queued = await Promise.all(servers.map(({ client }) => queueReminders(client, queuedAt, only)));
  // Racing inserts of one key: one wins, the others add nothing.
  expect(queued.reduce((sum, q) => sum + q.queued, 0)).toBe(20);
  expect(await db.outboxMessage.count({ where: { clinicId: c.clinic.id } })).toBe(20);

  const sendAt = new Date("2027-05-12T12:00:00.000Z");
  const results = await Promise.all(servers.map(({ client, mailer }, i) => sendDueMessages(client, mailer, `worker-${i}`, () => sendAt, { ...only, limit: 3 })));
  expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(20);
  expect(results.every((r) => r.failed === 0)).toBe(true);

  const got = smtp.received.filter((m) => m.to.some((to) => to.endsWith(`-${c.clinic.id}@couple.test`)));
  expect(got).toHaveLength(20);
  expect(new Set(got.map((m) => m.messageId)).size).toBe(20);
  const rows = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id } });
  expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(20).fill(["SENT", 1]));
});
