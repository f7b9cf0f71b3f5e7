import { beforeEach, describe, expect, test } from "vitest";
import { databaseFailureOf } from "@/lib/db/errors";
import type { Db } from "@/lib/db/prisma";
import { undischargedPartners } from "@/lib/dosing/discharge-gate";
import { ZAdministrationInput, ZRideHomeInput, ZVitalsInput } from "@/lib/dosing/input";
import { overrideDoseHold } from "@/lib/dosing/override-hold";
import { recordAdministration } from "@/lib/dosing/record-administration";
import { recordDischarge } from "@/lib/dosing/record-discharge";
import { recordRideHome } from "@/lib/dosing/record-ride-home";
import { recordVitals } from "@/lib/dosing/record-vitals";
import { InvalidInputError, RuleViolationError } from "@/lib/errors";
import { databaseKind, testDb } from "../support/database";
import { at, clinicWithEvaluation, lotWith, medicineSession, signedClearance, type ClinicWithEvaluation } from "../support/dosing-fixtures";

let db: Db;
let c: ClinicWithEvaluation;
beforeEach(async () => {
  db = await testDb();
  c = await clinicWithEvaluation(db);
});

type Session = Awaited<ReturnType<typeof medicineSession>>;
const vitals = (s: Session, phase: string, bp: [number, number], hr = 72, clientId = c.couple.partnerAId) =>
  ZVitalsInput.parse({ sessionId: s.id, clientId, phase, systolic: String(bp[0]), diastolic: String(bp[1]), heartRate: String(hr) });
const dose = (s: Session, lotId: string, mg: number, over: Record<string, string> = {}) =>
  ZAdministrationInput.parse({ sessionId: s.id, clientId: c.couple.partnerAId, doseMg: String(mg), route: "SUBLINGUAL_LOZENGE", lotId, witnessedById: c.psychiatrist.id, ...over });
const ride = (s: Session, clientId = c.couple.partnerAId, name = "Alex Rivera") => ZRideHomeInput.parse({ sessionId: s.id, clientId, rideHomeName: name, rideHomePhone: "(415) 555-0100" });

