import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, RuleViolationError, RuleViolationsError } from "@/lib/errors";
import { addClinicDays, atClinicTime, formatClinicTime, isoWeekday, type NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { bookSeries, previewSeries, ZSeriesInput, type TSeriesInput } from "@/lib/scheduling/book-series";
import { findTimes, FIND_TIME_SLOTS, ZFindTimeInput } from "@/lib/scheduling/find-time";
import { cancelFollowing, moveFollowing } from "@/lib/scheduling/series-following";
import { draftBooking, ZBookingInput } from "@/lib/scheduling/session-input";
import { databaseKind, testDb } from "../support/database";
import { makeCouple, readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Recurring couples therapy and "find a time" (issue 14) on a real database. The clinic is in
// America/Los_Angeles, where daylight saving starts on Sunday 8 March 2026; "now" is Monday
// 2 March 2026, 08:00 there.

const LA = "America/Los_Angeles";
let db: Db;
let c: SmallClinic;
let therapist: ReturnType<typeof staffOf>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await smallClinic(db);
  therapist = staffOf(c.therapist);
});
afterEach(() => vi.useRealTimers());

const series = (fields: Partial<Record<keyof TSeriesInput, string>> = {}) =>
  ZSeriesInput.parse({ coupleId: c.couple.id, date: "2026-03-03", time: "10:00", roomId: c.willow.id, everyWeeks: "1", ends: "count", count: "12", ...fields });

/** Every row a refused change could have touched. */
async function databaseState() {
  const [sessions, attendees, series] = await Promise.all([
    db.session.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" }, select: { id: true, status: true, startsAt: true, endsAt: true, roomId: true, seriesId: true } }),
    db.sessionAttendee.findMany({ where: { session: { clinicId: c.clinic.id } }, orderBy: [{ sessionId: "asc" }, { clientId: "asc" }] }),
    db.sessionSeries.count({ where: { clinicId: c.clinic.id } }),
  ]);
  return { sessions, attendees, series };
}

/** Another couple's couples therapy, with its own therapist, in a room, at an instant. */
async function otherCouplesSession(start: string, roomId = c.willow.id) {
  const user = await db.user.create({ data: { clinicId: c.clinic.id, email: `t-${randomUUID()}@clinic.test`, name: "Dr. Other", roles: ["THERAPIST"], passwordHash: "x" } });
  const couple = await makeCouple(db, c.clinic.id, user.id, `Other${randomUUID().slice(0, 4)}`);
  const startsAt = new Date(start);
  const session: NewSession = {
    id: randomUUID(), kind: "COUPLES_THERAPY", startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), roomId, journeyerId: null, medicineSessionId: null,
    clinicianIds: [user.id], partnerIds: [couple.partnerAId, couple.partnerBId],
  };
  return { staff: staffOf(user), request: { coupleId: couple.id, cycleId: null, sessions: [session] } };
}

async function violations(promise: Promise<unknown>): Promise<RuleViolationError[]> {
  const error = await promise.then(() => null, (e) => e);
  if (error instanceof RuleViolationsError) return error.violations;
  if (error instanceof RuleViolationError) return [error];
  throw new Error(`expected a rule violation, got ${error}`);
}

