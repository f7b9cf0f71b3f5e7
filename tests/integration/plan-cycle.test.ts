import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { RuleViolationsError } from "@/lib/errors";
import { atClinicTime, calendarDaysBetween, clinicDate } from "@/lib/protocol";
import { bookPlan, ZPlanInput } from "@/lib/scheduling/book-plan";
import { proposePlan } from "@/lib/scheduling/propose-plan";
import { databaseKind, testDb } from "../support/database";
import { makeCouple, readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

const TZ = "America/Los_Angeles";
let db: Db;
let c: SmallClinic;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z")); // Mon 2 Mar, 08:00 in the clinic
  db = await testDb();
  c = await smallClinic(db);
});
afterEach(() => vi.useRealTimers());

const prefs = (over: Partial<Parameters<typeof proposePlan>[2]> = {}) => ({
  startDate: "2026-03-03",
  weekdays: [1, 2, 3, 4, 5],
  dayParts: ["morning" as const, "afternoon" as const],
  psychiatristId: c.psychiatrist.id,
  firstJourneyerId: c.couple.partnerBId,
  ...over,
});

/** The proposal as the review form sends it back. */
function rowsOf(plan: Awaited<ReturnType<typeof proposePlan>>["plan"], coupleId: string) {
  return ZPlanInput.parse({
    coupleId,
    rows: plan.sessions.map((s) => ({
      kind: s.kind,
      date: clinicDate(s.startsAt, TZ),
      time: new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit" }).format(s.startsAt),
      roomId: s.roomId ?? "",
      partnerIds: s.partnerIds.join(","),
      clinicianIds: s.clinicianIds.join(","),
      journeyerId: s.journeyerId ?? "",
      medicineIndex: s.medicineSessionId ? String(plan.sessions.findIndex((m) => m.id === s.medicineSessionId)) : "",
    })),
  });
}

