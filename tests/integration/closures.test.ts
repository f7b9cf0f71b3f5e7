import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { failureOf } from "@/lib/actions/define-action";
import { declareClosure, listUpcomingClosures, removeClosure, ZClosureInput, type TClosureInput } from "@/lib/clinic/closures";
import { openingDaysOf } from "@/lib/clinic/opening-hours";
import { clinicSettingsOf, settingsCandidateOf } from "@/lib/clinic/settings-input";
import { updateClinicSettings } from "@/lib/clinic/update-settings";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "@/lib/errors";
import { atClinicTime, clinicDate, clinicMinuteOfDay, isoWeekday, type NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { moveSessions } from "@/lib/scheduling/move-sessions";
import { proposePlan } from "@/lib/scheduling/propose-plan";
import { databaseKind, testDb } from "../support/database";
import { insertSession, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Issue 14: opening hours per weekday and closures (a clinic holiday, a room out of service),
// declared by the front desk or an admin, respected by the engine (P10) and the planner, and
// listed with the sessions already booked inside them, which are never cancelled by it.

const TZ = "America/Los_Angeles";
const local = (day: string, time: string) => atClinicTime(day, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), TZ);
let db: Db;
let c: SmallClinic;
let frontDesk: ReturnType<typeof staffOf>;
let admin: ReturnType<typeof staffOf>;
let therapist: ReturnType<typeof staffOf>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z")); // Mon 2 Mar, 08:00 in the clinic
  db = await testDb();
  c = await smallClinic(db);
  const user = (name: string, roles: ("FRONT_DESK" | "ADMIN")[]) =>
    db.user.create({ data: { clinicId: c.clinic.id, email: `${roles[0].toLowerCase()}-${randomUUID()}@clinic.test`, name, roles, passwordHash: "x" } });
  frontDesk = staffOf(await user("Front desk", ["FRONT_DESK"]));
  admin = staffOf(await user("Admin", ["ADMIN"]));
  therapist = staffOf(c.therapist);
});
afterEach(() => vi.useRealTimers());

const input = (fields: Record<string, string>): TClosureInput => ZClosureInput.parse(fields);
const holiday = () => input({ roomId: "", fromDate: "2026-03-10", toDate: "2026-03-11", reason: "Holidays" });

function couplesTherapy(day: string, time: string, roomId = c.willow.id): NewSession {
  const startsAt = local(day, time);
  return {
    id: randomUUID(), kind: "COUPLES_THERAPY", startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), roomId, journeyerId: null, medicineSessionId: null,
    clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId],
  };
}

async function violations(promise: Promise<unknown>): Promise<RuleViolationError[]> {
  const error = await promise.then(() => null, (e) => e);
  if (error instanceof RuleViolationsError) return error.violations;
  if (error instanceof RuleViolationError) return [error];
  throw new Error(`expected a rule violation, got ${error}`);
}

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(() => null, (e) => e);
  if (!(error instanceof InvalidInputError)) throw new Error(`expected invalid input, got ${error}`);
  return error.fieldErrors;
}

/** Every row a refused change could have touched. */
const state = async () => ({
  closures: await db.closure.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" } }),
  sessions: await db.session.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" } }),
  clinic: await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } }),
  audit: await db.auditEvent.count({ where: { clinicId: c.clinic.id } }),
});