describe(`a recurring couples-therapy series (${databaseKind})`, () => {
  test("12 weekly sessions across the change to daylight saving are booked at 10:00 clinic time, each a real session of the series", async () => {
    const { seriesId, sessionIds } = await bookSeries(therapist, series());
    expect(sessionIds).toHaveLength(12);
    const sessions = await db.session.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" }, include: { attendees: true, clinicians: true } });
    expect(sessions).toHaveLength(12);
    expect(sessions[0].startsAt.toISOString()).toBe("2026-03-03T18:00:00.000Z");
    expect(sessions[1].startsAt.toISOString()).toBe("2026-03-10T17:00:00.000Z");
    for (const s of sessions) {
      expect(formatClinicTime(s.startsAt, LA)).toBe("10:00");
      expect(formatClinicTime(s.endsAt, LA)).toBe("11:00");
      expect(isoWeekday(s.startsAt, LA)).toBe(2);
      expect(s).toMatchObject({ kind: "COUPLES_THERAPY", status: "SCHEDULED", cycleId: null, roomId: c.willow.id, coupleId: c.couple.id });
      expect(s.attendees.map((a) => a.clientId).sort()).toEqual([c.couple.partnerAId, c.couple.partnerBId].sort());
      expect(s.clinicians.map((x) => x.userId)).toEqual([c.therapist.id]);
    }
    const row = await db.sessionSeries.findUniqueOrThrow({ where: { id: seriesId } });
    expect(row).toMatchObject({ clinicId: c.clinic.id, coupleId: c.couple.id, rule: "FREQ=WEEKLY;INTERVAL=1;COUNT=12", startMinute: 600, createdById: c.therapist.id });
  });

  test("the preview names each date that clashes and with what; booking is then refused whole, and nothing is written", async () => {
    // Another couple holds Willow on the fourth Tuesday; the couple itself has a session on the sixth.
    const other = await otherCouplesSession("2026-03-24T17:30:00Z");
    await bookSessions(other.staff, other.request);
    await bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [{ ...other.request.sessions[0], id: randomUUID(), startsAt: new Date("2026-04-07T17:00:00Z"), endsAt: new Date("2026-04-07T18:00:00Z"), roomId: c.cedar.id, clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId] }] });

    const preview = await previewSeries(therapist, series({ count: "8" }));
    expect(preview.occurrences.map((o) => o.label)).toEqual([
      "Tue 3 Mar 10:00–11:00", "Tue 10 Mar 10:00–11:00", "Tue 17 Mar 10:00–11:00", "Tue 24 Mar 10:00–11:00",
      "Tue 31 Mar 10:00–11:00", "Tue 7 Apr 10:00–11:00", "Tue 14 Apr 10:00–11:00", "Tue 21 Apr 10:00–11:00",
    ]);
    const clashing = preview.occurrences.filter((o) => o.clashes.length > 0);
    expect(clashing.map((o) => o.day)).toEqual(["Tue 24 Mar", "Tue 7 Apr"]);
    expect(clashing[0].clashes).toEqual(["P8: Room Willow is booked 10:30–11:30 on Tue 24 Mar."]);
    expect(clashing[1].clashes.join(" ")).toMatch(/^P8: the couples therapy session on Tue 7 Apr 10:00–11:00 overlaps the couples therapy session on Tue 7 Apr 10:00–11:00; both need (Sam, Jordan|Jordan, Sam) and therapist\.$/);

    const before = await databaseState();
    const refused = await violations(bookSeries(therapist, series({ count: "8" })));
    expect(refused.map((v) => v.rule)).toContain("P8");
    expect(await databaseState()).toEqual(before);
  });

  test("a date of the series on a clinic holiday is listed with the closure, and the series is refused whole (P10)", async () => {
    await db.closure.create({ data: { clinicId: c.clinic.id, roomId: null, startsAt: new Date("2026-03-17T07:00:00Z"), endsAt: new Date("2026-03-18T07:00:00Z"), reason: "Holiday", declaredById: c.therapist.id } });
    const preview = await previewSeries(therapist, series({ count: "4" }));
    expect(preview.occurrences.filter((o) => o.clashes.length > 0).map((o) => o.day)).toEqual(["Tue 17 Mar"]);
    expect(preview.occurrences[2].clashes.join(" ")).toMatch(/^P10: .*Holiday/);
    const before = await databaseState();
    expect((await violations(bookSeries(therapist, series({ count: "4" })))).map((v) => v.rule)).toEqual(["P10"]);
    expect(await databaseState()).toEqual(before);
  });

  test(`under concurrent single bookings of its slots, a series is booked whole or not at all (${databaseKind})`, async () => {
    for (const firstDay of ["2026-03-03", "2026-06-02", "2026-09-01"]) {
      // Three other couples each book Willow at the time of one occurrence, at once with the series.
      const weeks = [2, 6, 10];
      const singles = await Promise.all(weeks.map((w) => otherCouplesSession(atClinicTime(addClinicDays(firstDay, 7 * w, LA), 10 * 60, LA).toISOString())));
      const results = await Promise.allSettled([bookSeries(therapist, series({ date: firstDay })), ...singles.map((s) => bookSessions(s.staff, s.request))]);
      const [seriesResult, ...singleResults] = results;
      const singlesWon = singleResults.filter((r) => r.status === "fulfilled").length;
      for (const r of results) if (r.status === "rejected") expect(r.reason, String(r.reason)).toBeInstanceOf(RuleViolationError);
      const booked = await db.session.count({ where: { coupleId: c.couple.id, seriesId: { not: null }, startsAt: { gte: new Date(`${firstDay}T00:00:00Z`) }, status: "SCHEDULED" } });
      if (seriesResult.status === "fulfilled") {
        expect(booked).toBe(12);
        expect(singlesWon).toBe(0);
      } else {
        expect(booked).toBe(0);
        expect(singlesWon).toBe(3);
        expect(await db.sessionSeries.count({ where: { clinicId: c.clinic.id, firstDay: new Date(`${firstDay}T00:00:00Z`) } })).toBe(0);
      }
    }
  });

  test("cancel this and all following: the occurrence and every later one, with the reason; the earlier stay", async () => {
    const { sessionIds } = await bookSeries(therapist, series({ count: "6" }));
    const { cancelledIds } = await cancelFollowing(therapist, sessionIds[2], "The couple pauses therapy");
    expect(cancelledIds.sort()).toEqual(sessionIds.slice(2).sort());
    const sessions = await db.session.findMany({ where: { id: { in: sessionIds } }, orderBy: { startsAt: "asc" }, include: { attendees: true } });
    expect(sessions.map((s) => s.status)).toEqual(["SCHEDULED", "SCHEDULED", "CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED"]);
    expect(sessions[3]).toMatchObject({ cancelReason: "The couple pauses therapy", cancelledById: c.therapist.id });
    expect(sessions[3].attendees.every((a) => a.sessionStatus === "CANCELLED")).toBe(true);
    // Cancelling one occurrence alone leaves the rest of the series; cancelling from a cancelled one is refused (P10), nothing changed.
    const before = await databaseState();
    expect((await violations(cancelFollowing(therapist, sessionIds[3], "again"))).map((v) => v.rule)).toEqual(["P10"]);
    expect(await databaseState()).toEqual(before);
  });

  test("move this and all following: each later occurrence moves by the same days and the same local time, across the change", async () => {
    const { sessionIds } = await bookSeries(therapist, series({ count: "5" }));
    // From the second (Tue 10 Mar) to Wednesday 11 Mar 11:00: every later one to Wednesday 11:00.
    const { moved } = await moveFollowing(therapist, { sessionId: sessionIds[1], date: "2026-03-11", time: "11:00", roomId: c.cedar.id });
    expect(moved).toBe(4);
    const sessions = await db.session.findMany({ where: { id: { in: sessionIds } }, orderBy: { startsAt: "asc" } });
    expect(sessions[0]).toMatchObject({ startsAt: new Date("2026-03-03T18:00:00Z"), roomId: c.willow.id });
    for (const s of sessions.slice(1)) {
      expect(formatClinicTime(s.startsAt, LA)).toBe("11:00");
      expect(isoWeekday(s.startsAt, LA)).toBe(3);
      expect(s.roomId).toBe(c.cedar.id);
    }
    // A whole week later: each lands where the next one was, which the moves' order allows.
    await moveFollowing(therapist, { sessionId: sessionIds[1], date: "2026-03-18", time: "11:00", roomId: undefined });
    const later = await db.session.findMany({ where: { id: { in: sessionIds.slice(1) } }, orderBy: { startsAt: "asc" } });
    expect(later.map((s) => s.startsAt.toISOString())).toEqual(["2026-03-18T18:00:00.000Z", "2026-03-25T18:00:00.000Z", "2026-04-01T18:00:00.000Z", "2026-04-08T18:00:00.000Z"]);
  });

  test("a move of this and following that would clash anywhere moves nothing, and says where", async () => {
    const { sessionIds } = await bookSeries(therapist, series({ count: "5" }));
    const other = await otherCouplesSession("2026-03-31T18:00:00Z", c.cedar.id);
    await bookSessions(other.staff, other.request);
    const before = await databaseState();
    const refused = await violations(moveFollowing(therapist, { sessionId: sessionIds[1], date: "2026-03-10", time: "11:00", roomId: c.cedar.id }));
    expect(refused.map((v) => v.message)).toEqual(["P8: Room Cedar is booked 11:00–12:00 on Tue 31 Mar."]);
    expect(await databaseState()).toEqual(before);
  });

  test("bad input is refused with field errors, and nothing changes", async () => {
    const before = await databaseState();
    const parsed = ZSeriesInput.safeParse({ coupleId: c.couple.id, date: "2026-03-03", time: "10:00", roomId: c.willow.id, everyWeeks: "1", ends: "count", count: "500" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["count", "A series has 2 to 104 sessions; for one session, untick Repeat."]]);
    const backwards = await bookSeries(therapist, series({ ends: "until", untilDate: "2026-02-24" })).then(() => null, (e) => e);
    expect(backwards).toBeInstanceOf(InvalidInputError);
    expect(backwards.fieldErrors).toEqual({ untilDate: ["The last date must be on or after the first (Tue 3 Mar)."] });
    const single = await bookSessions(therapist, await draftBooking(therapist, ZBookingInput.parse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", date: "2026-03-05", time: "10:00", roomId: c.willow.id })));
    const notSeries = await cancelFollowing(therapist, single.sessionIds[0], "no reason").then(() => null, (e) => e);
    expect(notSeries).toBeInstanceOf(InvalidInputError);
    expect(await db.session.count({ where: { clinicId: c.clinic.id, status: "CANCELLED" } })).toBe(0);
    expect((await databaseState()).series).toBe(before.series);
  });
});