describe(`dosing day on ${databaseKind}`, () => {
  test("a reading over the clinic's limits holds the dose until a psychiatrist overrides it with a reason", async () => {
    await signedClearance(db, c);
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(5))).rejects.toThrow(/blood pressure and heart rate before dosing/);
    const { readingId, hold } = await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [170, 95]), at(5));
    expect(hold).toMatchObject({ state: "held", readingId });
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(6))).rejects.toThrow(/on hold: .*170\/95/);
    await expect(overrideDoseHold(c.as.therapist, { sessionId: s.id, vitalsReadingId: readingId, reason: "Anxious; retake is lower" }, at(7))).rejects.toSatisfy(
      (e) => e instanceof RuleViolationError && e.rule === "P11",
    );
    await overrideDoseHold(c.as.psychiatrist, { sessionId: s.id, vitalsReadingId: readingId, reason: "White-coat; known baseline 150/88" }, at(8));
    await recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(10));
    expect(Number((await db.substanceLot.findUniqueOrThrow({ where: { id: lot.id } })).balanceMg)).toBe(950);
    const entry = await db.substanceLogEntry.findFirstOrThrow({ where: { lotId: lot.id, kind: "ADMINISTRATION" } });
    expect(Number(entry.quantityMg)).toBe(-50);
  });

  test("the clinic's limits are settings, and a calmer retake lifts the hold", async () => {
    await db.clinic.update({ where: { id: c.clinic.id }, data: { maxSystolic: 140, maxDiastolic: 85, maxHeartRate: 90 } });
    const s = await medicineSession(db, c);
    expect((await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [145, 80]), at(1))).hold.state).toBe("held");
    expect((await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [130, 80], 95), at(2))).hold.state).toBe("held");
    expect((await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [130, 80], 80), at(3))).hold.state).toBe("clear");
  });

  test("doses within the clearance's maximum (all of the session's doses) and route only (P3)", async () => {
    await signedClearance(db, c, { maxDoseMg: 100 });
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1));
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50, { route: "INTRAMUSCULAR" }), at(2))).rejects.toSatisfy(
      (e) => e instanceof RuleViolationError && e.rule === "P3" && /sublingual/.test(e.message),
    );
    await recordAdministration(c.as.therapist, dose(s, lot.id, 75), at(2));
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 30), at(40))).rejects.toSatisfy(
      (e) => e instanceof RuleViolationError && e.rule === "P3" && /maximum of 100 mg/.test(e.message) && /25 mg left/.test(e.message),
    );
    await recordAdministration(c.as.therapist, dose(s, lot.id, 25), at(40));
    expect(await db.administration.count({ where: { dosingRecord: { sessionId: s.id } } })).toBe(2);
  });

  test("no dose without a clearance in force; a revoked clearance stops the next dose; only the dosing partner doses", async () => {
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1));
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(2))).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P3");
    const clearance = await signedClearance(db, c);
    await db.clearanceRevocation.create({ data: { clearanceId: clearance.id, revokedById: c.psychiatrist.id, reason: "Revoked" } });
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(2))).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P3");
    await expect(recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80], 70, c.couple.partnerBId), at(1))).rejects.toThrow(/does not dose/);
  });

  test("the witness is someone else; the lot must hold the dose", async () => {
    await signedClearance(db, c);
    const lot = await lotWith(db, c, 40);
    const s = await medicineSession(db, c);
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1));
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 20, { witnessedById: c.therapist.id }), at(2))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(2))).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && !!e.fieldErrors.lotId,
    );
    expect(await db.administration.count({ where: { lotId: lot.id } })).toBe(0);
  });

  test("vitals and doses are recorded only once checked in; the ride home before check-in, by the front desk too", async () => {
    const s = await medicineSession(db, c, "MEDICINE_TAKING_TURNS", "SCHEDULED");
    await expect(recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1))).rejects.toThrow(/checked in/);
    await recordRideHome(c.as.frontDesk, ride(s));
    expect((await db.dosingRecord.findFirstOrThrow({ where: { sessionId: s.id } })).rideHomeName).toBe("Alex Rivera");
    await expect(recordRideHome(c.as.frontDesk, ride(s, c.couple.partnerBId))).rejects.toThrow(/does not dose/);
  });

  test("in Low Dose Together neither partner drives the other home", async () => {
    const s = await medicineSession(db, c, "MEDICINE_LOW_DOSE", "SCHEDULED");
    await expect(recordRideHome(c.as.therapist, ride(s, c.couple.partnerAId, "Jordan Rivera"))).rejects.toThrow(/neither may drive/);
    await recordRideHome(c.as.therapist, ride(s, c.couple.partnerAId, "A friend"));
  });

  test("discharge no earlier than the observation time after the last dose, with vitals near baseline; the gate lists who is left", async () => {
    await signedClearance(db, c);
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await recordRideHome(c.as.therapist, ride(s));
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1));
    await recordAdministration(c.as.therapist, dose(s, lot.id, 75), at(10));
    expect(await undischargedPartners(db, s.id)).toEqual([c.couple.partnerAId]);
    const discharge = { sessionId: s.id, clientId: c.couple.partnerAId, alertAndOriented: true, escortPresent: true };
    await expect(recordDischarge(c.as.therapist, discharge, at(129))).rejects.toThrow(/from 12:10: 120 minutes after the last dose at 10:10/);
    await expect(recordDischarge(c.as.therapist, discharge, at(131))).rejects.toThrow(/blood pressure and heart rate before discharge/);
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DISCHARGE", [165, 85]), at(125));
    await expect(recordDischarge(c.as.therapist, discharge, at(131))).rejects.toThrow(/not yet near baseline/);
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DISCHARGE", [128, 82]), at(130));
    await recordDischarge(c.as.therapist, discharge, at(131));
    expect(await undischargedPartners(db, s.id)).toEqual([]);
    await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 10), at(140))).rejects.toThrow(/discharged/);
  });

  test("a therapist who does not treat the couple cannot open its dosing day", async () => {
    const s = await medicineSession(db, c);
    await expect(recordVitals(c.as.otherTherapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1))).rejects.toThrow(/not found/);
    await expect(recordVitals(c.as.frontDesk, vitals(s, "BEFORE_DOSING", [120, 80]), at(1))).rejects.toThrow(/permission/);
  });
});