describe(`the cycle planner (${databaseKind})`, () => {
  test("plans a full Taking Turns cycle in protocol order that the engine allows, and books it all at once", async () => {
    const therapist = staffOf(c.therapist);
    await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
    const { plan, violations } = await proposePlan(therapist, c.couple.id, prefs());
    expect(plan.blocked).toEqual([]);
    expect(violations).toEqual([]);
    expect(plan.sessions.map((s) => s.kind)).toEqual([
      "INTAKE", "INTAKE", "MEDICAL_EVALUATION", "MEDICAL_EVALUATION", "PREPARATION", "PREPARATION",
      "MEDICINE_TAKING_TURNS", "INTEGRATION", "MEDICINE_TAKING_TURNS", "INTEGRATION",
    ]);
    const medicine = plan.sessions.filter((s) => s.kind === "MEDICINE_TAKING_TURNS");
    expect(medicine.map((m) => m.journeyerId)).toEqual([c.couple.partnerBId, c.couple.partnerAId]);
    expect(medicine.every((m) => m.roomId === c.cedar.id)).toBe(true);
    for (const m of medicine) {
      const integration = plan.sessions.find((s) => s.medicineSessionId === m.id)!;
      expect(calendarDaysBetween(m.startsAt, integration.startsAt, TZ)).toBeGreaterThanOrEqual(1);
      expect(calendarDaysBetween(m.startsAt, integration.startsAt, TZ)).toBeLessThanOrEqual(2);
    }
    // Weekdays only, mornings and afternoons only.
    for (const s of plan.sessions) {
      const local = new Intl.DateTimeFormat("en-US", { timeZone: TZ, weekday: "short", hour: "numeric", hourCycle: "h23" }).formatToParts(s.startsAt);
      expect(local.find((p) => p.type === "weekday")!.value).not.toMatch(/Sat|Sun/);
      expect(Number(local.find((p) => p.type === "hour")!.value)).toBeLessThan(17);
    }

    const { sessionIds } = await bookPlan(therapist, rowsOf(plan, c.couple.id));
    expect(sessionIds).toHaveLength(10);
    expect((await db.kapCycle.findFirstOrThrow({ where: { coupleId: c.couple.id } })).status).toBe("ACTIVE");
  });

  test("plans around what the clinic has booked: its clinician busy with another couple, both rooms taken, a partner busy", async () => {
    await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
    const thirdTherapist = await db.user.create({ data: { clinicId: c.clinic.id, email: `third-${Date.now()}@clinic.test`, name: "Third", roles: ["THERAPIST"], passwordHash: "x" } });
    const third = await makeCouple(db, c.clinic.id, thirdTherapist.id, "Nguyen");
    const book = (coupleId: string, clinicianId: string, partners: string[], roomId: string, start: string, minutes: number) =>
      db.session.create({
        data: {
          clinicId: c.clinic.id, coupleId, kind: "COUPLES_THERAPY", startsAt: new Date(start), endsAt: new Date(new Date(start).getTime() + minutes * 60_000), roomId,
          clinicians: { create: [{ userId: clinicianId }] }, attendees: { create: partners.map((clientId) => ({ clientId })) },
        },
      });
    // Tue 3 Mar (clinic time): the couple's therapist sees another couple 08:00–09:00 (in Willow),
    // both rooms are taken 09:00–10:30, and the couple's own couples therapy is 10:30–11:30.
    await book(c.otherCouple.id, c.therapist.id, [c.otherCouple.partnerAId, c.otherCouple.partnerBId], c.willow.id, "2026-03-03T16:00:00Z", 60);
    await book(c.otherCouple.id, c.otherTherapist.id, [c.otherCouple.partnerAId, c.otherCouple.partnerBId], c.willow.id, "2026-03-03T17:00:00Z", 90);
    await book(third.id, thirdTherapist.id, [third.partnerAId, third.partnerBId], c.cedar.id, "2026-03-03T17:00:00Z", 90);
    await book(c.couple.id, c.otherTherapist.id, [c.couple.partnerAId, c.couple.partnerBId], c.willow.id, "2026-03-03T18:30:00Z", 60);

    const { plan, violations } = await proposePlan(staffOf(c.therapist), c.couple.id, prefs());
    expect(violations).toEqual([]);
    // 08:00 and 08:30: the therapist; 09:00–10:00: no room; 10:30 and 11:00: the partner; an
    // hour from 11:30 overruns the morning. The first intake is at 12:00.
    expect(plan.sessions[0].kind).toBe("INTAKE");
    expect(plan.sessions[0].startsAt.toISOString()).toBe("2026-03-03T20:00:00.000Z");
  });

  test("says which constraint blocked which session when no dosing room is free", async () => {
    await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", format: "SINGLE_EXPERIENCE", plannedSessionCount: 6 } });
    await db.room.update({ where: { id: c.cedar.id }, data: { active: false } });
    const { plan } = await proposePlan(staffOf(c.therapist), c.couple.id, prefs());
    expect(plan.blocked).toEqual([
      {
        step: "Medicine session 1: Jordan journeys",
        reason: "no dosing-equipped room is free when the couple and the clinician are in the next 90 days on the chosen days and times",
        // Every one of the couple's days from the one after the last preparation to the horizon.
        why: [expect.stringMatching(/^no dosing-equipped room in use holds 3 people every Mon–Fri \d+ Mar – 1 Jun$/)],
      },
      { step: "Integration 1", reason: "an earlier session of the plan could not be placed", why: [] },
    ]);
  });

  test("P4: never a medicine session whose integration window holds no open day, nor a session on a closed day", async () => {
    await db.clinic.update({ where: { id: c.clinic.id }, data: { openWeekdays: [1, 2, 3, 4, 5] } });
    await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", format: "SINGLE_EXPERIENCE", plannedSessionCount: 6 } });
    const weekday = (s: { startsAt: Date }) => new Intl.DateTimeFormat("en-US", { timeZone: TZ, weekday: "short" }).format(s.startsAt);
    // Fridays only: the 1–2 day window after a Friday is the closed weekend.
    const fridays = (await proposePlan(staffOf(c.therapist), c.couple.id, prefs({ weekdays: [5] }))).plan;
    expect(fridays.sessions.map(weekday)).toEqual(Array(fridays.sessions.length).fill("Fri"));
    expect(fridays.sessions.some((s) => s.kind === "MEDICINE_TAKING_TURNS")).toBe(false);
    expect(fridays.blocked).toEqual([
      { step: "Medicine session 1: Jordan journeys", reason: "P4: after each of the chosen days, its integration (1–2 days later) would fall on days the clinic is closed; choose other days", why: [] },
      { step: "Integration 1", reason: "an earlier session of the plan could not be placed", why: [] },
    ]);
    // Thursdays too: the medicine session goes on a Thursday and its integration on the Friday.
    const { plan, violations } = await proposePlan(staffOf(c.therapist), c.couple.id, prefs({ weekdays: [4, 5] }));
    expect(plan.blocked).toEqual([]);
    expect(violations).toEqual([]);
    const medicine = plan.sessions.find((s) => s.kind === "MEDICINE_TAKING_TURNS")!;
    expect([weekday(medicine), weekday(plan.sessions.find((s) => s.medicineSessionId === medicine.id)!)]).toEqual(["Thu", "Fri"]);
    expect(plan.sessions.map(weekday).filter((d) => d === "Sat" || d === "Sun")).toEqual([]);
  });
});

