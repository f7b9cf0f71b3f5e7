import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { smtpMailer, type Mailer } from "@/lib/outbox/mailer";
import { sendDueMessages } from "@/lib/outbox/send-outbox";
import { digestKey, queueStaffDigests, STALE_MS } from "@/lib/outbox/staff-digest";
import { databaseKind, testDb } from "../support/database";
import { insertSession, readyTakingTurnsCycle, smallClinic, type SmallClinic } from "../support/fixtures";
import { startTestSmtp, type TestSmtp } from "../support/smtp";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// The clinicians' morning digest (issue 15) through a real SMTP server in this process, with the
// clock passed in: when it is written, what it says (and does not), and that it goes once.

const db = await testDb();
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

/** The message as text: quoted-printable undone (soft line breaks, then =XX bytes as UTF-8), CRLF as LF. */
const body = (raw: string) =>
  Buffer.from(raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8").replace(/\r\n/g, "\n");
const tick = async (c: SmallClinic, at: Date) => {
  const queued = await queueStaffDigests(db, at, { clinicIds: [c.clinic.id] });
  const sent = await sendDueMessages(db, mailer, "test-worker", () => at, { clinicIds: [c.clinic.id] });
  return { queued: queued.queued, sent: sent.sent };
};
const receivedBy = (email: string) => smtp.received.filter((m) => m.to.includes(email));

/**
 * The Rivera couple's Taking Turns cycle (intakes and preparations completed in February, no
 * notes signed; clearances valid until 27 May 2026), a couples therapy on Wednesday 20 May 2026
 * at 10:00 in Los Angeles, and Sam's medicine session on Monday 1 June.
 */
async function riveraInMay() {
  const c = await smallClinic(db);
  const cycle = await readyTakingTurnsCycle(db, c);
  const { partnerAId: sam, partnerBId: jordan } = c.couple;
  await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-05-20T17:00:00.000Z", minutes: 60, partners: [sam, jordan] });
  const medicineAt = new Date("2026-06-01T17:00:00.000Z");
  await db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: cycle.id, kind: "MEDICINE_TAKING_TURNS", startsAt: medicineAt, endsAt: new Date(medicineAt.getTime() + 180 * 60_000),
      roomId: c.cedar.id, journeyerId: sam, clinicians: { create: [{ userId: c.therapist.id }] },
      attendees: { create: [{ clientId: sam, role: "JOURNEYER" }, { clientId: jordan, role: "SITTER" }] },
    },
  });
  return c;
}