// P11: a dosing day's records are made only on the session's own clinic day (Tue 10 Mar in Los
// Angeles); the ride home alone may be recorded ahead.
describe(`a dosing day's records on its own day (P11) on ${databaseKind}`, () => {
  const monEvening = new Date("2026-03-10T05:00:00Z"); // Mon 9 Mar 22:00 in the clinic, already the session's UTC date
  const tueLate = new Date("2026-03-11T06:30:00Z"); // Tue 10 Mar 23:30 in the clinic, the next UTC date
  const wedMorning = new Date("2026-03-11T16:00:00Z"); // Wed 11 Mar 09:00 in the clinic
  const onItsDay = (what: string, today: string) => (e: unknown) =>
    e instanceof RuleViolationError && e.rule === "P11" && e.message === `P11: ${what} recorded only on the day of the medicine session, Tue 10 Mar; today is ${today}.`;
  const recorded = async (s: Session) => ({
    vitals: await db.vitalsReading.count({ where: { dosingRecord: { sessionId: s.id } } }),
    doses: await db.administration.count({ where: { dosingRecord: { sessionId: s.id } } }),
    overrides: await db.doseHoldOverride.count({ where: { dosingRecord: { sessionId: s.id } } }),
    discharged: await db.dosingRecord.count({ where: { sessionId: s.id, dischargedAt: { not: null } } }),
    log: await db.substanceLogEntry.count({ where: { kind: "ADMINISTRATION", administration: { dosingRecord: { sessionId: s.id } } } }),
  });

  test("vitals, a dose, a hold override and a discharge are refused the day before and the day after, and nothing is stored", async () => {
    await signedClearance(db, c);
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await recordRideHome(c.as.therapist, ride(s));
    const discharge = { sessionId: s.id, clientId: c.couple.partnerAId, alertAndOriented: true, escortPresent: true };

    for (const [when, today] of [[monEvening, "Mon 9 Mar"], [wedMorning, "Wed 11 Mar"]] as const) {
      await expect(recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), when)).rejects.toSatisfy(onItsDay("vitals are", today));
      await expect(recordAdministration(c.as.therapist, dose(s, lot.id, 50), when)).rejects.toSatisfy(onItsDay("a dose is", today));
      await expect(recordDischarge(c.as.therapist, discharge, when)).rejects.toSatisfy(onItsDay("a discharge is", today));
    }
    expect(await recorded(s)).toEqual({ vitals: 0, doses: 0, overrides: 0, discharged: 0, log: 0 });

    // On the day: a reading over the limits holds the dose; the override waits for the day too.
    const { readingId } = await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [170, 95]), at(1));
    const override = { sessionId: s.id, vitalsReadingId: readingId, reason: "White-coat; known baseline 150/88" };
    await expect(overrideDoseHold(c.as.psychiatrist, override, wedMorning)).rejects.toSatisfy(onItsDay("a hold override is", "Wed 11 Mar"));
    expect(await recorded(s)).toEqual({ vitals: 1, doses: 0, overrides: 0, discharged: 0, log: 0 });
  });

  test("allowed on the day, up to its late evening (already the next date in UTC)", async () => {
    await signedClearance(db, c);
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await recordRideHome(c.as.therapist, ride(s));
    const { readingId } = await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [170, 95]), at(1));
    await overrideDoseHold(c.as.psychiatrist, { sessionId: s.id, vitalsReadingId: readingId, reason: "White-coat; known baseline 150/88" }, at(2));
    await recordAdministration(c.as.therapist, dose(s, lot.id, 50), at(5));
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DISCHARGE", [125, 80]), tueLate);
    await recordDischarge(c.as.therapist, { sessionId: s.id, clientId: c.couple.partnerAId, alertAndOriented: true, escortPresent: true }, tueLate);
    expect(await recorded(s)).toEqual({ vitals: 2, doses: 1, overrides: 1, discharged: 1, log: 1 });
  });

  test("the ride home may be recorded ahead, while the day's other records wait for the day", async () => {
    const s = await medicineSession(db, c, "MEDICINE_TAKING_TURNS", "SCHEDULED");
    await recordRideHome(c.as.frontDesk, ride(s));
    expect((await db.dosingRecord.findFirstOrThrow({ where: { sessionId: s.id } })).rideHomeName).toBe("Alex Rivera");
    await expect(recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), monEvening)).rejects.toSatisfy(onItsDay("vitals are", "Mon 9 Mar"));
  });
});

