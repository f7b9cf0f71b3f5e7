import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { addClinicDays, atClinicTime, clinicDate, formatClinicDay, isoWeekday } from "@/lib/protocol/calendar";
import { smtpMailer, type Mailer } from "@/lib/outbox/mailer";
import { queueReminders } from "@/lib/outbox/queue-reminders";
import { claimDueMessages, LEASE_MS, markSent, sendDueMessages } from "@/lib/outbox/send-outbox";
import { databaseKind, testDb } from "../support/database";
import { insertSession, readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";
import { startTestSmtp, type TestSmtp } from "../support/smtp";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { moveSessions } = await import("@/lib/scheduling/move-sessions");
const { draftMove } = await import("@/lib/scheduling/session-input");
const { cancelSession } = await import("@/lib/scheduling/session-life");

// Email reminders (issue 15) through a real SMTP server in this process (smtp-server), with the
// clock passed in: what is queued when, what arrives when, and that each message arrives once.

const db = await testDb();
const TZ = "America/Los_Angeles";
let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startTestSmtp();
  mailer = smtpMailer(smtp.url, "Test clinic <reminders@clinic.test>");
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

async function withEmails(c: SmallClinic) {
  await db.client.update({ where: { id: c.couple.partnerAId }, data: { email: `sam-${c.clinic.id}@couple.test` } });
  await db.client.update({ where: { id: c.couple.partnerBId }, data: { email: `jordan-${c.clinic.id}@couple.test` } });
  await db.clinic.update({ where: { id: c.clinic.id }, data: { contactPhone: "+1 555 0100", contactEmail: "hello@clinic.test", preparationText: "Eat lightly the evening before." } });
}

/** What the SMTP server received for a clinic's partners. */
const receivedFor = (c: SmallClinic) => smtp.received.filter((m) => m.to.some((to) => to.endsWith(`-${c.clinic.id}@couple.test`)));
const send = (c: SmallClinic, at: Date, worker = "test-worker") => sendDueMessages(db, mailer, worker, () => at, { clinicIds: [c.clinic.id] });
const queue = (c: SmallClinic, at: Date) => queueReminders(db, at, { clinicIds: [c.clinic.id] });
const body = (raw: string) => raw.replace(/=\r?\n/g, "");

function openDayAt10(days: number): { day: string; at: Date } {
  let day = clinicDate(addClinicDays(new Date(), days, TZ), TZ);
  if (isoWeekday(day, TZ) === 7) day = addClinicDays(day, 1, TZ);
  return { day, at: atClinicTime(day, 600, TZ) };
}

describe(`email reminders (${databaseKind})`, () => {
  test("a booked cycle's reminders arrive at 09:00 clinic time, across the change to daylight-saving time; only the partner who doses gets the preparation", async () => {
    const c = await smallClinic(db);
    await withEmails(c);
    const cycle = await readyTakingTurnsCycle(db, c);
    const { partnerAId: sam, partnerBId: jordan } = c.couple;
    // Los Angeles moves its clocks on Sunday 14 March 2027. The medicine session is Monday 15 March 10:00 (PDT),
    // a couples therapy on Saturday 13 March 10:00 (PST).
    const medicineAt = new Date("2027-03-15T17:00:00.000Z");
    const medicine = await db.session.create({
      data: {
        clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: cycle.id, kind: "MEDICINE_TAKING_TURNS", startsAt: medicineAt, endsAt: minutes(medicineAt, 180),
        roomId: c.cedar.id, journeyerId: sam, clinicians: { create: [{ userId: c.therapist.id }] },
        attendees: { create: [{ clientId: sam, role: "JOURNEYER" }, { clientId: jordan, role: "SITTER" }] },
      },
    });
    const therapy = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-13T18:00:00.000Z", minutes: 60, partners: [sam, jordan] });

    expect(await queue(c, new Date("2027-03-08T12:00:00.000Z"))).toEqual({ queued: 5, withdrawn: 0 });
    // Again, and again in "another process": nothing more.
    expect(await queue(c, new Date("2027-03-08T12:01:00.000Z"))).toEqual({ queued: 0, withdrawn: 0 });
    const rows = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id }, orderBy: [{ dueAt: "asc" }, { toAddress: "asc" }] });
    expect(rows.map((r) => [r.kind, r.sessionId, r.toAddress.split("-")[0], r.dueAt.toISOString()])).toEqual([
      // Thursday 11 March 09:00 PST: two days before the Saturday session.
      ["APPOINTMENT_REMINDER", therapy.id, "jordan", "2027-03-11T17:00:00.000Z"],
      ["APPOINTMENT_REMINDER", therapy.id, "sam", "2027-03-11T17:00:00.000Z"],
      // Saturday 13 March 09:00 PST: two days before Monday.
      ["APPOINTMENT_REMINDER", medicine.id, "jordan", "2027-03-13T17:00:00.000Z"],
      ["APPOINTMENT_REMINDER", medicine.id, "sam", "2027-03-13T17:00:00.000Z"],
      // Sunday 14 March 09:00 PDT (the clocks moved at 02:00): the day before, to the journeyer alone.
      ["MEDICINE_PREPARATION", medicine.id, "sam", "2027-03-14T16:00:00.000Z"],
    ]);

    // Nothing before its time; each at its time.
    expect(await send(c, new Date("2027-03-11T16:59:00.000Z"))).toEqual({ sent: 0, failed: 0 });
    expect(await send(c, new Date("2027-03-11T17:00:00.000Z"))).toEqual({ sent: 2, failed: 0 });
    expect(await send(c, new Date("2027-03-14T15:59:00.000Z"))).toEqual({ sent: 2, failed: 0 });
    expect(receivedFor(c)).toHaveLength(4);
    expect(await send(c, new Date("2027-03-14T16:00:00.000Z"))).toEqual({ sent: 1, failed: 0 });
    expect(await send(c, new Date("2027-03-20T16:00:00.000Z"))).toEqual({ sent: 0, failed: 0 });

    const got = receivedFor(c);
    expect(got).toHaveLength(5);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(5);
    for (const m of got) {
      expect(m.subject).toContain(c.clinic.name);
      expect(m.subject.toLowerCase()).not.toContain("ketamine");
      expect(m.subject.toLowerCase()).not.toContain("medicine");
      expect(body(m.raw)).toContain("+1 555 0100");
      expect(body(m.raw)).toContain("hello@clinic.test");
    }
    const preparation = got.find((m) => m.subject.startsWith("Preparing"))!;
    expect(preparation.to).toEqual([`sam-${c.clinic.id}@couple.test`]);
    expect(body(preparation.raw)).toContain("Mon 15 Mar at 10:00");
    expect(body(preparation.raw)).toContain("A ride home is required");
    expect(body(preparation.raw)).toContain("Do not drive");
    expect(body(preparation.raw)).toContain("Eat lightly the evening before.");
    const sent = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id } });
    expect(sent.map((r) => r.status)).toEqual(["SENT", "SENT", "SENT", "SENT", "SENT"]);
    expect(sent.map((r) => `<${r.key}@kap-clinic.invalid>`).sort()).toEqual(got.map((m) => m.messageId).sort());
  });

  test("a moved session's reminder follows it; a cancelled session's never arrives", async () => {
    const c = await smallClinic(db);
    await withEmails(c);
    const staff = staffOf(c.therapist);
    const first = openDayAt10(5);
    const session = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: first.at.toISOString(), minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    const now = new Date();
    expect((await queue(c, now)).queued).toBe(2);

    const later = openDayAt10(8);
    await moveSessions(staff, await draftMove(staff, { sessionId: session.id, date: later.day, time: "14:00", roomId: c.cedar.id }));
    expect(await queue(c, now)).toEqual({ queued: 2, withdrawn: 2 });
    const rows = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id }, orderBy: { dueAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["WITHDRAWN", "WITHDRAWN", "QUEUED", "QUEUED"]);
    const newStart = atClinicTime(later.day, 14 * 60, TZ);
    expect(rows.filter((r) => r.status === "QUEUED").map((r) => r.dueAt.toISOString())).toEqual(
      Array(2).fill(atClinicTime(addClinicDays(later.day, -2, TZ), 9 * 60, TZ).toISOString()),
    );

    // Past the first time's reminder: nothing. At the new one: the new time, in the Cedar room.
    expect(await send(c, atClinicTime(addClinicDays(first.day, -1, TZ), 12 * 60, TZ))).toEqual({ sent: 0, failed: 0 });
    expect(await send(c, rows[2]!.dueAt)).toEqual({ sent: 2, failed: 0 });
    const got = receivedFor(c);
    expect(got).toHaveLength(2);
    for (const m of got) {
      expect(body(m.raw)).toContain(`${formatClinicDay(newStart, TZ)} at 14:00`);
      expect(body(m.raw)).toContain("Cedar");
    }

    // A second session, cancelled after its reminders were queued: they are withdrawn and never arrive.
    const other = openDayAt10(6);
    const doomed = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: other.at.toISOString(), minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    expect((await queue(c, now)).queued).toBe(2);
    await cancelSession(staff, doomed.id, "The couple asked to");
    expect(await queue(c, now)).toEqual({ queued: 0, withdrawn: 2 });
    expect(await send(c, other.at)).toEqual({ sent: 0, failed: 0 });
    expect(receivedFor(c)).toHaveLength(2);
  });

  test("an opted-out partner gets nothing, even if she opts out after her reminder was queued", async () => {
    const c = await smallClinic(db);
    await withEmails(c);
    const at = new Date("2027-06-10T17:00:00.000Z");
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: at.toISOString(), minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    const now = new Date("2027-06-01T12:00:00.000Z");
    expect((await queue(c, now)).queued).toBe(2);
    await db.client.update({ where: { id: c.couple.partnerAId }, data: { remindersOptOut: true } });
    expect(await queue(c, now)).toEqual({ queued: 0, withdrawn: 1 });
    expect(await send(c, at)).toEqual({ sent: 1, failed: 0 });
    expect(receivedFor(c).map((m) => m.to)).toEqual([[`jordan-${c.clinic.id}@couple.test`]]);
  });

  test("a reminder still waiting when its session begins (no SMTP, or a server down for days) is withdrawn, never sent late", async () => {
    const c = await smallClinic(db);
    await withEmails(c);
    const at = new Date("2027-06-17T17:00:00.000Z");
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: at.toISOString(), minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    expect((await queue(c, new Date("2027-06-10T12:00:00.000Z"))).queued).toBe(2);
    expect(await queue(c, minutes(at, -1))).toEqual({ queued: 0, withdrawn: 0 });
    expect(await queue(c, at)).toEqual({ queued: 0, withdrawn: 2 });
    expect(await send(c, minutes(at, 5))).toEqual({ sent: 0, failed: 0 });
    expect(receivedFor(c)).toEqual([]);
  });

  test("a sender that dies mid-batch: its claims run out and a restarted sender sends each message exactly once", async () => {
    const c = await smallClinic(db);
    await withEmails(c);
    const starts = ["2027-07-12T17:00:00.000Z", "2027-07-13T17:00:00.000Z", "2027-07-14T17:00:00.000Z"];
    for (const start of starts) await insertSession(db, c, { kind: "COUPLES_THERAPY", start, minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    expect((await queue(c, new Date("2027-07-05T12:00:00.000Z"))).queued).toBe(6);
    const t = new Date("2027-07-20T12:00:00.000Z");

    // The first sender claims a batch of four, sends and records the first, and dies.
    const batch = await claimDueMessages(db, "dies", t, { clinicIds: [c.clinic.id], limit: 4 });
    expect(batch).toHaveLength(4);
    const [first] = batch;
    await mailer.send({ key: first!.key, to: first!.toAddress, subject: first!.subject, text: first!.textBody });
    expect(await markSent(db, first!, "dies", t)).toBe(true);

    // Restarted a minute later, a sender sends the two nobody claimed; the three abandoned are still leased.
    expect(await send(c, minutes(t, 1), "restarted")).toEqual({ sent: 2, failed: 0 });
    expect(await send(c, minutes(t, 2), "restarted")).toEqual({ sent: 0, failed: 0 });
    // Once the lease has run out, it sends them; then nothing is left.
    expect(await send(c, new Date(t.getTime() + LEASE_MS), "restarted")).toEqual({ sent: 3, failed: 0 });
    expect(await send(c, new Date(t.getTime() + 2 * LEASE_MS), "restarted")).toEqual({ sent: 0, failed: 0 });

    const got = receivedFor(c);
    expect(got).toHaveLength(6);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(6);
    const rows = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id } });
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill("SENT"));
    // The dead sender's three were claimed twice; the restarted sender holds their record.
    expect(rows.filter((r) => r.attempts === 2).map((r) => r.claimedBy)).toEqual(Array(3).fill("restarted"));
    // The dead sender's late word on one of them is refused: it no longer holds the claim.
    expect(await markSent(db, batch[1]!, "dies", minutes(t, 30))).toBe(false);
  });

  test("a refusing or unreachable SMTP server leaves the message queued with the reason, tried again later with back-off", async () => {
    const c = await smallClinic(db);
    await withEmails(c);
    await db.client.update({ where: { id: c.couple.partnerBId }, data: { remindersOptOut: true } });
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-08-12T17:00:00.000Z", minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    await queue(c, new Date("2027-08-05T12:00:00.000Z"));
    const t = new Date("2027-08-10T17:00:00.000Z");

    smtp.refuse("Mailbox unavailable");
    try {
      expect(await send(c, t)).toEqual({ sent: 0, failed: 1 });
    } finally {
      smtp.refuse(null);
    }
    let row = await db.outboxMessage.findFirstOrThrow({ where: { clinicId: c.clinic.id } });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1, nextAttemptAt: minutes(t, 1) });
    expect(row.lastError).toContain("Mailbox unavailable");

    // Nothing listens on port 9 here: connection refused.
    const nowhere = smtpMailer("smtp://127.0.0.1:9", "reminders@clinic.test");
    expect(await sendDueMessages(db, nowhere, "w", () => minutes(t, 1), { clinicIds: [c.clinic.id] })).toEqual({ sent: 0, failed: 1 });
    nowhere.close();
    row = await db.outboxMessage.findFirstOrThrow({ where: { clinicId: c.clinic.id } });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 2, nextAttemptAt: minutes(t, 1 + 2) });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);

    expect(await send(c, minutes(t, 2))).toEqual({ sent: 0, failed: 0 });
    expect(await send(c, minutes(t, 3))).toEqual({ sent: 1, failed: 0 });
    expect(receivedFor(c)).toHaveLength(1);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { clinicId: c.clinic.id } })).toMatchObject({ status: "SENT", attempts: 3, lastError: null });
  });
});
