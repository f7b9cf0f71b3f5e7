import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "@/lib/errors";
import type { NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { moveSessions } from "@/lib/scheduling/move-sessions";
import { draftBooking, ZBookingInput } from "@/lib/scheduling/session-input";
import { cancelSession, checkInSession, completeSession } from "@/lib/scheduling/session-life";
import { databaseKind, testDb } from "../support/database";
import { phq9 } from "../support/dosing-fixtures";
import { makeCouple, readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Tuesday 3 March 2026 in America/Los_Angeles (UTC-8): 10:00 local is 18:00Z.
const at = (iso: string) => new Date(iso);
let db: Db;
let c: SmallClinic;
let therapist: ReturnType<typeof staffOf>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(at("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await smallClinic(db);
  therapist = staffOf(c.therapist);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every row a rejected change could have touched, to prove it touched none. */
async function databaseState() {
  const [sessions, attendees, clinicians, audit] = await Promise.all([
    db.session.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" } }),
    db.sessionAttendee.count({ where: { session: { clinicId: c.clinic.id } } }),
    db.sessionClinician.count({ where: { session: { clinicId: c.clinic.id } } }),
    db.auditEvent.count({ where: { actorId: { in: [c.therapist.id, c.otherTherapist.id] } } }),
  ]);
  return { sessions, attendees, clinicians, audit };
}

function draft(kind: NewSession["kind"], start: string, minutes: number, extra: Partial<NewSession> = {}): NewSession {
  const startsAt = at(start);
  return {
    id: randomUUID(), kind, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), roomId: c.willow.id, journeyerId: null, medicineSessionId: null,
    clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId], ...extra,
  };
}

function medicineWithIntegration(medicineStart: string, integrationStart: string, journeyer: string) {
  const medicine = draft("MEDICINE_TAKING_TURNS", medicineStart, 180, { roomId: c.cedar.id, journeyerId: journeyer });
  const integration = draft("INTEGRATION", integrationStart, 90, { medicineSessionId: medicine.id });
  return [medicine, integration];
}

async function rejection(promise: Promise<unknown>): Promise<RuleViolationError[]> {
  const error = await promise.then(() => null, (e) => e);
  if (error instanceof RuleViolationsError) return error.violations;
  if (error instanceof RuleViolationError) return [error];
  throw new Error(`expected a rule violation, got ${error}`);
}

describe(`booking under the protocol (${databaseKind})`, () => {
  test("couples therapy outside a cycle is booked, with its audit row", async () => {
    const { sessionIds } = await bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [draft("COUPLES_THERAPY", "2026-03-03T18:00:00Z", 60)] });
    const stored = await db.session.findUniqueOrThrow({ where: { id: sessionIds[0] }, include: { attendees: true, clinicians: true } });
    expect(stored).toMatchObject({ kind: "COUPLES_THERAPY", status: "SCHEDULED", cycleId: null, createdById: c.therapist.id });
    expect(stored.attendees).toHaveLength(2);
    expect(await db.auditEvent.count({ where: { entity: "Session", entityId: sessionIds[0], action: "book" } })).toBe(1);
  });

  test("a medicine session before any intake is refused with P1, P2 and P3, and nothing is written", async () => {
    const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
    const before = await databaseState();
    const violations = await rejection(
      bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-03T18:00:00Z", "2026-03-04T18:00:00Z", c.couple.partnerAId) }),
    );
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(["P1", "P2", "P3"]));
    expect(violations.find((v) => v.rule === "P1")!.message).toMatch(/intake/i);
    expect(await databaseState()).toEqual(before);
  });

  test("a ready couple books a medicine session with its integration; an integration three days later is refused (P4)", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    const before = await databaseState();
    const late = await rejection(
      bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-03T18:00:00Z", "2026-03-06T18:00:00Z", c.couple.partnerAId) }),
    );
    expect(late.map((v) => v.rule)).toContain("P4");
    expect(late.find((v) => v.rule === "P4")!.message).toContain("Wed 4 Mar or Thu 5 Mar");
    expect(await databaseState()).toEqual(before);

    const { sessionIds } = await bookSessions(therapist, {
      coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-03T18:00:00Z", "2026-03-04T18:00:00Z", c.couple.partnerAId),
    });
    expect(sessionIds).toHaveLength(2);
    const medicine = await db.session.findUniqueOrThrow({ where: { id: sessionIds[0] }, include: { attendees: true, integrations: true } });
    expect(medicine.integrations.map((i) => i.id)).toEqual([sessionIds[1]]);
    expect(medicine.attendees.find((a) => a.clientId === c.couple.partnerAId)!.role).toBe("JOURNEYER");
    expect(medicine.attendees.find((a) => a.clientId === c.couple.partnerBId)!.role).toBe("SITTER");
  });

  test("P4: a medicine session whose window holds no open day is refused with the nearest dates that work, and nothing is written", async () => {
    await db.clinic.update({ where: { id: c.clinic.id }, data: { openWeekdays: [1, 2, 3, 4, 5] } });
    const cycle = await readyTakingTurnsCycle(db, c);
    const before = await databaseState();
    // Friday 6 Mar: the 1–2 day window is the weekend, when this clinic is closed.
    const friday = await rejection(
      bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-06T18:00:00Z", "2026-03-09T18:00:00Z", c.couple.partnerAId) }),
    );
    expect(friday.filter((v) => v.rule === "P4").map((v) => v.message)).toEqual([
      "P4: Sam's medicine session can't be on Fri 6 Mar: its integration would have to be on Sat 7 Mar or Sun 8 Mar, when the clinic is closed. The nearest dates that work are Thu 5 Mar and Mon 9 Mar.",
    ]);
    expect(await databaseState()).toEqual(before);
  });

  test("the booking form asks for the integration's date in the clinic's own window (P4, a setting)", async () => {
    await db.clinic.update({ where: { id: c.clinic.id }, data: { integrationMinDays: 2, integrationMaxDays: 3 } });
    await readyTakingTurnsCycle(db, c);
    const input = ZBookingInput.parse({ coupleId: c.couple.id, kind: "MEDICINE_TAKING_TURNS", date: "2026-03-03", time: "10:00", roomId: c.cedar.id, journeyerId: c.couple.partnerAId });
    await expect(draftBooking(therapist, input)).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && e.fieldErrors.integrationDate?.[0] === "Choose the integration's date (P4: 2–3 days after, on a day the clinic is open).",
    );
  });

  test("moving a medicine session alone out of its integration's window is refused; moving both together is allowed", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    const [medicine, integration] = await bookSessions(therapist, {
      coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-03T18:00:00Z", "2026-03-04T18:00:00Z", c.couple.partnerAId),
    }).then((r) => r.sessionIds);
    const before = await databaseState();
    const alone = await rejection(moveSessions(therapist, [{ sessionId: medicine, startsAt: at("2026-03-06T18:00:00Z"), endsAt: at("2026-03-06T21:00:00Z") }]));
    expect(alone.map((v) => v.rule)).toContain("P4");
    expect(await databaseState()).toEqual(before);

    await moveSessions(therapist, [
      { sessionId: medicine, startsAt: at("2026-03-06T18:00:00Z"), endsAt: at("2026-03-06T21:00:00Z") },
      { sessionId: integration, startsAt: at("2026-03-07T18:00:00Z"), endsAt: at("2026-03-07T19:30:00Z") },
    ]);
    const moved = await db.session.findUniqueOrThrow({ where: { id: integration }, include: { attendees: true } });
    expect(moved.startsAt.toISOString()).toBe("2026-03-07T18:00:00.000Z");
    expect(moved.attendees[0].sessionStartsAt.toISOString()).toBe("2026-03-07T18:00:00.000Z");
  });

  test("an integration cannot be cancelled while its medicine session stands; cancelling the medicine session cancels both", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    const [medicine, integration] = await bookSessions(therapist, {
      coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-03T18:00:00Z", "2026-03-04T18:00:00Z", c.couple.partnerAId),
    }).then((r) => r.sessionIds);
    const before = await databaseState();
    expect((await rejection(cancelSession(therapist, integration, "Couple away"))).map((v) => v.rule)).toContain("P4");
    expect(await databaseState()).toEqual(before);

    const { cancelledIds } = await cancelSession(therapist, medicine, "Couple away");
    expect(cancelledIds.sort()).toEqual([medicine, integration].sort());
    const rows = await db.session.findMany({ where: { id: { in: [medicine, integration] } } });
    expect(rows.map((r) => [r.status, r.cancelReason])).toEqual([["CANCELLED", "Couple away"], ["CANCELLED", "Couple away"]]);
  });

  test("a room booked by another couple is refused with the clash in words (P8), and nothing is written", async () => {
    const other = await makeCouple(db, c.clinic.id, c.otherTherapist.id, "Okafor");
    await bookSessions(staffOf(c.otherTherapist), {
      coupleId: other.id, cycleId: null,
      sessions: [{ ...draft("COUPLES_THERAPY", "2026-03-03T18:00:00Z", 60), clinicianIds: [c.otherTherapist.id], partnerIds: [other.partnerAId, other.partnerBId] }],
    });
    const before = await databaseState();
    const [clash] = await rejection(bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [draft("COUPLES_THERAPY", "2026-03-03T18:30:00Z", 60)] }));
    expect(clash.rule).toBe("P8");
    expect(clash.message).toBe("P8: Room Willow is booked 10:00–11:00 on Tue 3 Mar.");
    expect(await databaseState()).toEqual(before);
  });

  test("a therapist cannot book for another therapist's couple: out of reach is not found, before any rule speaks (P11)", async () => {
    const before = await databaseState();
    const booking = bookSessions(staffOf(c.otherTherapist), { coupleId: c.couple.id, cycleId: null, sessions: [draft("COUPLES_THERAPY", "2026-03-03T18:00:00Z", 60, { clinicianIds: [c.otherTherapist.id] })] });
    // The booking is in the past too (P10): nothing of the couple's rules may reach the stranger.
    await expect(booking).rejects.toThrow(new NotFoundError("The couple"));
    expect(await databaseState()).toEqual(before);
  });
});

