import { describe, expect, test, vi } from "vitest";
import { databaseKind, testDb } from "../support/database";
import { clinicWithEvaluation } from "../support/dosing-fixtures";
import { navigationOf, signInAs } from "../support/next-request";

// The probe of issue 11, findings 1–3, sent as the probe sent them: through the server actions
// and pages the browser calls, as each role, against the real database; finding 4 too, through
// the actions. (Finding 4 on every path: tests/integration/impossible-input.test.ts; 5:
// sign-in-throttle.test.ts; 6 and 7, over real HTTP: tests/e2e/edge.spec.ts, tests/unit/http.)

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const db = await testDb();
const { bookPlanAction } = await import("@/app/(clinic)/couples/[coupleId]/plan/actions");
const { bookSessionAction, cancelSessionAction, checkInSessionAction, completeSessionAction, noShowSessionAction } = await import("@/components/scheduling/actions");
const { administrationAction, checkInAction, completeAction, overrideAction, vitalsAction, rideHomeAction } = await import("@/app/(clinic)/sessions/[sessionId]/dosing/actions");
const { recordClearanceAction, revokeClearanceAction } = await import("@/app/(clinic)/clearances/actions");
const { default: ClearancePage } = await import("@/app/(clinic)/clearances/[clearanceId]/page");
const { default: DosingPage } = await import("@/app/(clinic)/sessions/[sessionId]/dosing/page");
const { roomSchedule } = await import("@/lib/sessions/room-schedule");
const { dosingDay } = await import("@/lib/dosing/dosing-day");
const { atClinicTime, clinicDate } = await import("@/lib/protocol/calendar");

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const MISSING = "00000000-0000-4000-8000-000000000000";
/** What a page threw: the 404 page, or anything else. */
const pageOutcome = async (render: () => Promise<unknown>) => {
  try {
    await render();
    return "shown";
  } catch (error) {
    const nav = navigationOf(error);
    if (nav && "status" in nav) return `HTTP ${nav.status}`;
    throw error;
  }
};

/** A Taking Turns medicine session of the couple today (clinic time), checked in, with `journeyer` dosing. */
async function dosingDayToday(c: Awaited<ReturnType<typeof clinicWithEvaluation>>, journeyerId: string, hour: number, kind: "MEDICINE_TAKING_TURNS" | "MEDICINE_LOW_DOSE" = "MEDICINE_TAKING_TURNS") {
  const startsAt = atClinicTime(clinicDate(new Date(), c.clinic.timeZone), hour * 60, c.clinic.timeZone);
  const other = journeyerId === c.couple.partnerAId ? c.couple.partnerBId : c.couple.partnerAId;
  return db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: c.cycle.id, kind, status: "CHECKED_IN", checkedInAt: new Date(),
      startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), roomId: c.cedar.id, journeyerId: kind === "MEDICINE_TAKING_TURNS" ? journeyerId : null,
      clinicians: { create: [{ userId: c.therapist.id }] },
      attendees:
        kind === "MEDICINE_TAKING_TURNS"
          ? { create: [{ clientId: journeyerId, role: "JOURNEYER" }, { clientId: other, role: "SITTER" }] }
          : { create: [{ clientId: journeyerId }, { clientId: other }] },
    },
  });
}

