import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { clinicSettingsOf, settingsCandidateOf, type TClinicSettingsInput } from "@/lib/clinic/settings-input";
import { updateClinicSettings } from "@/lib/clinic/update-settings";
import { protocolStatusForCycle } from "@/lib/couples/protocol-status";
import type { Db } from "@/lib/db/prisma";
import { ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "@/lib/errors";
import type { NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { databaseKind, testDb } from "../support/database";
import { readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Issue 3: the clinic's settings are edited by an admin, validated, audited, and read by the
// engine on its next check.

let db: Db;
let c: SmallClinic;
let admin: ReturnType<typeof staffOf>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await smallClinic(db);
  const user = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${randomUUID()}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
  admin = staffOf(user);
});
afterEach(() => {
  vi.useRealTimers();
});

async function current(): Promise<TClinicSettingsInput> {
  const { timeZone: _zone, ...rest } = clinicSettingsOf(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } }));
  return rest;
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(() => null, (e) => e);
  if (!(error instanceof InvalidInputError)) throw new Error(`expected invalid input, got ${error}`);
  return error.fieldErrors;
}

const auditRows = () => db.auditEvent.count({ where: { clinicId: c.clinic.id, entity: "Clinic" } });

describe(`clinic settings (${databaseKind})`, () => {
  test("invalid settings are refused field by field, in words, and change nothing", async () => {
    const before = await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } });
    const valid = await current();
    const cases: [Partial<TClinicSettingsInput>, string, RegExp][] = [
      [{ integrationWindowDays: { min: 3, max: 2 } }, "integrationWindowDays.max", /integration window's latest day must not be before its earliest/],
      [{ lowDoseSeries: { min: 9, max: 8 } }, "lowDoseSeries.max", /most sessions must not be fewer than its fewest/],
      // A form from before hours per weekday sends one pair, for every day.
      [{ hoursByWeekday: undefined, opensAtMinute: 20 * 60, closesAtMinute: 8 * 60 }, "closesAtMinute", /Closing time must be after opening time/],
      [{ hoursByWeekday: valid.hoursByWeekday!.map((h, i) => (i === 0 ? { opensAtMinute: 20 * 60, closesAtMinute: 8 * 60 } : h)) }, "hoursByWeekday.0.closesAtMinute", /^Monday: closing time must be after opening time$/],
      [{ opensAtMinute: Number.NaN }, "opensAtMinute", /Opening time: enter a time/],
      [{ sessionMinutes: { ...valid.sessionMinutes, INTEGRATION: 0 } }, "sessionMinutes.INTEGRATION", /longer than 0 minutes/],
      [{ clearanceValidityDays: 0 }, "clearanceValidityDays", /at least 1/],
      [{ openWeekdays: [] }, "openWeekdays", /open on at least one day/],
      [{ maxDiastolic: 170 }, "maxDiastolic", /diastolic limit must be below the systolic limit/],
      [{ vitalsIntervalMinMinutes: 45 }, "vitalsIntervalMinMinutes", /shortest interval between vitals must not be longer than the longest/],
      [{ dischargeMinMinutes: -5 }, "dischargeMinMinutes", /The time from the last dose to discharge must be at least 1 minute\./],
      [{ idleTimeoutMinutes: 13 * 60 }, "idleTimeoutMinutes", /idle sign-out must not be later than the longest sign-in/],
      [{ safetyScreen: { enabled: true, days: 0 } }, "safetyScreen.days", /^Safety screen window \(days\) must be at least 1$/],
      [{ safetyScreen: { enabled: true, days: 61 } }, "safetyScreen.days", /^Safety screen window \(days\) must be at most 60$/],
      [{ safetyScreen: { enabled: true, days: Number.NaN } }, "safetyScreen.days", /^Safety screen window \(days\): enter a number$/],
      [{ noteLateHours: 0 }, "noteLateHours", /^The time after which a note is late must be at least 1 hour\.$/],
      [{ noteLateHours: 90 * 24 + 1 }, "noteLateHours", /^The time after which a note is late must be at most 2160 hours\.$/],
      [{ reminderDaysBefore: 0 }, "reminderDaysBefore", /^The appointment reminder's lead must be at least 1 day\.$/],
      [{ reminderDaysBefore: 15 }, "reminderDaysBefore", /^The appointment reminder's lead must be at most 14 days\.$/],
      [{ reminderAtMinute: Number.NaN }, "reminderAtMinute", /^Enter the time reminders are sent as HH:MM\.$/],
      [{ staffDigestAtMinute: 24 * 60 }, "staffDigestAtMinute", /^Enter the time the morning digest is sent as HH:MM\.$/],
      [{ contactEmail: "front desk" }, "contactEmail", /^Enter a valid email address for the clinic, or leave it empty\.$/],
      [{ contactPhone: "call us" }, "contactPhone", /^Enter the clinic's phone of digits/],
      [{ preparationText: "x".repeat(2001) }, "preparationText", /^Keep the preparation text under 2,000 characters\.$/],
    ];
    for (const [change, field, message] of cases) {
      const errors = await refusal(updateClinicSettings(admin, { ...valid, ...change }));
      expect(errors[field], `${field} for ${JSON.stringify(change)}`).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toEqual(before);
    expect(await auditRows()).toBe(0);
  });

  test("only an admin changes the settings", async () => {
    const error = await updateClinicSettings(staffOf(c.therapist), { ...(await current()), clearanceValidityDays: 30 }).catch((e) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).clearanceValidityDays).toBe(90);
  });

  test("a valid change is stored on the clinic row and audited in the same transaction", async () => {
    const saved = await updateClinicSettings(admin, {
      ...(await current()),
      clearanceValidityDays: 60,
      sessionMinutes: { ...(await current()).sessionMinutes, INTEGRATION: 75 },
      openWeekdays: [6, 1, 2],
      // One pair for every day, as a form from before hours per weekday sends.
      hoursByWeekday: undefined,
      opensAtMinute: 9 * 60 + 30,
      maxHeartRate: 110,
    });
    const row = await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } });
    expect(row).toMatchObject({ clearanceValidityDays: 60, integrationMinutes: 75, openWeekdays: [1, 2, 6], opensAtMinute: 570, maxHeartRate: 110, timeZone: "America/Los_Angeles" });
    expect(saved).toEqual(clinicSettingsOf(row));
    const audit = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, entity: "Clinic" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: admin.id, action: "update", entityId: c.clinic.id, outcome: "ALLOWED" })]);
  });

  test("the engine uses a changed integration window at once (P4)", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    const therapist = staffOf(c.therapist);
    // Tue 3 Mar 10:00 and Fri 6 Mar 10:00 in Los Angeles: three days apart.
    const book = () => {
      const medicine: NewSession = {
        id: randomUUID(), kind: "MEDICINE_TAKING_TURNS", startsAt: new Date("2026-03-03T18:00:00Z"), endsAt: new Date("2026-03-03T21:00:00Z"), roomId: c.cedar.id,
        journeyerId: c.couple.partnerAId, medicineSessionId: null, clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId],
      };
      const integration: NewSession = {
        ...medicine, id: randomUUID(), kind: "INTEGRATION", startsAt: new Date("2026-03-06T18:00:00Z"), endsAt: new Date("2026-03-06T19:30:00Z"),
        roomId: c.willow.id, journeyerId: null, medicineSessionId: medicine.id,
      };
      return bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: [medicine, integration] });
    };
    const refused = await book().then(() => null, (e) => e);
    expect(refused).toBeInstanceOf(Error);
    const rules = refused instanceof RuleViolationsError ? refused.violations.map((v) => v.rule) : refused instanceof RuleViolationError ? [refused.rule] : [];
    expect(rules).toContain("P4");

    await updateClinicSettings(admin, { ...(await current()), integrationWindowDays: { min: 1, max: 3 } });
    const { sessionIds } = await book();
    expect(sessionIds).toHaveLength(2);
    expect(await db.session.count({ where: { cycleId: cycle.id, kind: "INTEGRATION", status: "SCHEDULED" } })).toBe(1);
  });

  test("P12 and P13's settings are stored on their columns: the safety screen on or off and its days, when a note is late", async () => {
    const before = await current();
    expect(before).toMatchObject({ safetyScreen: { enabled: true, days: 7 }, noteLateHours: 72 });
    await updateClinicSettings(admin, { ...before, safetyScreen: { enabled: false, days: 14 }, noteLateHours: 48 });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toMatchObject({ safetyScreenEnabled: false, safetyScreenDays: 14, noteLateHours: 48 });
    // The edges the Clinic table's CHECKs allow.
    await updateClinicSettings(admin, { ...before, safetyScreen: { enabled: true, days: 60 }, noteLateHours: 2160 });
    expect(await current()).toMatchObject({ safetyScreen: { enabled: true, days: 60 }, noteLateHours: 2160 });
    await updateClinicSettings(admin, { ...before, safetyScreen: { enabled: true, days: 1 }, noteLateHours: 1 });
    expect(await current()).toMatchObject({ safetyScreen: { enabled: true, days: 1 }, noteLateHours: 1 });
  });

  test("the email reminders' settings are stored on their columns; the form's empty phone and email are none", async () => {
    const before = await current();
    expect(before).toMatchObject({ reminderDaysBefore: 2, reminderAtMinute: 540, preparationText: "", contactPhone: null, contactEmail: null });
    await updateClinicSettings(admin, { ...before, reminderDaysBefore: 3, reminderAtMinute: 17 * 60 + 30, preparationText: "  Eat lightly.  ", contactPhone: "+1 555 0100", contactEmail: "Hello@Clinic.test" });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toMatchObject({
      reminderDaysBefore: 3, reminderAtMinute: 1050, preparationText: "Eat lightly.", contactPhone: "+1 555 0100", contactEmail: "hello@clinic.test",
    });
    expect(settingsCandidateOf({ reminderDaysBefore: "2", reminderAtMinute: "09:15", preparationText: "Bring water.", contactPhone: " ", contactEmail: "" })).toMatchObject({
      reminderDaysBefore: 2, reminderAtMinute: 555, preparationText: "Bring water.", contactPhone: null, contactEmail: null,
    });
  });

  test("the clinicians' morning digest: on at 07:00 by default; the form's time and checkbox are stored", async () => {
    const before = await current();
    expect(before).toMatchObject({ staffDigestOn: true, staffDigestAtMinute: 420 });
    // The checkbox left out (unticked) is off.
    const { staffDigestOn, staffDigestAtMinute } = settingsCandidateOf({ staffDigestAtMinute: "06:45" });
    await updateClinicSettings(admin, { ...before, staffDigestOn, staffDigestAtMinute });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toMatchObject({ staffDigestOn: false, staffDigestAtMinute: 405 });
  });

  test("the safety screen's checkbox: ticked is on, left out is off", () => {
    expect(settingsCandidateOf({ safetyScreen: { enabled: "on", days: "7" }, noteLateHours: "72" })).toMatchObject({ safetyScreen: { enabled: true, days: 7 }, noteLateHours: 72 });
    expect(settingsCandidateOf({ safetyScreen: { days: "10" } }).safetyScreen).toEqual({ enabled: false, days: 10 });
    expect(settingsCandidateOf({ safetyScreen: { enabled: "yes" } }).safetyScreen).toEqual({ enabled: false, days: undefined });
  });

  test("the form's fields become a settings candidate: times as HH:MM, open days from checkboxes", () => {
    const candidate = settingsCandidateOf({ opensAtMinute: "08:30", closesAtMinute: "7pm", openWeekdays: ["1", "3"], integrationWindowDays: { min: "2", max: "" } });
    expect(candidate.opensAtMinute).toBe(510);
    expect(candidate.closesAtMinute).toBeNaN();
    expect(candidate.openWeekdays).toEqual([1, 3]);
    expect(candidate.integrationWindowDays).toEqual({ min: 2, max: undefined });
    expect(settingsCandidateOf({ openWeekdays: "6" }).openWeekdays).toEqual([6]);
    expect(settingsCandidateOf({}).openWeekdays).toEqual([]);
  });
});