describe(`a medicine session's day (${databaseKind})`, () => {
  test("check-in is refused until the journeyer's ride home is recorded (P10); completion waits for discharge", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    // P12: the journeyer's PHQ-9 the day before, item 9 = 0, as a clinic records it.
    await phq9(db, c, c.couple.partnerAId, at("2026-03-02T17:00:00Z"));
    const [medicine] = await bookSessions(therapist, {
      coupleId: c.couple.id, cycleId: cycle.id, sessions: medicineWithIntegration("2026-03-03T18:00:00Z", "2026-03-04T18:00:00Z", c.couple.partnerAId),
    }).then((r) => r.sessionIds);
    vi.setSystemTime(at("2026-03-03T17:45:00Z"));
    const refused = await rejection(checkInSession(therapist, medicine));
    expect(refused.map((v) => v.rule)).toEqual(["P10"]);
    expect(refused[0].message).toContain("ride home for Sam");
    expect((await db.session.findUniqueOrThrow({ where: { id: medicine } })).status).toBe("SCHEDULED");

    await db.dosingRecord.create({ data: { sessionId: medicine, clientId: c.couple.partnerAId, rideHomeName: "Alex", rideHomePhone: "555-0100" } });
    await checkInSession(therapist, medicine);
    expect((await db.session.findUniqueOrThrow({ where: { id: medicine } })).status).toBe("CHECKED_IN");

    vi.setSystemTime(at("2026-03-03T21:00:00Z"));
    const early = await rejection(completeSession(therapist, medicine));
    expect(early[0].message).toBe("P10: the medicine session cannot be completed before Sam is discharged.");
    await db.dosingRecord.update({ where: { sessionId_clientId: { sessionId: medicine, clientId: c.couple.partnerAId } }, data: { dischargedAt: new Date(), dischargedById: c.therapist.id } });
    await completeSession(therapist, medicine);
    expect((await db.session.findUniqueOrThrow({ where: { id: medicine } })).status).toBe("COMPLETED");
  });
});