describe(`the planner explains itself (issue 14, ${databaseKind})`, () => {
  /** Another couple of its own therapist, in `roomId` from Tue 3 Mar 00:00 to Sun 15 Mar 00:00, clinic time. */
  async function fill(roomId: string, surname: string) {
    const therapist = await db.user.create({ data: { clinicId: c.clinic.id, email: `${surname.toLowerCase()}-${Date.now()}@clinic.test`, name: surname, roles: ["THERAPIST"], passwordHash: "x" } });
    const couple = await makeCouple(db, c.clinic.id, therapist.id, surname);
    await db.session.create({
      data: {
        clinicId: c.clinic.id, coupleId: couple.id, kind: "COUPLES_THERAPY", startsAt: atClinicTime("2026-03-03", 0, TZ), endsAt: atClinicTime("2026-03-15", 0, TZ), roomId,
        clinicians: { create: [{ userId: therapist.id }] }, attendees: { create: [couple.partnerAId, couple.partnerBId].map((clientId) => ({ clientId })) },
      },
    });
  }

  test("both dosing rooms booked for twelve days: the medicine session comes after them, and the plan says why; with a finish date it cannot meet, it says what took each day", async () => {
    await readyTakingTurnsCycle(db, c);
    const juniper = await db.room.create({ data: { clinicId: c.clinic.id, name: "Juniper", capacity: 4, dosingEquipped: true } });
    await fill(c.cedar.id, "Okafor");
    await fill(juniper.id, "Lindqvist");
    const everyOpenDay = prefs({ weekdays: [1, 2, 3, 4, 5, 6] });

    const { plan, violations } = await proposePlan(staffOf(c.therapist), c.couple.id, everyOpenDay);
    expect(violations).toEqual([]);
    expect(plan.blocked).toEqual([]);
    expect(plan.later).toEqual([{ step: "Medicine session 1: Jordan journeys", day: "2026-03-16", why: ["Cedar and Juniper booked every open day 3–14 Mar"] }]);
    expect(clinicDate(plan.sessions[0].startsAt, TZ)).toBe("2026-03-16");

    const late = await proposePlan(staffOf(c.therapist), c.couple.id, { ...everyOpenDay, finishBy: "2026-03-13" });
    expect(late.plan.sessions).toEqual([]);
    expect(late.plan.blocked[0]).toEqual({
      step: "Medicine session 1: Jordan journeys",
      reason: "no dosing-equipped room is free when the couple and the clinician are by the finish date, Fri 13 Mar",
      why: ["Cedar and Juniper booked every open day 3–12 Mar", "its integration would fall after the finish date on Fri 13 Mar"],
    });
  });

  test("a room too small for the session is never proposed (P9): Cedar holding two, the medicine session waits for Juniper", async () => {
    await readyTakingTurnsCycle(db, c);
    await db.room.update({ where: { id: c.cedar.id }, data: { capacity: 2 } });
    const juniper = await db.room.create({ data: { clinicId: c.clinic.id, name: "Juniper", capacity: 4, dosingEquipped: true } });
    const { plan, violations } = await proposePlan(staffOf(c.therapist), c.couple.id, prefs());
    expect(violations).toEqual([]);
    const medicine = plan.sessions.filter((s) => s.kind === "MEDICINE_TAKING_TURNS");
    expect(medicine).toHaveLength(2);
    expect(medicine.every((m) => m.roomId === juniper.id)).toBe(true);
  });
});

describe(`20 whole-cycle bookings racing for one dosing room (${databaseKind})`, () => {
  test("each cycle is booked entirely or not at all", async () => {
    // Twenty couples, each with their own therapist, whose plans all want Cedar at the same time.
    const couples = [];
    for (let i = 0; i < 20; i++) {
      const therapist = await db.user.create({ data: { clinicId: c.clinic.id, email: `race-${i}-${Date.now()}@clinic.test`, name: `T${i}`, roles: ["THERAPIST"], passwordHash: "x" } });
      const couple = await makeCouple(db, c.clinic.id, therapist.id, `Race${i}`);
      await db.kapCycle.create({ data: { coupleId: couple.id, model: "TAKING_TURNS", format: "SINGLE_EXPERIENCE", plannedSessionCount: 6 } });
      couples.push({ couple, therapist });
    }
    const plans = [];
    for (const { couple, therapist } of couples) {
      const { plan } = await proposePlan(staffOf(therapist), couple.id, prefs({ firstJourneyerId: couple.partnerAId }));
      // Every plan's medicine session in Cedar on Mon 9 Mar at 09:00, integration the next day.
      const rows = rowsOf(plan, couple.id);
      for (const row of rows.rows) {
        if (row.kind === "MEDICINE_TAKING_TURNS") Object.assign(row, { date: "2026-03-16", time: "09:00", roomId: c.cedar.id });
        if (row.kind === "INTEGRATION") Object.assign(row, { date: "2026-03-17" });
      }
      plans.push({ therapist, rows });
    }
    const results = await Promise.allSettled(plans.map(({ therapist, rows }) => bookPlan(staffOf(therapist), rows)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const r of refused) expect(r.reason instanceof RuleViolationsError || /P8/.test(String(r.reason))).toBe(true);
    const counts = await Promise.all(couples.map(({ couple }) => db.session.count({ where: { coupleId: couple.id } })));
    const full = plans[0].rows.rows.length;
    expect(counts.every((n) => n === 0 || n === full)).toBe(true);
    expect(counts.filter((n) => n === full)).toHaveLength(1);
    expect(refused).toHaveLength(19);
  });
});