describe(`the protocol status panel (${databaseKind})`, () => {
  test("the couple's therapist sees each prerequisite of the next medicine session; the front desk and other therapists do not", async () => {
    const cycle = await readyTakingTurnsCycle(db, c);
    const therapist = staffOf(c.therapist);
    const before = await protocolStatusForCycle(therapist, c.couple.id, cycle.id);
    expect(before.nextMedicineSession).toBeNull();
    expect(before.prerequisites.map((p) => [p.what, p.state])).toEqual([
      ["intake", "met"],
      ["intake", "met"],
      ["preparations", "met"],
      ["clearance", "met"],
      ["clearance", "met"],
    ]);

    const medicine: NewSession = {
      id: randomUUID(), kind: "MEDICINE_TAKING_TURNS", startsAt: new Date("2026-03-03T18:00:00Z"), endsAt: new Date("2026-03-03T21:00:00Z"), roomId: c.cedar.id,
      journeyerId: c.couple.partnerAId, medicineSessionId: null, clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId],
    };
    const integration: NewSession = { ...medicine, id: randomUUID(), kind: "INTEGRATION", startsAt: new Date("2026-03-04T18:00:00Z"), endsAt: new Date("2026-03-04T19:30:00Z"), roomId: c.willow.id, journeyerId: null, medicineSessionId: medicine.id };
    await bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: [medicine, integration] });
    const panel = await protocolStatusForCycle(therapist, c.couple.id, cycle.id);
    expect(panel.nextMedicineSession?.id).toBe(medicine.id);
    expect(panel.prerequisites.find((p) => p.what === "rideHome")).toMatchObject({ state: "pending", partnerId: c.couple.partnerAId, label: "Sam's ride home: to record by check-in" });
    // P12 (on by default): the journeyer's PHQ-9 is due from 7 calendar days before.
    expect(panel.prerequisites.find((p) => p.what === "safetyScreen")).toEqual({ rule: "P12", what: "safetyScreen", state: "due", partnerId: c.couple.partnerAId, label: "Sam's PHQ-9: due, from Tue 24 Feb until the session starts" });
    expect(panel.integrations).toEqual([expect.objectContaining({ medicineSessionId: medicine.id, state: "inside", insideWindow: true })]);

    const frontDesk = await db.user.create({ data: { clinicId: c.clinic.id, email: `fd-${randomUUID()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
    await expect(protocolStatusForCycle(staffOf(frontDesk), c.couple.id, cycle.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(protocolStatusForCycle(staffOf(c.otherTherapist), c.couple.id, cycle.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