describe(`find a time (${databaseKind})`, () => {
  test("couples therapy: the next free slots avoid every booked room, clinician and partner, and each then books", async () => {
    // The therapist is busy Tuesday 09:00–12:00 with another couple (booked by the front desk).
    const frontDesk = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `fd-${randomUUID()}@clinic.test`, name: "Front desk", roles: ["FRONT_DESK"], passwordHash: "x" } }));
    const busy = await otherCouplesSession("2026-03-03T17:00:00Z", c.cedar.id);
    await bookSessions(frontDesk, { ...busy.request, sessions: [{ ...busy.request.sessions[0], clinicianIds: [c.therapist.id], endsAt: new Date("2026-03-03T20:00:00Z") }] });
    const { slots } = await findTimes(therapist, ZFindTimeInput.parse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", from: "2026-03-03" }));
    expect(slots).toHaveLength(FIND_TIME_SLOTS);
    expect(slots[0]).toMatchObject({ day: "2026-03-03", time: "08:00", roomId: c.willow.id, roomName: "Willow" });
    for (const slot of slots) {
      expect(slot.day >= "2026-03-03").toBe(true);
      if (slot.day === "2026-03-03") expect(slot.time <= "08:00" || slot.time >= "12:00").toBe(true);
    }
    // Booked one by one, as the buttons do: every slot is still good after the ones before it.
    for (const slot of slots) {
      const draft = await draftBooking(therapist, ZBookingInput.parse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", date: slot.day, time: slot.time, roomId: slot.roomId }));
      await expect(bookSessions(therapist, draft)).resolves.toMatchObject({ sessionIds: [expect.any(String)] });
    }
  });

  test("closures and per-weekday hours are respected: a holiday has no slot, a room out of service is not offered, a late-opening day starts late", async () => {
    // Tuesday 3 March the clinic is closed; Wednesday 4 March Willow is out of service; Thursdays open at 12:00.
    await db.closure.create({ data: { clinicId: c.clinic.id, roomId: null, startsAt: new Date("2026-03-03T08:00:00Z"), endsAt: new Date("2026-03-04T08:00:00Z"), reason: "Holiday", declaredById: c.therapist.id } });
    await db.closure.create({ data: { clinicId: c.clinic.id, roomId: c.willow.id, startsAt: new Date("2026-03-04T08:00:00Z"), endsAt: new Date("2026-03-05T08:00:00Z"), reason: "Repairs", declaredById: c.therapist.id } });
    await db.clinic.update({ where: { id: c.clinic.id }, data: { weekdayOpensAtMinute: [480, 480, 480, 720, 480, 480, 480] } });
    const { slots } = await findTimes(therapist, ZFindTimeInput.parse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", from: "2026-03-03" }));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.some((s) => s.day === "2026-03-03")).toBe(false);
    expect(slots.filter((s) => s.day === "2026-03-04").map((s) => s.roomName)).toEqual(["Cedar", "Cedar", "Cedar"]);
    expect(slots.filter((s) => s.day === "2026-03-05").map((s) => s.time)).toEqual(["12:00", "13:00", "14:00"]);
    for (const slot of slots) {
      const draft = await draftBooking(therapist, ZBookingInput.parse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", date: slot.day, time: slot.time, roomId: slot.roomId }));
      await expect(bookSessions(therapist, draft)).resolves.toMatchObject({ sessionIds: [expect.any(String)] });
    }
  });

  test("a medicine session comes with its integration inside the window (P4); the pair then books", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    const { slots } = await findTimes(therapist, ZFindTimeInput.parse({ coupleId: c.couple.id, kind: "MEDICINE_TAKING_TURNS", journeyerId: c.couple.partnerAId }));
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.roomId).toBe(c.cedar.id);
      expect(slot.integration).not.toBeNull();
      const days = (Date.parse(slot.integration!.day) - Date.parse(slot.day)) / 86_400_000;
      expect(days >= 1 && days <= 2).toBe(true);
    }
    const first = slots[0];
    const draft = await draftBooking(therapist, ZBookingInput.parse({
      coupleId: c.couple.id, kind: "MEDICINE_TAKING_TURNS", date: first.day, time: first.time, roomId: first.roomId, journeyerId: c.couple.partnerAId,
      integrationDate: first.integration!.day, integrationTime: first.integration!.time, integrationRoomId: first.integration!.roomId,
    }));
    expect(draft.cycleId).toBe(cycle.id);
    await expect(bookSessions(therapist, draft)).resolves.toMatchObject({ sessionIds: [expect.any(String), expect.any(String)] });
  });

  test("slots that the engine refuses are not offered: a couple not ready for a medicine session gets none", async () => {
    await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
    const { slots } = await findTimes(therapist, ZFindTimeInput.parse({ coupleId: c.couple.id, kind: "MEDICINE_TAKING_TURNS", journeyerId: c.couple.partnerAId }));
    expect(slots).toEqual([]);
  });
});