describe(`closures (${databaseKind})`, () => {
  test("declaring a closure over booked sessions succeeds, lists them (names for the front desk, not for an admin) and cancels nothing", async () => {
    const { partnerAId: a, partnerBId: b } = c.couple;
    const inHoliday = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: local("2026-03-10", "10:00").toISOString(), minutes: 60, partners: [a, b] });
    const inCedar = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: local("2026-03-11", "15:00").toISOString(), minutes: 60, partners: [a, b], roomId: c.cedar.id });
    const after = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: local("2026-03-12", "10:00").toISOString(), minutes: 60, partners: [a, b] });
    const sessionsBefore = await db.session.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" } });

    const declared = await declareClosure(frontDesk, holiday());
    expect(declared).toMatchObject({ room: null, reason: "Holidays", words: "the clinic is closed from Tue 10 Mar to Wed 11 Mar (Holidays)" });
    expect(declared.sessions).toEqual([
      { id: inHoliday.id, kind: "Couples therapy", when: "Tue 10 Mar 10:00–11:00", room: "Willow", couple: "Sam & Jordan Rivera" },
      { id: inCedar.id, kind: "Couples therapy", when: "Wed 11 Mar 15:00–16:00", room: "Cedar", couple: "Sam & Jordan Rivera" },
    ]);
    expect([declared.startsAt.toISOString(), declared.endsAt.toISOString()]).toEqual(["2026-03-10T07:00:00.000Z", "2026-03-12T07:00:00.000Z"]);

    // Cedar out of service on Wednesday afternoon, declared by an admin: only Cedar's session, without names.
    const repairs = await declareClosure(admin, input({ roomId: c.cedar.id, fromDate: "2026-03-11", toDate: "2026-03-11", fromTime: "14:00", toTime: "18:00", reason: "Repairs" }));
    expect(repairs.words).toBe("Cedar is out of service on Wed 11 Mar 14:00–18:00 (Repairs)");
    expect(repairs.sessions).toEqual([{ id: inCedar.id, kind: "Couples therapy", when: "Wed 11 Mar 15:00–16:00", room: "Cedar", couple: null }]);

    expect(await db.session.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" } })).toEqual(sessionsBefore);
    expect(sessionsBefore.find((s) => s.id === after.id)?.status).toBe("SCHEDULED");
    const audit = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, entity: "Closure" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.actorId, e.action, e.entityId])).toEqual([
      [frontDesk.id, "create", declared.id],
      [admin.id, "create", repairs.id],
    ]);
  });

  test("P10: a booking or a move into a closure is refused, naming the closure, and nothing changes; outside it, or in another room, it is booked", async () => {
    await declareClosure(frontDesk, holiday());
    await declareClosure(frontDesk, input({ roomId: c.cedar.id, fromDate: "2026-03-12", toDate: "2026-03-12", fromTime: "09:00", toTime: "12:00", reason: "Repairs" }));
    const before = await state();
    const refused = await violations(bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-11", "15:00")] }));
    expect(refused.map((v) => v.message)).toEqual(["P10: The couples therapy session on Wed 11 Mar 15:00–16:00 falls in a closure: the clinic is closed from Tue 10 Mar to Wed 11 Mar (Holidays)."]);
    const inCedar = await violations(bookSessions(frontDesk, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-12", "11:30", c.cedar.id)] }));
    expect(inCedar.map((v) => v.message)).toEqual(["P10: The couples therapy session on Thu 12 Mar 11:30–12:30 falls in a closure: Cedar is out of service on Thu 12 Mar 09:00–12:00 (Repairs)."]);
    expect(await state()).toEqual(before);

    // The same time in Willow is fine; so is Cedar once its repairs end.
    const willow = await bookSessions(frontDesk, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-12", "11:00")] });
    expect(willow.sessionIds).toHaveLength(1);
    const cedar = await bookSessions(frontDesk, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-12", "12:00", c.cedar.id)] });
    expect(cedar.sessionIds).toHaveLength(1);

    // Moving the Willow session into the holiday is refused the same way, and it stays where it was.
    const moved = await violations(moveSessions(frontDesk, [{ sessionId: willow.sessionIds[0], startsAt: local("2026-03-10", "11:00"), endsAt: local("2026-03-10", "12:00"), roomId: c.willow.id }]));
    expect(moved.map((v) => v.rule)).toEqual(["P10"]);
    expect(moved[0].message).toMatch(/falls in a closure: the clinic is closed from Tue 10 Mar to Wed 11 Mar \(Holidays\)\.$/);
    expect((await db.session.findUniqueOrThrow({ where: { id: willow.sessionIds[0] } })).startsAt).toEqual(local("2026-03-12", "11:00"));
  });

  test("the closures page lists the clinic's closures not yet over, soonest first, each with the sessions inside it; not another clinic's", async () => {
    const { partnerAId: a, partnerBId: b } = c.couple;
    const inside = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: local("2026-03-20", "10:00").toISOString(), minutes: 60, partners: [a, b] });
    const later = await declareClosure(frontDesk, input({ roomId: "", fromDate: "2026-03-20", toDate: "2026-03-20", reason: "Staff retreat" }));
    const sooner = await declareClosure(admin, input({ roomId: c.cedar.id, fromDate: "2026-03-05", toDate: "2026-03-06", reason: "Repairs" }));
    const over = await declareClosure(frontDesk, input({ roomId: "", fromDate: "2026-03-03", toDate: "2026-03-03", reason: "Over soon" }));
    const elsewhere = await smallClinic(db);
    const otherAdmin = await db.user.create({ data: { clinicId: elsewhere.clinic.id, email: `admin-${randomUUID()}@clinic.test`, name: "Other admin", roles: ["ADMIN"], passwordHash: "x" } });
    await declareClosure(staffOf(otherAdmin), input({ roomId: "", fromDate: "2026-03-10", toDate: "2026-03-10", reason: "Elsewhere" }));
    // Thursday 5 Mar: the closure of Tue 3 Mar is over.
    const listed = await listUpcomingClosures(frontDesk, local("2026-03-05", "09:00"));
    expect(listed.map((l) => [l.id, l.words, l.sessions.map((s) => [s.id, s.couple])])).toEqual([
      [sooner.id, "Cedar is out of service from Thu 5 Mar to Fri 6 Mar (Repairs)", []],
      [later.id, "the clinic is closed on Fri 20 Mar (Staff retreat)", [[inside.id, "Sam & Jordan Rivera"]]],
    ]);
    expect(listed.map((l) => l.id)).not.toContain(over.id);
    // An admin sees the same closures, the sessions without the couple's names.
    expect((await listUpcomingClosures(admin, local("2026-03-05", "09:00")))[1].sessions).toEqual([{ id: inside.id, kind: "Couples therapy", when: "Fri 20 Mar 10:00–11:00", room: "Willow", couple: null }]);
    await expect(listUpcomingClosures(therapist)).rejects.toThrow(/permission/);
  });

  test("a closure declared while bookings race it: each booking is refused by it (P10) or done first and listed by it, never booked inside it unlisted", async () => {
    const days = ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23"];
    let listed = 0;
    for (const day of days) {
      const [booking, closure] = await Promise.allSettled([
        bookSessions(frontDesk, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy(day, "10:00")] }),
        declareClosure(frontDesk, input({ roomId: "", fromDate: day, toDate: day, reason: "Holidays" })),
      ]);
      if (closure.status !== "fulfilled") throw closure.reason;
      if (booking.status === "fulfilled") {
        expect(closure.value.sessions.map((s) => s.id)).toEqual(booking.value.sessionIds);
        listed++;
      } else {
        expect(String(booking.reason)).toMatch(/^RuleViolation.*P10: The couples therapy session on .* falls in a closure: the clinic is closed on .* \(Holidays\)\.$/);
        expect(closure.value.sessions).toEqual([]);
      }
    }
    // Whichever came first, the sessions inside the closures are exactly the ones they listed.
    expect(await db.session.count({ where: { clinicId: c.clinic.id, status: "SCHEDULED" } })).toBe(listed);
  });

  test("removing a closure asks nothing of the sessions and opens its hours again; another clinic's closure is not found", async () => {
    const declared = await declareClosure(frontDesk, holiday());
    const elsewhere = await smallClinic(db);
    const otherDesk = staffOf(await db.user.create({ data: { clinicId: elsewhere.clinic.id, email: `desk-${randomUUID()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } }));
    await expect(removeClosure(otherDesk, declared.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeClosure(therapist, declared.id)).rejects.toThrow(/permission/);
    expect(await db.closure.count({ where: { id: declared.id } })).toBe(1);

    expect(await removeClosure(frontDesk, declared.id)).toEqual({ reason: "Holidays" });
    expect(await db.closure.count({ where: { clinicId: c.clinic.id } })).toBe(0);
    const booked = await bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-11", "15:00")] });
    expect(booked.sessionIds).toHaveLength(1);
  });

  test("bad input is refused field by field in words, and nothing changes", async () => {
    const before = await state();
    const issues = (fields: Record<string, string>) => {
      const parsed = ZClosureInput.safeParse({ roomId: "", fromDate: "2026-03-10", toDate: "2026-03-11", reason: "Holidays", ...fields });
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(issues({ toDate: "2026-03-09" })).toEqual({ toDate: "The closure must end after it starts: its last day is before its first." });
    expect(issues({ toDate: "2026-03-10", fromTime: "14:00", toTime: "09:00" })).toEqual({ toTime: "The closure must end after it starts." });
    expect(issues({ toDate: "2026-03-10", fromTime: "14:00", toTime: "14:00" })).toEqual({ toTime: "The closure must end after it starts." });
    expect(issues({ toDate: "2027-03-11" })).toEqual({ toDate: "A closure spans at most 366 days; declare a longer one in parts." });
    expect(issues({ toDate: "2027-03-10" })).toEqual({});
    expect(issues({ fromTime: "09:00" })).toEqual({ toTime: "Give both times, or neither for whole days." });
    expect(issues({ fromTime: "9am", toTime: "17:00" })).toEqual({ fromTime: "Enter the time it starts as HH:MM, or leave both times empty for whole days." });
    expect(issues({ reason: "   " })).toEqual({ reason: "Say why the clinic or room is closed (a holiday, repairs …)." });
    expect(issues({ reason: "x".repeat(201) })).toEqual({ reason: "Keep the reason under 200 characters." });
    expect(issues({ fromDate: "2026-02-30" })).toEqual({ fromDate: "Enter a real date: February 2026 has 28 days." });
    expect(issues({ roomId: "Cedar" })).toEqual({ roomId: "Choose a room of this clinic, or the whole clinic." });

    // A room that is not the clinic's (another clinic's, or none at all) and a closure already over.
    const elsewhere = await smallClinic(db);
    for (const roomId of [elsewhere.cedar.id, randomUUID()]) {
      expect(await fieldErrors(declareClosure(frontDesk, { ...holiday(), roomId }))).toEqual({ roomId: ["Choose a room of this clinic, or the whole clinic."] });
    }
    expect(await fieldErrors(declareClosure(frontDesk, input({ roomId: "", fromDate: "2026-02-27", toDate: "2026-03-01", reason: "Past" })))).toEqual({
      toDate: ["This closure would be over already: declare closures of days to come."],
    });
    await expect(declareClosure(therapist, holiday())).rejects.toThrow(/permission/);
    expect(await state()).toEqual(before);
  });

  test("the database itself refuses a closure that ends before it starts, spans too long or gives no reason, and a day's hours that close before they open, in words", async () => {
    const row = { clinicId: c.clinic.id, startsAt: local("2026-03-10", "00:00"), endsAt: local("2026-03-11", "00:00"), reason: "Holidays", declaredById: frontDesk.id };
    const refused = (data: Partial<typeof row>) => db.closure.create({ data: { ...row, ...data } }).then(() => null, (e: unknown) => failureOf(e));
    const field = (message: string, name: string) => ({ ok: false, error: message, fieldErrors: { [name]: [message] } });
    expect(await refused({ endsAt: row.startsAt })).toEqual(field("A closure must end after it starts.", "toDate"));
    expect(await refused({ endsAt: new Date(row.startsAt.getTime() + 368 * 24 * 3600_000) })).toEqual(field("A closure spans at most 366 days; declare a longer one in parts.", "toDate"));
    expect(await refused({ reason: "   " })).toEqual(field("Say why the clinic or room is closed, in under 200 characters.", "reason"));
    expect(await db.closure.count({ where: { clinicId: c.clinic.id } })).toBe(0);
    const hours = await db.clinic.update({ where: { id: c.clinic.id }, data: { weekdayOpensAtMinute: [1300, 480, 480, 480, 480, 480, 480] } }).then(() => null, (e: unknown) => failureOf(e));
    expect(hours).toEqual({ ok: false, error: "P10: each day's opening hours must open before they close, within the day.", rules: ["P10"] });
    const six = await db.clinic.update({ where: { id: c.clinic.id }, data: { weekdayClosesAtMinute: [1200, 1200, 1200, 1200, 1200, 1200] } }).then(() => null, (e: unknown) => failureOf(e));
    expect(six).toMatchObject({ ok: false, rules: ["P10"] });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toMatchObject({ weekdayOpensAtMinute: Array(7).fill(480), weekdayClosesAtMinute: Array(7).fill(1200) });
  });

  test("the planner places nothing in a closure, nor outside the day's own hours", async () => {
    await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", format: "SINGLE_EXPERIENCE", plannedSessionCount: 6 } });
    // Mondays open 13:00–20:00 only; the clinic closed Tue 3 – Fri 6 Mar; Cedar, the one dosing room, out of service Mon 9 – Fri 13 Mar.
    await db.clinic.update({ where: { id: c.clinic.id }, data: { weekdayOpensAtMinute: [780, 480, 480, 480, 480, 480, 480] } });
    await declareClosure(frontDesk, input({ roomId: "", fromDate: "2026-03-03", toDate: "2026-03-06", reason: "Holidays" }));
    await declareClosure(frontDesk, input({ roomId: c.cedar.id, fromDate: "2026-03-09", toDate: "2026-03-13", reason: "Repairs" }));
    const { plan, violations: verdict } = await proposePlan(therapist, c.couple.id, {
      startDate: "2026-03-03",
      weekdays: [1, 2, 3, 4, 5],
      dayParts: ["morning", "afternoon"],
      psychiatristId: c.psychiatrist.id,
      firstJourneyerId: c.couple.partnerBId,
    });
    expect(plan.blocked).toEqual([]);
    expect(verdict).toEqual([]);
    expect(plan.sessions.map((s) => s.kind)).toEqual(expect.arrayContaining(["INTAKE", "PREPARATION", "MEDICINE_TAKING_TURNS", "INTEGRATION"]));
    for (const s of plan.sessions) {
      const day = clinicDate(s.startsAt, TZ);
      expect(day >= "2026-03-09", `${s.step} on ${day}, inside the holiday`).toBe(true);
      if (isoWeekday(day, TZ) === 1) expect(clinicMinuteOfDay(s.startsAt, TZ), `${s.step} before Monday's opening`).toBeGreaterThanOrEqual(780);
      if (s.roomId === c.cedar.id) expect(day >= "2026-03-14", `${s.step} in Cedar while out of service`).toBe(true);
    }
    expect(plan.sessions.find((s) => s.kind === "MEDICINE_TAKING_TURNS")?.roomId).toBe(c.cedar.id);
  });

  test("opening hours per weekday from the admin's form: the engine uses them at once; bad hours are refused field by field and change nothing", async () => {
    const current = clinicSettingsOf(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } }));
    const form: Record<string, unknown> = {
      openWeekdays: ["1", "2", "3", "4", "5", "6"],
      hoursByWeekday: [...Array(5).fill({ opensAtMinute: "08:00", closesAtMinute: "20:00" }), { opensAtMinute: "09:00", closesAtMinute: "13:00" }, { opensAtMinute: "", closesAtMinute: "" }],
    };
    // The form's opening-hours fields only, over the clinic's other settings as they stand.
    const hoursOf = (fields: Record<string, unknown>) => {
      const { openWeekdays, opensAtMinute, closesAtMinute, hoursByWeekday } = settingsCandidateOf(fields);
      return { openWeekdays, opensAtMinute, closesAtMinute, hoursByWeekday };
    };
    const { timeZone: _zone, ...rest } = current;
    await updateClinicSettings(admin, { ...rest, ...hoursOf(form) });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toMatchObject({
      weekdayOpensAtMinute: [480, 480, 480, 480, 480, 540, 480],
      weekdayClosesAtMinute: [1200, 1200, 1200, 1200, 1200, 780, 1200],
      opensAtMinute: 480,
      closesAtMinute: 1200,
    });
    const late = await violations(bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-07", "12:30")] }));
    expect(late.map((v) => v.message)).toEqual(["P10: The couples therapy session on Sat 7 Mar 12:30–13:30 is outside opening hours (Mon–Fri 08:00–20:00; Sat 09:00–13:00)."]);
    expect((await bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-07", "12:00")] })).sessionIds).toHaveLength(1);

    const before = await state();
    const days = form.hoursByWeekday as object[];
    const broken = hoursOf({ ...form, hoursByWeekday: [...days.slice(0, 2), { opensAtMinute: "18:00", closesAtMinute: "09:00" }, ...days.slice(3)] });
    expect(await fieldErrors(updateClinicSettings(admin, { ...rest, ...broken }))).toEqual({
      "hoursByWeekday.2.closesAtMinute": ["Wednesday: closing time must be after opening time"],
    });
    const blank = hoursOf({ ...form, hoursByWeekday: [{ opensAtMinute: "", closesAtMinute: "20:00" }, ...days.slice(1)] });
    expect(await fieldErrors(updateClinicSettings(admin, { ...rest, ...blank }))).toEqual({ "hoursByWeekday.0.opensAtMinute": ["Opening time: enter a time"] });
    expect(await state()).toEqual(before);
  });

  test("the board's days: each day's hours and the closures touching it, the clinic's and each room's", async () => {
    await declareClosure(frontDesk, input({ roomId: "", fromDate: "2026-03-10", toDate: "2026-03-10", fromTime: "12:00", toTime: "20:00", reason: "Staff training" }));
    await declareClosure(frontDesk, input({ roomId: c.cedar.id, fromDate: "2026-03-09", toDate: "2026-03-11", reason: "Repairs" }));
    const clinic = await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } });
    const days = await openingDaysOf(clinic, "2026-03-08", 4);
    expect(days.map((d) => ({ day: d.day, open: d.open, hours: d.hours, closures: d.closures.map((x) => `${x.roomName ?? "clinic"} ${x.fromMinute}-${x.toMinute} ${x.reason}`) }))).toEqual([
      { day: "2026-03-08", open: false, hours: null, closures: [] },
      { day: "2026-03-09", open: true, hours: { opensAtMinute: 480, closesAtMinute: 1200 }, closures: ["Cedar 0-1440 Repairs"] },
      { day: "2026-03-10", open: true, hours: { opensAtMinute: 480, closesAtMinute: 1200 }, closures: ["Cedar 0-1440 Repairs", "clinic 720-1200 Staff training"] },
      { day: "2026-03-11", open: true, hours: { opensAtMinute: 480, closesAtMinute: 1200 }, closures: ["Cedar 0-1440 Repairs"] },
    ]);
  });
});
