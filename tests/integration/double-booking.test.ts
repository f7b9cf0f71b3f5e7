import { beforeEach, describe, expect, test } from "vitest";
import { databaseFailureOf } from "@/lib/db/errors";
import type { Db } from "@/lib/db/prisma";
import { databaseKind, testDb } from "../support/database";
import { makeCouple, smallClinic } from "../support/fixtures";

// P8 is the database's job: EXCLUDE constraints on rooms, clinicians and partners. These tests
// book straight through Prisma, with no read-then-write check in front, so only the
// constraints can stop a double booking.

describe(`P8 double booking on ${databaseKind}`, () => {
  const t = { db: undefined as unknown as Db };
  let c: Awaited<ReturnType<typeof smallClinic>>;
  beforeEach(async () => {
    t.db = await testDb();
    c = await smallClinic(t.db);
  });

  type Booking = { coupleId?: string; partners?: string[]; roomId?: string | null; clinicianId?: string; start: string; end: string };
  const book = (b: Booking) => {
    const couple = b.coupleId ?? c.couple.id;
    const partners = b.partners ?? [c.couple.partnerAId, c.couple.partnerBId];
    return t.db.session.create({
      data: {
        clinicId: c.clinic.id,
        coupleId: couple,
        kind: "COUPLES_THERAPY",
        startsAt: new Date(b.start),
        endsAt: new Date(b.end),
        roomId: b.roomId === undefined ? c.willow.id : b.roomId,
        clinicians: { create: [{ userId: b.clinicianId ?? c.therapist.id }] },
        attendees: { create: partners.map((clientId) => ({ clientId })) },
      },
    });
  };
  const sessionsOf = (clinicId: string) => t.db.session.count({ where: { clinicId, status: { not: "CANCELLED" } } });

  /**
   * The loser is refused by the EXCLUDE constraint, or, when both inserts were in flight at once
   * and each waited on the other's check, aborted by PostgreSQL as a deadlock: refused either way.
   * (lib/scheduling retries a deadlock once the other has committed, to name the clash.)
   */
  const refusedBy = (constraint: string) =>
    expect.toSatisfy((f: { code: string; constraint?: string } | null) => (f?.code === "23P01" && f.constraint === constraint) || f?.code === "40P01");

  async function race(a: Booking, b: Booking) {
    const results = await Promise.allSettled([book(a), book(b)]);
    const failures = results.filter((r) => r.status === "rejected").map((r) => databaseFailureOf((r as PromiseRejectedResult).reason));
    return { fulfilled: results.filter((r) => r.status === "fulfilled").length, failures };
  }

  test("two concurrent overlapping bookings of one room: exactly one is stored", async () => {
    const other = await makeCouple(t.db, c.clinic.id, c.otherTherapist.id, "Okafor");
    const { fulfilled, failures } = await race(
      { start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" },
      { coupleId: other.id, partners: [other.partnerAId, other.partnerBId], clinicianId: c.otherTherapist.id, start: "2026-03-03T18:30:00Z", end: "2026-03-03T19:30:00Z" },
    );
    expect(fulfilled).toBe(1);
    expect(failures).toEqual([refusedBy("Session_room_no_overlap")]);
    expect(await sessionsOf(c.clinic.id)).toBe(1);
  });

  test("two concurrent overlapping bookings of one clinician in different rooms: exactly one is stored", async () => {
    const other = await makeCouple(t.db, c.clinic.id, c.therapist.id, "Okafor");
    const { fulfilled, failures } = await race(
      { start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" },
      { coupleId: other.id, partners: [other.partnerAId, other.partnerBId], roomId: c.cedar.id, start: "2026-03-03T18:59:00Z", end: "2026-03-03T20:00:00Z" },
    );
    expect(fulfilled).toBe(1);
    expect(failures).toEqual([refusedBy("SessionClinician_no_overlap")]);
    expect(await sessionsOf(c.clinic.id)).toBe(1);
  });

  test("two concurrent overlapping bookings of one partner with different clinicians and rooms: exactly one is stored", async () => {
    const { fulfilled, failures } = await race(
      { partners: [c.couple.partnerAId], start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" },
      { partners: [c.couple.partnerAId], roomId: c.cedar.id, clinicianId: c.psychiatrist.id, start: "2026-03-03T17:30:00Z", end: "2026-03-03T18:30:00Z" },
    );
    expect(fulfilled).toBe(1);
    expect(failures).toEqual([refusedBy("SessionAttendee_no_overlap")]);
    expect(await sessionsOf(c.clinic.id)).toBe(1);
  });

  test("touching intervals are allowed for the same room, clinician and partners", async () => {
    await book({ start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" });
    await book({ start: "2026-03-03T19:00:00Z", end: "2026-03-03T20:00:00Z" });
    await book({ start: "2026-03-03T17:00:00Z", end: "2026-03-03T18:00:00Z" });
    expect(await sessionsOf(c.clinic.id)).toBe(3);
  });

  test("a cancelled session frees its room, clinician and partners", async () => {
    const first = await book({ start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" });
    await expect(book({ start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" })).rejects.toThrow(/exclusion constraint/);
    await t.db.session.update({ where: { id: first.id }, data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "Couple asked to move" } });
    const attendees = await t.db.sessionAttendee.findMany({ where: { sessionId: first.id } });
    expect(attendees.map((a) => a.sessionStatus)).toEqual(["CANCELLED", "CANCELLED"]);
    await book({ start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" });
    expect(await sessionsOf(c.clinic.id)).toBe(1);
  });

  test("moving a session onto a clinician's other session is refused and changes nothing", async () => {
    const other = await makeCouple(t.db, c.clinic.id, c.therapist.id, "Okafor");
    await book({ start: "2026-03-03T18:00:00Z", end: "2026-03-03T19:00:00Z" });
    const second = await book({ coupleId: other.id, partners: [other.partnerAId, other.partnerBId], roomId: c.cedar.id, start: "2026-03-03T20:00:00Z", end: "2026-03-03T21:00:00Z" });
    const move = t.db.session.update({ where: { id: second.id }, data: { startsAt: new Date("2026-03-03T18:30:00Z"), endsAt: new Date("2026-03-03T19:30:00Z") } });
    await expect(move).rejects.toSatisfy((e) => databaseFailureOf(e)?.constraint === "SessionClinician_no_overlap");
    const after = await t.db.session.findUniqueOrThrow({ where: { id: second.id }, include: { clinicians: true } });
    expect(after.startsAt.toISOString()).toBe("2026-03-03T20:00:00.000Z");
    expect(after.clinicians[0].sessionStartsAt.toISOString()).toBe("2026-03-03T20:00:00.000Z");
  });

  test("a session must end after it starts, and a couple has two distinct partners", async () => {
    await expect(book({ start: "2026-03-03T19:00:00Z", end: "2026-03-03T19:00:00Z" })).rejects.toSatisfy(
      (e) => databaseFailureOf(e)?.constraint === "Session_ends_after_start",
    );
    const create = t.db.couple.create({
      data: { clinicId: c.clinic.id, partnerAId: c.couple.partnerAId, partnerBId: c.couple.partnerAId, couplesTherapistId: c.therapist.id, partnerAKapTherapistId: c.therapist.id, partnerBKapTherapistId: c.therapist.id },
    });
    await expect(create).rejects.toSatisfy((e) => databaseFailureOf(e)?.constraint === "Couple_two_distinct_partners");
  });
});