describe("dosing input validation", () => {
  const base = { sessionId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f60", clientId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f61" };
  const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.success ? {} : Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
  test("vitals", () => {
    expect(issues(ZVitalsInput.safeParse({ ...base, phase: "DURING", systolic: "20", diastolic: "10", heartRate: "300" }))).toEqual({
      systolic: "The systolic pressure must be between 50 and 300 mmHg.",
      diastolic: "The diastolic pressure must be between 20 and 200 mmHg.",
      heartRate: "The heart rate must be between 20 and 250 beats per minute.",
    });
    expect(issues(ZVitalsInput.safeParse({ ...base, phase: "DURING", systolic: "120", diastolic: "80", heartRate: "70", time: "25:00" })).time).toMatch(/HH:MM/);
  });
  test("doses", () => {
    const d = (doseMg: string) => issues(ZAdministrationInput.safeParse({ ...base, doseMg, route: "INTRAMUSCULAR", lotId: base.sessionId, witnessedById: base.clientId })).doseMg;
    expect(d("0")).toBe("The dose must be between 0.01 and 500 mg.");
    expect(d("600")).toBe("The dose must be between 0.01 and 500 mg.");
    expect(d("12.345")).toBe("Enter the dose with at most 2 decimals (mg).");
    expect(d("")).toBe("Enter the dose (mg).");
    expect(d("50")).toBeUndefined();
  });
  test("ride home", () => {
    expect(issues(ZRideHomeInput.safeParse({ ...base, rideHomeName: " ", rideHomePhone: "12" }))).toEqual({
      rideHomeName: "Enter who drives the partner home.",
      rideHomePhone: "Enter a phone number of 7 to 15 digits.",
    });
  });
});

// On PostgreSQL these race for real; on PGlite they queue on its one connection. Either way
// the lot's row lock and CHECK must leave exactly what the lot held.
describe(`concurrent administrations on ${databaseKind}`, () => {
  test("two doses at once, in two couples' sessions, from a lot that holds only one cannot overdraw it", async () => {
    // Different sessions and partners: nothing but the lot is shared, so only its row lock and CHECK decide.
    const s = await medicineSession(db, c);
    const other = c.otherCouple;
    const otherCycle = await db.kapCycle.create({ data: { coupleId: other.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
    const s2 = await db.session.create({
      data: {
        clinicId: c.clinic.id, coupleId: other.id, cycleId: otherCycle.id, kind: "MEDICINE_TAKING_TURNS", status: "CHECKED_IN",
        startsAt: s.startsAt, endsAt: s.endsAt, roomId: c.willow.id, journeyerId: other.partnerAId,
        clinicians: { create: [{ userId: c.otherTherapist.id }] }, attendees: { create: [{ clientId: other.partnerAId, role: "JOURNEYER" }, { clientId: other.partnerBId, role: "SITTER" }] },
      },
    });
    await signedClearance(db, c, { clientId: c.couple.partnerAId });
    await signedClearance(db, c, { clientId: other.partnerAId });
    const lot = await lotWith(db, c, 60);
    await recordVitals(c.as.therapist, vitals(s, "BEFORE_DOSING", [120, 80]), at(1));
    await recordVitals(c.as.psychiatrist, vitals(s2, "BEFORE_DOSING", [120, 80], 70, other.partnerAId), at(1));
    const results = await Promise.allSettled([
      recordAdministration(c.as.therapist, dose(s, lot.id, 40), at(5)),
      recordAdministration(c.as.otherTherapist, dose(s2, lot.id, 40, { clientId: other.partnerAId }), at(5)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(failure).toBeInstanceOf(InvalidInputError);
    expect(Number((await db.substanceLot.findUniqueOrThrow({ where: { id: lot.id } })).balanceMg)).toBe(20);
    expect(await db.administration.count({ where: { lotId: lot.id } })).toBe(1);
    expect(await db.substanceLogEntry.count({ where: { lotId: lot.id, kind: "ADMINISTRATION" } })).toBe(1);
  });

  test("many concurrent raw log entries: the balance never goes below zero", async () => {
    const lot = await lotWith(db, c, 100);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        db.substanceLogEntry.create({ data: { lotId: lot.id, kind: "WASTE", quantityMg: -30, reason: "race", recordedById: c.therapist.id, witnessedById: c.psychiatrist.id, occurredAt: new Date() } }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect(databaseFailureOf(r.reason)?.constraint).toBe("SubstanceLot_balance_not_negative");
    expect(Number((await db.substanceLot.findUniqueOrThrow({ where: { id: lot.id } })).balanceMg)).toBe(10);
  });
});