describe(`the clinicians' morning digest (${databaseKind})`, () => {
  test("at 07:00 clinic time each clinician with something on their day gets one digest: sessions, late notes, clearances ending before a medicine session; initials only", async () => {
    const c = await riveraInMay();
    // 07:00 PDT on Wednesday 20 May is 14:00 UTC.
    expect(await tick(c, new Date("2026-05-20T13:59:00.000Z"))).toEqual({ queued: 0, sent: 0 });
    expect(await tick(c, new Date("2026-05-20T14:00:00.000Z"))).toEqual({ queued: 2, sent: 2 });
    // The next minutes, and "another process": nothing more.
    expect(await tick(c, new Date("2026-05-20T14:01:00.000Z"))).toEqual({ queued: 0, sent: 0 });
    expect(await tick(c, new Date("2026-05-20T15:30:00.000Z"))).toEqual({ queued: 0, sent: 0 });

    const [therapistMail, ...moreForTherapist] = receivedBy(c.therapist.email);
    expect(moreForTherapist).toEqual([]);
    const text = body(therapistMail!.raw);
    expect(text).toContain(`Subject: Your day at ${c.clinic.name}: `);
    expect(text).toContain("Your sessions today:\n  10:00–11:00  Couples therapy · S.R. & J.R. · Willow\n");
    // P13: the four completed sessions of February have no signed note, so all four are late.
    expect(text).toContain(
      "Notes past due (signed note missing):\n  Mon 23 Feb: Individual intake · S.R. & J.R.\n  Mon 23 Feb: Individual intake · S.R. & J.R.\n  Tue 24 Feb: Joint preparation · S.R. & J.R.\n  Wed 25 Feb: Joint preparation · S.R. & J.R.\n",
    );
    // P3 ahead: Sam's clearance lasts until 27 May, the medicine session is on 1 June. Jordan, the sitter, does not dose.
    expect(text).toContain("Clearances that end before a booked medicine session:\n  S.R.: clearance ends Wed 27 May, before the medicine: taking turns of Mon 1 Jun\n");
    expect(text).not.toContain("J.R.: clearance");
    // Minimum necessary: no surnames or first names of the couple.
    expect(text).not.toContain("Rivera");
    expect(text).not.toContain("Sam");

    // The psychiatrist who recorded the clearance hears of it too; nothing else of the day is theirs.
    const psychiatristText = body(receivedBy(c.psychiatrist.email)[0]!.raw);
    expect(psychiatristText).toMatch(/S\.R\.: clearance ends/);
    expect(psychiatristText).toContain("Your sessions today:\n  None.\n");
    // The other therapist has nothing that day: no email at all.
    expect(receivedBy(c.otherTherapist.email)).toEqual([]);

    const rows = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id }, orderBy: { key: "asc" } });
    const expected = [
      ["STAFF_DIGEST", "SENT", digestKey(c.psychiatrist.id, "2026-05-20"), c.psychiatrist.id, null],
      ["STAFF_DIGEST", "SENT", digestKey(c.therapist.id, "2026-05-20"), c.therapist.id, null],
    ].sort((a, b) => (a[2]! < b[2]! ? -1 : 1));
    expect(rows.map((r) => [r.kind, r.status, r.key, r.userId, r.clientId])).toEqual(expected);
  });

  test("follows the clinic's time across the change to daylight-saving time, and is not sent once the morning has gone", async () => {
    const c = await smallClinic(db);
    const { partnerAId: sam, partnerBId: jordan } = c.couple;
    // Los Angeles moves its clocks on Sunday 14 March 2027: 07:00 is 15:00 UTC on Friday 12th, 14:00 UTC on Monday 15th.
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-12T18:00:00.000Z", minutes: 60, partners: [sam, jordan] });
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-15T17:00:00.000Z", minutes: 60, partners: [sam, jordan] });
    expect(await tick(c, new Date("2027-03-12T14:59:00.000Z"))).toEqual({ queued: 0, sent: 0 });
    expect(await tick(c, new Date("2027-03-12T15:00:00.000Z"))).toEqual({ queued: 1, sent: 1 });
    expect(await tick(c, new Date("2027-03-15T13:59:00.000Z"))).toEqual({ queued: 0, sent: 0 });
    expect(await tick(c, new Date("2027-03-15T14:00:00.000Z"))).toEqual({ queued: 1, sent: 1 });
    const dues = await db.outboxMessage.findMany({ where: { clinicId: c.clinic.id }, orderBy: { dueAt: "asc" }, select: { dueAt: true } });
    expect(dues.map((d) => d.dueAt.toISOString())).toEqual(["2027-03-12T15:00:00.000Z", "2027-03-15T14:00:00.000Z"]);

    // A server down all Tuesday morning: at 11:00 it still sends; on Wednesday after 11:00 it does not.
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-16T21:00:00.000Z", minutes: 60, partners: [sam, jordan] });
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-17T21:00:00.000Z", minutes: 60, partners: [sam, jordan] });
    expect(await tick(c, new Date(Date.parse("2027-03-16T14:00:00.000Z") + STALE_MS))).toEqual({ queued: 1, sent: 1 });
    expect(await tick(c, new Date(Date.parse("2027-03-17T14:00:00.000Z") + STALE_MS + 60_000))).toEqual({ queued: 0, sent: 0 });
  });

  test("a clinic that switches the digest off sends none; a deactivated clinician gets none", async () => {
    const c = await smallClinic(db);
    const { partnerAId: sam, partnerBId: jordan } = c.couple;
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-05-20T17:00:00.000Z", minutes: 60, partners: [sam, jordan] });
    await db.clinic.update({ where: { id: c.clinic.id }, data: { staffDigestOn: false } });
    expect(await tick(c, new Date("2026-05-20T14:00:00.000Z"))).toEqual({ queued: 0, sent: 0 });

    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-05-21T17:00:00.000Z", minutes: 60, partners: [sam, jordan] });
    await db.clinic.update({ where: { id: c.clinic.id }, data: { staffDigestOn: true, staffDigestAtMinute: 6 * 60 + 30 } });
    await db.user.update({ where: { id: c.therapist.id }, data: { active: false } });
    expect(await tick(c, new Date("2026-05-21T13:30:00.000Z"))).toEqual({ queued: 0, sent: 0 });
    expect(await db.outboxMessage.count({ where: { clinicId: c.clinic.id } })).toBe(0);
  });
});