describe(`finding 1: a request without a session cannot hold the server (${databaseKind})`, () => {
  const sparse = () => form({ coupleId: MISSING, "rows.1000000000.kind": "X" });

  test("the sparse-index post is answered in under a second, without a session and with one", async () => {
    const c = await clinicWithEvaluation(db);
    await signInAs(null);
    let started = performance.now();
    expect(await bookPlanAction(null, sparse())).toEqual({ ok: false, error: "Your session has ended. Please sign in again." });
    expect(performance.now() - started).toBeLessThan(1000);
    // Signed in and with the couple in reach, the form itself is refused, in words, at once.
    await signInAs(c.therapist);
    const before = await db.session.count({ where: { clinicId: c.clinic.id } });
    started = performance.now();
    const result = await bookPlanAction(null, form({ coupleId: c.couple.id, "rows.1000000000.kind": "X" }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toEqual({ ok: false, error: "Please correct the highlighted fields.", fieldErrors: { rows: ["A plan has at most 40 sessions."] } });
    expect(await db.session.count({ where: { clinicId: c.clinic.id } })).toBe(before);
  });
});

describe(`finding 2: a psychiatrist reaches the partners she evaluates, not the whole couple (${databaseKind})`, () => {
  test("Dr. Park cannot open, amend or revoke Dr. Bell's clearance for the partner she does not evaluate, nor work that partner's dosing day", async () => {
    // Dr. Park (the fixture's psychiatrist) evaluates partner A; Dr. Bell recorded partner B's clearance.
    const c = await clinicWithEvaluation(db);
    const bell = await db.user.create({ data: { clinicId: c.clinic.id, email: `bell-${c.clinic.id}@clinic.test`, name: "Dr. Marcus Bell", roles: ["PSYCHIATRIST"], passwordHash: "x" } });
    const bellsClearance = await db.clearance.create({
      data: {
        clientId: c.couple.partnerBId, psychiatristId: bell.id, evaluatedOn: new Date("2026-03-02"), validUntil: new Date("2026-05-30"), systolic: 120, diastolic: 80, heartRate: 70,
        decision: "CLEARED", models: ["TAKING_TURNS"], maxDoseMg: 100, route: "SUBLINGUAL_LOZENGE", signedAt: new Date("2026-03-02T19:00:00Z"),
      },
    });
    const bellsDosingDay = await dosingDayToday(c, c.couple.partnerBId, 10);
    const parksDosingDay = await dosingDayToday(c, c.couple.partnerAId, 14);
    const notFound = (what: string) => ({ ok: false, error: `${what} was not found.` });
    await signInAs(c.psychiatrist);
    const counts = async () => ({
      clearances: await db.clearance.count({ where: { client: { clinicId: c.clinic.id } } }),
      revocations: await db.clearanceRevocation.count({ where: { clearance: { client: { clinicId: c.clinic.id } } } }),
      vitals: await db.vitalsReading.count({ where: { dosingRecord: { client: { clinicId: c.clinic.id } } } }),
    });
    const before = await counts();

    expect(await pageOutcome(() => ClearancePage({ params: Promise.resolve({ clearanceId: bellsClearance.id }) }))).toBe("HTTP 404");
    expect(await revokeClearanceAction(null, form({ clearanceId: bellsClearance.id, reason: "New information from the GP" }))).toEqual(notFound("The clearance"));
    const amendment = { clientId: c.couple.partnerBId, supersedesId: bellsClearance.id, evaluatedOn: "2026-03-03", decision: "DEFERRED", systolic: "120", diastolic: "80", heartRate: "70" };
    expect(await recordClearanceAction(null, form(amendment))).toEqual(notFound("The partner"));
    expect(await pageOutcome(() => DosingPage({ params: Promise.resolve({ sessionId: bellsDosingDay.id }) }))).toBe("HTTP 404");
    const vitals = { clientId: c.couple.partnerBId, phase: "BEFORE_DOSING", systolic: "120", diastolic: "80", heartRate: "70" };
    expect(await vitalsAction(null, form({ sessionId: bellsDosingDay.id, ...vitals }))).toEqual(notFound("The session"));
    expect(await completeAction(null, form({ sessionId: bellsDosingDay.id }))).toEqual(notFound("The session"));
    expect(await counts()).toEqual(before);

    // Her own partner's dosing day is hers to work; Dr. Bell still revokes her own clearance.
    expect(await pageOutcome(() => DosingPage({ params: Promise.resolve({ sessionId: parksDosingDay.id }) }))).toBe("shown");
    expect(await vitalsAction(null, form({ sessionId: parksDosingDay.id, ...vitals, clientId: c.couple.partnerAId }))).toMatchObject({ ok: true });
    await signInAs(bell);
    expect(await revokeClearanceAction(null, form({ clearanceId: bellsClearance.id, reason: "New information from the GP" }))).toMatchObject({ ok: true, data: { revoked: true } });
  });
});

describe(`finding 2 in Low Dose Together: both partners dose, each is reached apart (${databaseKind})`, () => {
  test("Dr. Park works her partner's record of the shared dosing day, and nothing of the partner Dr. Bell evaluates", async () => {
    const c = await clinicWithEvaluation(db);
    const session = await dosingDayToday(c, c.couple.partnerAId, 10, "MEDICINE_LOW_DOSE");
    // Partner B's reading holds the dose (over the limits), taken by the couple's therapist.
    const recordB = await db.dosingRecord.create({ data: { sessionId: session.id, clientId: c.couple.partnerBId } });
    const held = await db.vitalsReading.create({ data: { dosingRecordId: recordB.id, phase: "BEFORE_DOSING", takenAt: new Date(), systolic: 180, diastolic: 100, heartRate: 80, recordedById: c.therapist.id } });
    await signInAs(c.psychiatrist);
    const overrides = () => db.doseHoldOverride.count({ where: { dosingRecord: { sessionId: session.id } } });
    const override = (vitalsReadingId: string) => overrideAction(null, form({ sessionId: session.id, vitalsReadingId, reason: "Reviewed with the patient" }));
    expect(await override(held.id)).toEqual(await override(MISSING));
    expect(await override(held.id)).toEqual({ ok: false, error: "The reading was not found." });
    const vitals = { sessionId: session.id, phase: "BEFORE_DOSING", systolic: "120", diastolic: "80", heartRate: "70" };
    expect(await vitalsAction(null, form({ ...vitals, clientId: c.couple.partnerBId }))).toEqual(await vitalsAction(null, form({ ...vitals, clientId: MISSING })));
    expect(await vitalsAction(null, form({ ...vitals, clientId: c.couple.partnerAId }))).toMatchObject({ ok: true });
    expect(await overrides()).toBe(0);
    // Her dosing day shows her partner only; the couple's therapist sees both.
    expect((await dosingDay(c.as.psychiatrist, session.id)).partners.map((p) => p.clientId)).toEqual([c.couple.partnerAId]);
    expect((await dosingDay(c.as.therapist, session.id)).partners.map((p) => p.clientId).sort()).toEqual([c.couple.partnerAId, c.couple.partnerBId].sort());
  });
});

describe(`finding 4 through the actions: impossible dates and numbers are field errors (${databaseKind})`, () => {
  test("a booking on a date that does not exist, or far beyond the horizon, and a dose of 0x10, store nothing", async () => {
    const c = await clinicWithEvaluation(db);
    await signInAs(c.therapist);
    const sessions = () => db.session.count({ where: { clinicId: c.clinic.id } });
    const before = await sessions();
    for (const date of ["2027-02-31", "2027-13-10", "2027-04-00", "9999-12-31"]) {
      const reply = await bookSessionAction(null, form({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", date, time: "10:00", roomId: c.willow.id }));
      expect(reply, date).toMatchObject({ ok: false, fieldErrors: { date: [expect.stringMatching(/real date|no later than/)] } });
    }
    expect(await sessions()).toBe(before);
    const session = await dosingDayToday(c, c.couple.partnerAId, 10);
    const reply = await administrationAction(null, form({ sessionId: session.id, clientId: c.couple.partnerAId, doseMg: "0x10", route: "SUBLINGUAL_LOZENGE", lotId: MISSING, witnessedById: c.otherTherapist.id }));
    expect(reply).toMatchObject({ ok: false, fieldErrors: { doseMg: ["Enter the dose as a number (mg)."] } });
    expect(await db.administration.count({ where: { dosingRecord: { sessionId: session.id } } })).toBe(0);
  });
});

describe(`finding 3: staff outside the couple learn nothing of its sessions (${databaseKind})`, () => {
  test("a therapist who does not treat the couple takes a session id from the room calendar: every action answers as if it did not exist", async () => {
    const c = await clinicWithEvaluation(db);
    const session = await dosingDayToday(c, c.couple.partnerAId, 10);
    const stranger = { ...c.as.otherTherapist };
    await signInAs(c.otherTherapist);
    // The room calendar shows the session, booked, without the couple's names.
    const { sessions } = await roomSchedule(stranger, c.clinic.timeZone, clinicDate(session.startsAt, c.clinic.timeZone));
    const shown = sessions.find((s) => s.id === session.id);
    expect(shown).toMatchObject({ label: null, coupleId: null });
    const before = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    const replies = [
      [checkInSessionAction, {}],
      [completeSessionAction, {}],
      [noShowSessionAction, {}],
      [cancelSessionAction, { reason: "Testing what a stranger may do" }],
      [checkInAction, {}],
      [completeAction, {}],
      [rideHomeAction, { clientId: c.couple.partnerAId, rideHomeName: "Pat Driver", rideHomePhone: "555 123 4567" }],
    ] as const;
    for (const [action, fields] of replies) {
      const reply = await action(null, form({ sessionId: shown!.id, ...fields }));
      const missing = await action(null, form({ sessionId: MISSING, ...fields }));
      expect(reply).toEqual({ ok: false, error: "The session was not found." });
      expect(reply).toEqual(missing);
      expect(JSON.stringify(reply)).not.toMatch(/Sam|Jordan|Rivera|medicine|P\d+|Mon|Tue|Wed|Thu|Fri|Sat|Sun/);
    }
    expect(await db.session.findUniqueOrThrow({ where: { id: session.id } })).toEqual(before);
  });
});
