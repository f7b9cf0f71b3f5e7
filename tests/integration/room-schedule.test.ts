import { beforeEach, expect, test } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { integrationStart, roomSchedule } from "@/lib/sessions/room-schedule";
import { databaseKind, testDb } from "../support/database";
import { smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// The room calendar's query: the week's sessions of every room, names only where the viewer's
// scope reaches. Times are the clinic's (America/Los_Angeles, UTC-8 in early March 2026).
const TZ = "America/Los_Angeles";
let db: Db;
let c: SmallClinic;

beforeEach(async () => {
  db = await testDb();
  c = await smallClinic(db);
});

async function session(coupleId: string, clinicianId: string, partners: string[], start: string, minutes: number, extra: Record<string, unknown> = {}) {
  return db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId, kind: "COUPLES_THERAPY", startsAt: new Date(start), endsAt: new Date(new Date(start).getTime() + minutes * 60_000), roomId: c.willow.id,
      clinicians: { create: [{ userId: clinicianId }] }, attendees: { create: partners.map((clientId) => ({ clientId })) }, ...extra,
    },
  });
}

test(`a week's sessions in order, each couple named only for those who may see it (${databaseKind})`, async () => {
  const rivera = [c.couple.partnerAId, c.couple.partnerBId];
  const chen = [c.otherCouple.partnerAId, c.otherCouple.partnerBId];
  const mine = await session(c.couple.id, c.therapist.id, rivera, "2026-03-03T18:00:00Z", 60); // Tue 10:00
  const theirs = await session(c.otherCouple.id, c.otherTherapist.id, chen, "2026-03-02T17:00:00Z", 60); // Mon 09:00
  const cancelled = await session(c.otherCouple.id, c.otherTherapist.id, chen, "2026-03-04T17:00:00Z", 60, { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "Couple asked" });
  await session(c.couple.id, c.therapist.id, rivera, "2026-03-02T07:00:00Z", 60); // Sun 1 Mar 23:00: the week before
  await session(c.couple.id, c.therapist.id, rivera, "2026-03-09T17:00:00Z", 60); // Mon 9 Mar: the week after

  const desk = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${Date.now()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } }));
  const week = await roomSchedule(desk, TZ, "2026-03-02", 7);
  expect(week.dayStart.toISOString()).toBe("2026-03-02T08:00:00.000Z");
  expect(week.rooms.map((r) => r.name)).toEqual(["Cedar", "Willow"]);
  expect(week.sessions.map((s) => s.id)).toEqual([theirs.id, mine.id, cancelled.id]);
  expect(week.sessions.map((s) => s.label)).toEqual(["Sam & Jordan Chen", "Sam & Jordan Rivera", "Sam & Jordan Chen"]);
  expect(week.sessions[1]).toMatchObject({ roomId: c.willow.id, kind: "COUPLES_THERAPY", status: "SCHEDULED", coupleId: c.couple.id, startsAt: new Date("2026-03-03T18:00:00Z") });
  expect(week.sessions[2].status).toBe("CANCELLED");

  // A therapist sees every room's bookings, but only their own couple's names.
  const asTherapist = await roomSchedule(staffOf(c.therapist), TZ, "2026-03-02", 7);
  expect(asTherapist.sessions.map((s) => [s.label, s.coupleId])).toEqual([[null, null], ["Sam & Jordan Rivera", c.couple.id], [null, null]]);

  // One day: Tuesday only.
  expect((await roomSchedule(desk, TZ, "2026-03-03")).sessions.map((s) => s.id)).toEqual([mine.id]);
});

test(`the opened medicine session's live integration, and none for a session without one (${databaseKind})`, async () => {
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
  const both = [c.couple.partnerAId, c.couple.partnerBId];
  const medicine = await session(c.couple.id, c.therapist.id, both, "2026-03-03T17:00:00Z", 180, { kind: "MEDICINE_TAKING_TURNS", cycleId: cycle.id, journeyerId: c.couple.partnerAId, roomId: c.cedar.id });
  await session(c.couple.id, c.therapist.id, both, "2026-03-04T17:00:00Z", 60, { kind: "INTEGRATION", cycleId: cycle.id, medicineSessionId: medicine.id, status: "CANCELLED", cancelledAt: new Date(), cancelReason: "Moved" });
  const live = await session(c.couple.id, c.therapist.id, both, "2026-03-05T17:00:00Z", 60, { kind: "INTEGRATION", cycleId: cycle.id, medicineSessionId: medicine.id });
  expect(await integrationStart(c.clinic.id, medicine.id)).toEqual(live.startsAt);
  expect(await integrationStart(c.clinic.id, live.id)).toBeNull();
  // Another clinic asking for this session gets nothing.
  expect(await integrationStart("00000000-0000-4000-8000-000000000000", medicine.id)).toBeNull();
});
