import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { databaseKind, testDb } from "../support/database";
import { can } from "@/lib/auth/permissions";
import { insertSession, smallClinic, staffOf } from "../support/fixtures";
import { navigationOf, signInAs } from "../support/next-request";

const { newInvitation } = await import("@/lib/staff/invitations");
const { makeMeasureLink } = await import("@/lib/measures/measure-links");
const { makeFeed } = await import("@/lib/feeds/manage-feeds");
const { currentStaff } = await import("@/lib/auth/session");

// The authorization matrix (issues 6 and 11). Every exported server action (app/**/actions.ts, and
// any other module that starts with "use server") and route handler (app/**/route.ts) has a row
// saying who may call it; each is called as every role and as nobody, against the real database,
// and the answer must match. Every row also says how reach (P11) is checked: for an action that
// names a record, each staff member with the role but without reach to the record (another
// therapist's couple, a partner another psychiatrist evaluates, another clinic's lot) must get
// exactly the answer a record that does not exist gets, with no name, date or rule, and nothing
// changed. Pages that load one record are in the matrix too.
//
// A new action or route handler without a row fails the first test: add its row here.

vi.mock("next/headers", () => import("../support/next-request"));
// Cache invalidation is Next's server's business; outside it there is nothing to invalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROLES = ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"] as const;
type Role = (typeof ROLES)[number];
type Caller = Role | "NOBODY";
const CALLERS: Caller[] = [...ROLES, "NOBODY"];

const db = await testDb();
type Fixture = Awaited<ReturnType<typeof makeFixture>>;
type Fn = (...args: never[]) => Promise<unknown>;
/** An id for a record that does not exist: out of reach must be answered exactly as this is. */
const MISSING = "00000000-0000-4000-8000-000000000000";

type Reach =
  /** The action names no record (a new room, the clinic's own settings): why reach has nothing to check. */
  | { none: string }
  /** Records an allowed role does not reach; each must be answered exactly as MISSING is. */
  | { outOfReach: { caller: Role; why: string; target: (fx: Fixture) => Promise<string> | string }[] };

type Row = {
  /** Who gets through; everyone else must be refused. */
  allowed: readonly Caller[];
  /** The call, on the record `target` names (a record the allowed callers reach, by default). */
  call: (fn: Fn, fx: Fixture, target?: string) => Promise<unknown>;
  reach: Reach;
  /** Rows touching the database: a count that a refused call must leave as it was. */
  unchanged?: (fx: Fixture) => Promise<number>;
  /**
   * "done" (the default): an allowed caller's call succeeds. "past-gate": the call checks the
   * role and the reach, and an allowed caller may then be told to correct the input or that a
   * rule forbids it (P10, say: a session checked in only on its day).
   */
  allowedMeans?: "done" | "past-gate";
  /** How to read this endpoint's answer, when it is not an ActionResult, a Response or a page. */
  judge?: (value: unknown, caller: Caller, fx: Fixture) => string;
};

const form = (fields: Record<string, string | string[] | undefined>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v ?? []].flat()) f.append(k, one);
  return f;
};
let serial = 0;
const unique = () => `${Date.now().toString(36)}-${serial++}`;
const call = (fn: Fn, ...args: unknown[]) => (fn as unknown as (...a: unknown[]) => Promise<unknown>)(...args);

/**
 * A row for an action that names one record in `field` and is checked only as far as the gate:
 * the role, then the reach. The rest of the form is `fields`.
 */
const gated = (allowed: readonly Caller[], field: string, target: (fx: Fixture) => string, reach: Reach, fields: Record<string, string> = {}, unchanged?: Row["unchanged"]): Row => ({
  allowed,
  allowedMeans: "past-gate",
  call: (fn, fx, id) => call(fn, null, form({ ...fields, [field]: id ?? target(fx) })),
  reach,
  unchanged,
});

/** A message that gave up, in a clinic's outbox. */
async function failedMessage(clinicId: string): Promise<string> {
  const key = `matrix.${unique()}`;
  const at = new Date();
  const m = await db.outboxMessage.create({ data: { clinicId, key, kind: "APPOINTMENT_REMINDER", toAddress: "p@couple.test", subject: "Reminder", textBody: "-", dueAt: at, nextAttemptAt: at, status: "FAILED", attempts: 8, lastError: "refused" } });
  return m.id;
}

async function makeFixture() {
  const c = await smallClinic(db);
  const user = (name: string, roles: Role[], clinicId = c.clinic.id) =>
    db.user.create({ data: { clinicId, email: `${name}-${unique()}@clinic.test`, name, roles, passwordHash: "x" } });
  const frontDesk = await user("front-desk", ["FRONT_DESK"]);
  const admin = await user("admin", ["ADMIN"]);
  // Dr. Bell: evaluates partner B of the couple, and partner A of the other couple.
  const otherPsychiatrist = await user("other-psychiatrist", ["PSYCHIATRIST"]);
  const elsewhere = await smallClinic(db);
  const otherClinicAdmin = await user("elsewhere-admin", ["ADMIN"], elsewhere.clinic.id);
  // The psychiatrist (Dr. Park) evaluates partner A: that puts partner A in her reach, not partner B.
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
  const otherCycle = await db.kapCycle.create({ data: { coupleId: c.otherCouple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
  const evaluation = await insertSession(db, c, {
    cycleId: cycle.id,
    kind: "MEDICAL_EVALUATION",
    start: "2026-02-20T17:00:00Z",
    minutes: 60,
    partners: [c.couple.partnerAId],
    status: "COMPLETED",
    clinicianId: c.psychiatrist.id,
  });
  const clearance = (signed: boolean, clientId = c.couple.partnerAId, psychiatristId = c.psychiatrist.id) =>
    db.clearance.create({
      data: {
        clientId,
        psychiatristId,
        evaluationSessionId: clientId === c.couple.partnerAId ? evaluation.id : null,
        evaluatedOn: new Date("2026-02-20"),
        systolic: 120,
        diastolic: 80,
        heartRate: 70,
        decision: "CLEARED",
        models: ["TAKING_TURNS"],
        maxDoseMg: 100,
        route: "SUBLINGUAL_LOZENGE",
        validUntil: new Date("2026-05-20"),
        signedAt: signed ? new Date("2026-02-20T19:00:00Z") : null,
      },
    });
  const signedClearance = await clearance(true);
  // Dr. Bell's records: partner B of the couple (a signed clearance and a draft), the other couple's partner A.
  const bellsClearance = await clearance(true, c.couple.partnerBId, otherPsychiatrist.id);
  const bellsDraft = await clearance(false, c.couple.partnerBId, otherPsychiatrist.id);
  const otherCoupleClearance = await clearance(true, c.otherCouple.partnerAId, otherPsychiatrist.id);
  const throwaway = () => user("throwaway", ["THERAPIST"]);
  // Sessions on Mondays of their own (no overlaps between calls).
  let week = 0;
  const monday = () => new Date(Date.UTC(2027, 2, 1 + 7 * week++, 18)).toISOString();
  const session = (couple: "own" | "other") =>
    insertSession(db, couple === "own" ? c : { ...c, couple: c.otherCouple }, {
      kind: "COUPLES_THERAPY",
      start: monday(),
      minutes: 60,
      partners: couple === "own" ? [c.couple.partnerAId, c.couple.partnerBId] : [c.otherCouple.partnerAId, c.otherCouple.partnerBId],
      clinicianId: couple === "own" ? c.therapist.id : c.otherTherapist.id,
    });
  const medicine = async (couple: typeof c.couple, cycleId: string, journeyerId: string, therapistId: string) => {
    const startsAt = new Date(monday());
    return db.session.create({
      data: {
        clinicId: couple.clinicId, coupleId: couple.id, cycleId, kind: "MEDICINE_TAKING_TURNS", startsAt, endsAt: new Date(startsAt.getTime() + 180 * 60_000),
        roomId: c.cedar.id, journeyerId, clinicians: { create: [{ userId: therapistId }] },
        attendees: { create: [couple.partnerAId, couple.partnerBId].map((clientId) => ({ clientId, role: clientId === journeyerId ? ("JOURNEYER" as const) : ("SITTER" as const) })) },
      },
    });
  };
  // Partner A journeys (Dr. Park's dosing day); partner B journeys (Dr. Bell's); the other couple's.
  const parksDosingDay = await medicine(c.couple, cycle.id, c.couple.partnerAId, c.therapist.id);
  const bellsDosingDay = await medicine(c.couple, cycle.id, c.couple.partnerBId, c.therapist.id);
  const otherDosingDay = await medicine(c.otherCouple, otherCycle.id, c.otherCouple.partnerAId, c.otherTherapist.id);
  // P13: a completed dosing day of partner A, the therapist its clinician: its note is the therapist's to write, Dr. Park's to read.
  const notedDosingDay = await medicine(c.couple, cycle.id, c.couple.partnerAId, c.therapist.id);
  await db.session.update({ where: { id: notedDosingDay.id }, data: { status: "COMPLETED", completedAt: notedDosingDay.endsAt } });
  const elsewhereSession = await insertSession(db, elsewhere, { kind: "COUPLES_THERAPY", start: monday(), minutes: 60, partners: [elsewhere.couple.partnerAId, elsewhere.couple.partnerBId] });
  const lot = await db.substanceLot.create({ data: { clinicId: c.clinic.id, lotNumber: `LOT-${unique()}` } });
  const entry = await db.substanceLogEntry.create({ data: { lotId: lot.id, kind: "RECEIPT", quantityMg: 500, recordedById: c.psychiatrist.id, occurredAt: new Date("2026-02-01T17:00:00Z") } });
  const elsewhereLot = await db.substanceLot.create({ data: { clinicId: elsewhere.clinic.id, lotNumber: `LOT-${unique()}` } });
  const elsewhereEntry = await db.substanceLogEntry.create({
    data: { lotId: elsewhereLot.id, kind: "RECEIPT", quantityMg: 500, recordedById: elsewhere.psychiatrist.id, occurredAt: new Date("2026-02-01T17:00:00Z") },
  });
  // P12: a PHQ-9 with item 9 above 0 for partner A, partner B and the other couple's partner A, each awaiting a safety review.
  const screenOf: Record<string, string> = {};
  for (const clientId of [c.couple.partnerAId, c.couple.partnerBId, c.otherCouple.partnerAId]) {
    const answers = [1, 1, 1, 0, 0, 0, 0, 0, 1];
    const screen = await db.measureResponse.create({
      data: { clinicId: c.clinic.id, clientId, instrument: "PHQ9", answers, total: 4, takenAt: new Date("2026-02-27T17:00:00Z"), source: "CLINICIAN", enteredById: c.therapist.id },
    });
    screenOf[clientId] = screen.id;
  }
  // A day no other row has: the Mondays from 1 March 2027, then the Thursdays from 4 March, so
  // the rows (many now) stay within the two years ahead that a date may be booked, and a medicine
  // session's integration a day or two later never lands on another row's day.
  const nextDay = () => {
    const n = week++;
    return new Date(Date.UTC(2027, 2, n < 80 ? 1 + 7 * n : 4 + 7 * (n - 80))).toISOString().slice(0, 10);
  };
  const callers: Record<Caller, { id: string } | null> = {
    THERAPIST: c.therapist,
    PSYCHIATRIST: c.psychiatrist,
    FRONT_DESK: frontDesk,
    ADMIN: admin,
    NOBODY: null,
  };
  return {
    ...c,
    frontDesk,
    admin,
    otherPsychiatrist,
    otherClinicAdmin,
    elsewhere,
    elsewhereSession,
    signedClearance,
    bellsClearance,
    bellsDraft,
    otherCoupleClearance,
    parksDosingDay,
    bellsDosingDay,
    otherDosingDay,
    notedDosingDay,
    lot,
    entry,
    elsewhereLot,
    elsewhereEntry,
    clearance,
    throwaway,
    session,
    nextDay,
    callers,
    screenOf,
  };
}

/** The fixture's two clinics: counts stay within them, whatever other test files write beside. */
const clinics = (fx: Fixture) => [fx.clinic.id, fx.elsewhere.clinic.id];

// Out of reach, as each role meets it.
const otherTherapistsCouple = { caller: "THERAPIST", why: "another therapist's couple", target: (fx: Fixture) => fx.otherCouple.id } as const;
const otherClinicsCouple = { caller: "FRONT_DESK", why: "a couple of another clinic", target: (fx: Fixture) => fx.elsewhere.couple.id } as const;
const otherTherapistsSession = { caller: "THERAPIST", why: "a session of another therapist's couple", target: async (fx: Fixture) => (await fx.session("other")).id } as const;
const otherClinicsSession = { caller: "FRONT_DESK", why: "a session of another clinic", target: (fx: Fixture) => fx.elsewhereSession.id } as const;
const otherTherapistsDosingDay = { caller: "THERAPIST", why: "another therapist's couple's dosing day", target: (fx: Fixture) => fx.otherDosingDay.id } as const;
const bellsDosingDay = { caller: "PSYCHIATRIST", why: "the dosing day of a partner another psychiatrist evaluates", target: (fx: Fixture) => fx.bellsDosingDay.id } as const;
// P13: notes are read by the couple's therapists and, for intakes and dosing days, by the psychiatrist who evaluates that partner.
const notesOutOfReach = [
  otherTherapistsSession,
  bellsDosingDay,
  { caller: "PSYCHIATRIST", why: "the note of a couples-therapy session of a partner she evaluates", target: async (fx: Fixture) => (await fx.session("own")).id },
] as const;
const notesOf = (fx: Fixture) => ({ session: { clinicId: { in: clinics(fx) } } });
const otherClinicsLot = (caller: "THERAPIST" | "PSYCHIATRIST") => ({ caller, why: "a lot of another clinic", target: (fx: Fixture) => fx.elsewhereLot.id }) as const;
const otherClinicsAccount = { caller: "ADMIN", why: "an account of another clinic", target: (fx: Fixture) => fx.otherClinicAdmin.id } as const;
const otherTherapistsPartner = { caller: "THERAPIST", why: "a partner of another therapist's couple", target: (fx: Fixture) => fx.otherCouple.partnerAId } as const;
const otherClinicsRoom = { caller: "ADMIN", why: "a room of another clinic", target: (fx: Fixture) => fx.elsewhere.willow.id } as const;
const bellsPartner = { caller: "PSYCHIATRIST", why: "the partner another psychiatrist evaluates", target: (fx: Fixture) => fx.couple.partnerBId } as const;
/** A holiday of a clinic (issue 14), on a day of its own, declared by that clinic's admin. */
async function closureIn(fx: Fixture, clinicId: string): Promise<string> {
  const day = fx.nextDay();
  const closure = await db.closure.create({
    data: { clinicId, startsAt: new Date(`${day}T08:00:00Z`), endsAt: new Date(`${day}T20:00:00Z`), reason: "Holidays", declaredById: clinicId === fx.clinic.id ? fx.admin.id : fx.otherClinicAdmin.id },
  });
  return closure.id;
}

/** An occurrence of a series of the fixture's couple (issue 14): a session of its own, named by a SessionSeries row. */
async function seriesSession(fx: Fixture): Promise<string> {
  const session = await fx.session("own");
  const series = await db.sessionSeries.create({
    data: { clinicId: fx.clinic.id, coupleId: fx.couple.id, rule: "FREQ=WEEKLY;INTERVAL=1;COUNT=2", firstDay: session.startsAt, startMinute: 600, createdById: fx.therapist.id },
  });
  await db.session.update({ where: { id: session.id }, data: { seriesId: series.id } });
  return session.id;
}

const MATRIX: Record<string, Row> = {
  "app/(clinic)/admin/rooms/actions.ts#addRoomAction": {
    allowed: ["ADMIN"],
    call: (fn) => call(fn, null, form({ name: `Room ${unique()}`, capacity: "4" })),
    reach: { none: "a new room of the admin's own clinic" },
    unchanged: (fx) => db.room.count({ where: { clinicId: fx.clinic.id } }),
  },
  // Issue 14: editing a room and taking it out of use; another clinic's room is answered as a missing one.
  "app/(clinic)/admin/rooms/actions.ts#updateRoomAction": {
    allowed: ["ADMIN"],
    call: (fn, fx, id) => call(fn, null, form({ roomId: id ?? fx.willow.id, name: "Willow", capacity: "5" })),
    reach: { outOfReach: [otherClinicsRoom] },
    unchanged: (fx) => db.room.count({ where: { clinicId: { in: clinics(fx) }, capacity: 5 } }),
  },
  "app/(clinic)/admin/rooms/actions.ts#setRoomActiveAction": {
    allowed: ["ADMIN"],
    // Each call a spare room of its own, with no session in it, taken out of use.
    call: async (fn, fx, id) => call(fn, null, form({ roomId: id ?? (await db.room.create({ data: { clinicId: fx.clinic.id, name: `Spare ${unique()}`, capacity: 2 } })).id, active: "false" })),
    reach: { outOfReach: [otherClinicsRoom] },
    unchanged: (fx) => db.room.count({ where: { clinicId: { in: clinics(fx) }, active: false } }),
  },
  "app/(clinic)/admin/settings/actions.ts#saveClinicSettingsAction": {
    allowed: ["ADMIN"],
    // The defaults, with a longer clearance validity: a refused call must leave it as it was.
    call: (fn) =>
      call(fn, null, form({
        "sessionMinutes.INTAKE": "60", "sessionMinutes.PREPARATION": "90", "sessionMinutes.MEDICAL_EVALUATION": "60", "sessionMinutes.MEDICINE_TAKING_TURNS": "180",
        "sessionMinutes.MEDICINE_LOW_DOSE": "120", "sessionMinutes.INTEGRATION": "90", "sessionMinutes.COUPLES_THERAPY": "60",
        "minPreparations.TAKING_TURNS": "2", "minPreparations.LOW_DOSE_TOGETHER": "0", clearanceValidityDays: "120",
        "integrationWindowDays.min": "1", "integrationWindowDays.max": "2", "lowDoseSeries.min": "6", "lowDoseSeries.max": "8",
        openWeekdays: ["1", "2", "3", "4", "5", "6"], opensAtMinute: "08:00", closesAtMinute: "20:00",
        maxSystolic: "160", maxDiastolic: "90", maxHeartRate: "100", vitalsIntervalMinMinutes: "15", vitalsIntervalMaxMinutes: "40",
        dischargeMinMinutes: "120", idleTimeoutMinutes: "15", absoluteTimeoutHours: "12",
        "safetyScreen.enabled": "on", "safetyScreen.days": "7", noteLateHours: "72", reminderDaysBefore: "2", reminderAtMinute: "09:00", staffDigestAtMinute: "07:00",
      })),
    reach: { none: "the settings of the admin's own clinic" },
    unchanged: (fx) => db.clinic.count({ where: { id: fx.clinic.id, clearanceValidityDays: 120 } }),
  },
  // Backups (issue 13): an admin backs up the whole database (to a scratch folder in tests) and sets the schedule.
  "app/(clinic)/admin/backups/actions.ts#backUpNowAction": {
    allowed: ["ADMIN"],
    call: (fn) => call(fn, null, form({})),
    reach: { none: "a backup of the database, listed under the admin's own clinic" },
    unchanged: (fx) => db.backupRun.count({ where: { clinicId: fx.clinic.id } }),
  },
  "app/(clinic)/admin/backups/actions.ts#saveBackupSettingsAction": {
    allowed: ["ADMIN"],
    call: (fn) => call(fn, null, form({ backupAtMinute: "03:15", backupKeepDaily: "20", backupKeepMonthly: "6" })),
    reach: { none: "the backup settings of the admin's own clinic" },
    unchanged: (fx) => db.clinic.count({ where: { id: fx.clinic.id, backupKeepDaily: 20 } }),
  },
  // The outbox (issue 15): an admin tries a failed message again; another clinic's message is not found.
  "app/(clinic)/admin/outbox/actions.ts#retryMessageAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ messageId: id ?? (await failedMessage(fx.clinic.id)) })),
    reach: { outOfReach: [{ caller: "ADMIN", why: "a message of another clinic", target: (fx) => failedMessage(fx.elsewhere.clinic.id) }] },
    unchanged: (fx) => db.outboxMessage.count({ where: { clinicId: { in: clinics(fx) }, status: "QUEUED" } }),
  },
  "app/(clinic)/admin/staff/actions.ts#addStaffAction": {
    allowed: ["ADMIN"],
    call: (fn) => call(fn, null, form({ name: "New Person", email: `new-${unique()}@clinic.test`, roles: "THERAPIST", password: "harbor seal morning fog" })),
    reach: { none: "a new account of the admin's own clinic" },
    unchanged: (fx) => db.user.count({ where: { clinicId: fx.clinic.id } }),
  },
  "app/(clinic)/admin/staff/actions.ts#issueResetLinkAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ staffId: id ?? (await fx.throwaway()).id })),
    reach: { outOfReach: [otherClinicsAccount] },
    unchanged: (fx) => db.staffInvitation.count({ where: { user: { clinicId: { in: clinics(fx) } } } }),
  },
  // Public: the link's token is the credential. Anyone holding a valid link may use it once.
  "app/sign-in/welcome/actions.ts#acceptInvitationAction": {
    allowed: CALLERS,
    call: async (fn, fx) => {
      const invited = await fx.throwaway();
      const token = await db.$transaction((tx) => newInvitation(tx, fx.admin, invited.id));
      return call(fn, null, form({ token, password: "harbor seal morning fog" }));
    },
    reach: { none: "the link's token is the credential, and names the one account it opens" },
  },
  "app/(clinic)/admin/staff/actions.ts#setStaffRolesAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ staffId: id ?? (await fx.throwaway()).id, roles: ["FRONT_DESK"] })),
    reach: { outOfReach: [otherClinicsAccount] },
  },
  "app/(clinic)/admin/staff/actions.ts#resetStaffPasswordAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ staffId: id ?? (await fx.throwaway()).id, password: "harbor seal morning fog" })),
    reach: { outOfReach: [otherClinicsAccount] },
  },
  "app/(clinic)/admin/staff/actions.ts#setStaffActiveAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ staffId: id ?? (await fx.throwaway()).id, active: "false" })),
    reach: { outOfReach: [otherClinicsAccount] },
    unchanged: (fx) => db.user.count({ where: { clinicId: { in: clinics(fx) }, active: false } }),
  },
  "app/(clinic)/clearances/actions.ts#recordClearanceAction": {
    allowed: ["PSYCHIATRIST"],
    call: (fn, fx, id) =>
      call(fn, null, form({ clientId: id ?? fx.couple.partnerAId, evaluatedOn: "2026-02-20", decision: "DEFERRED", systolic: "120", diastolic: "80", heartRate: "70", intent: "draft" })),
    reach: {
      outOfReach: [
        { caller: "PSYCHIATRIST", why: "the other partner of the couple, whom another psychiatrist evaluates", target: (fx) => fx.couple.partnerBId },
        { caller: "PSYCHIATRIST", why: "a partner of another couple", target: (fx) => fx.otherCouple.partnerBId },
      ],
    },
    unchanged: (fx) => db.clearance.count({ where: { client: { clinicId: fx.clinic.id } } }),
  },
  "app/(clinic)/clearances/actions.ts#signClearanceAction": {
    allowed: ["PSYCHIATRIST"],
    call: async (fn, fx, id) => call(fn, null, form({ clearanceId: id ?? (await fx.clearance(false)).id })),
    reach: { outOfReach: [{ caller: "PSYCHIATRIST", why: "another psychiatrist's draft for a partner she does not evaluate", target: (fx) => fx.bellsDraft.id }] },
    unchanged: (fx) => db.clearance.count({ where: { client: { clinicId: fx.clinic.id }, signedAt: { not: null } } }),
  },
  "app/(clinic)/clearances/actions.ts#revokeClearanceAction": {
    allowed: ["PSYCHIATRIST"],
    call: async (fn, fx, id) => call(fn, null, form({ clearanceId: id ?? (await fx.clearance(true)).id, reason: "New information from the GP" })),
    reach: {
      outOfReach: [
        { caller: "PSYCHIATRIST", why: "Dr. Bell's clearance for the partner Dr. Park does not evaluate", target: (fx) => fx.bellsClearance.id },
        { caller: "PSYCHIATRIST", why: "another couple's clearance", target: (fx) => fx.otherCoupleClearance.id },
      ],
    },
    unchanged: (fx) => db.clearanceRevocation.count({ where: { clearance: { client: { clinicId: { in: clinics(fx) } } } } }),
  },
  // next-auth's endpoint: public by design (it is how one signs in). The session it reports is
  // the caller's own and nobody else's.
  "app/api/auth/[...nextauth]/route.ts#GET": {
    allowed: CALLERS,
    call: async (fn) => {
      const response = (await call(fn, new NextRequest("http://localhost:3000/api/auth/session"), { params: Promise.resolve({ nextauth: ["session"] }) })) as Response;
      return { status: response.status, session: await response.json() };
    },
    reach: { none: "it reports the caller's own session and nothing else" },
    judge: (value, caller, fx) => {
      const { status, session } = value as { status: number; session: { staffId?: string } };
      return status === 200 && session.staffId === fx.callers[caller]?.id ? "allowed" : `GET /api/auth/session answered ${JSON.stringify(value)}`;
    },
  },
  // Signing in needs next-auth's CSRF token: a bare POST gets no session, whoever sends it.
  "app/api/auth/[...nextauth]/route.ts#POST": {
    allowed: CALLERS,
    call: async (fn, fx) => {
      const body = new URLSearchParams({ email: fx.therapist.email, password: "x", json: "true" });
      const request = new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      const response = (await call(fn, request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) })) as Response;
      return { status: response.status, cookies: response.headers.getSetCookie() };
    },
    reach: { none: "signing in names an account by its email and password, the credential itself" },
    judge: (value) => {
      const set = (value as { cookies: string[] }).cookies.filter((c) => c.startsWith("next-auth.session-token="));
      return set.length === 0 ? "allowed" : `a bare POST set a session cookie: ${set.join()}`;
    },
  },
  // The schedule (components/scheduling/actions.ts): book, move, cancel and a session's life.
  "components/scheduling/actions.ts#bookSessionAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (fn, fx, id) => call(fn, null, form({ coupleId: id ?? fx.couple.id, kind: "COUPLES_THERAPY", date: fx.nextDay(), time: "10:00", roomId: fx.willow.id })),
    reach: { outOfReach: [otherTherapistsCouple, otherClinicsCouple] },
    unchanged: (fx) => db.session.count({ where: { clinicId: { in: [fx.clinic.id, fx.elsewhere.clinic.id] } } }),
  },
  "components/scheduling/actions.ts#cancelSessionAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: async (fn, fx, id) => call(fn, null, form({ sessionId: id ?? (await fx.session("own")).id, reason: "The couple asked to" })),
    reach: { outOfReach: [otherTherapistsSession, otherClinicsSession] },
    unchanged: (fx) => db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "CANCELLED" } }),
  },
  "components/scheduling/actions.ts#moveSessionAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    allowedMeans: "past-gate",
    call: async (fn, fx, id) => call(fn, null, form({ sessionId: id ?? (await fx.session("own")).id, date: fx.nextDay(), time: "11:00", roomId: fx.willow.id })),
    reach: { outOfReach: [otherTherapistsSession, otherClinicsSession] },
    unchanged: (fx) => db.auditEvent.count({ where: { clinicId: { in: clinics(fx) }, action: "move" } }),
  },
  // The move's verdict before saving (issue 14): the move's own gate, and it never writes.
  "components/scheduling/preview-move-action.ts#previewMoveAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: async (fn, fx, id) => call(fn, null, form({ sessionId: id ?? (await fx.session("own")).id, date: fx.nextDay(), time: "11:00", roomId: fx.willow.id })),
    reach: { outOfReach: [otherTherapistsSession, otherClinicsSession] },
    // The dry run writes the move and its audit row, then rolls both back.
    unchanged: (fx) => db.auditEvent.count({ where: { clinicId: { in: clinics(fx) }, action: "move" } }),
  },
  "components/scheduling/actions.ts#checkInSessionAction": gated(["THERAPIST", "FRONT_DESK"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsSession, otherClinicsSession] }, {}, (fx) =>
    db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "CHECKED_IN" } }),
  ),
  "components/scheduling/actions.ts#completeSessionAction": gated(
    ["THERAPIST", "PSYCHIATRIST"],
    "sessionId",
    (fx) => fx.parksDosingDay.id,
    { outOfReach: [otherTherapistsSession, bellsDosingDay, { caller: "PSYCHIATRIST", why: "a couples-therapy session of a partner she evaluates", target: async (fx) => (await fx.session("own")).id }] },
    {},
    (fx) => db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "COMPLETED" } }),
  ),
  "components/scheduling/actions.ts#noShowSessionAction": gated(["THERAPIST", "FRONT_DESK"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsSession, otherClinicsSession] }, {}, (fx) =>
    db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "NO_SHOW" } }),
  ),
  // The couple picker's search (the board's booking form and couple filter, issue 14): it names no
  // record, and answers only couples in the caller's reach (tests/integration/board.test.ts).
  "components/scheduling/couple-search.ts#searchCouplesAction": {
    allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
    call: (fn) => call(fn, null, form({ q: "Sam" })),
    reach: { none: "a search names no record: its answer is only the couples the caller reaches (coupleWhere), checked in board.test.ts" },
  },
  // Recurring couples therapy and "find a time" (issue 14): the couple's or the session's own gate, as booking, moving and cancelling have.
  "components/scheduling/series-actions.ts#previewSeriesAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (fn, fx, id) => call(fn, null, form({ coupleId: id ?? fx.couple.id, date: fx.nextDay(), time: "13:00", roomId: fx.willow.id, everyWeeks: "1", ends: "count", count: "2" })),
    reach: { outOfReach: [otherTherapistsCouple, otherClinicsCouple] },
    unchanged: (fx) => db.session.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  "components/scheduling/series-actions.ts#bookSeriesAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (fn, fx, id) => {
      // Two Mondays of its own: the series' second session is the week after its first.
      const date = fx.nextDay();
      fx.nextDay();
      return call(fn, null, form({ coupleId: id ?? fx.couple.id, date, time: "13:00", roomId: fx.willow.id, everyWeeks: "1", ends: "count", count: "2" }));
    },
    reach: { outOfReach: [otherTherapistsCouple, otherClinicsCouple] },
    unchanged: (fx) => db.sessionSeries.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  "components/scheduling/series-actions.ts#cancelFollowingAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: async (fn, fx, id) => call(fn, null, form({ sessionId: id ?? (await seriesSession(fx)), reason: "The couple asked to" })),
    reach: { outOfReach: [otherTherapistsSession, otherClinicsSession] },
    unchanged: (fx) => db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "CANCELLED" } }),
  },
  "components/scheduling/series-actions.ts#moveFollowingAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    allowedMeans: "past-gate",
    call: async (fn, fx, id) => call(fn, null, form({ sessionId: id ?? (await seriesSession(fx)), date: fx.nextDay(), time: "11:00", roomId: fx.willow.id })),
    reach: { outOfReach: [otherTherapistsSession, otherClinicsSession] },
    unchanged: (fx) => db.auditEvent.count({ where: { clinicId: { in: clinics(fx) }, action: "move" } }),
  },
  "components/scheduling/series-actions.ts#findTimeAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (fn, fx, id) => call(fn, null, form({ coupleId: id ?? fx.couple.id, kind: "COUPLES_THERAPY", from: fx.nextDay() })),
    reach: { outOfReach: [otherTherapistsCouple, otherClinicsCouple] },
    unchanged: (fx) => db.session.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  // Couples and cycles.
  "app/(clinic)/couples/actions.ts#createCoupleAction": {
    ...gated(["THERAPIST", "FRONT_DESK"], "unused", () => "", { none: "a new couple; the therapists it names must be the clinic's own (tested below)" }),
  },
  "app/(clinic)/couples/[coupleId]/plan/actions.ts#bookPlanAction": gated(["THERAPIST"], "coupleId", (fx) => fx.couple.id, { outOfReach: [otherTherapistsCouple] }, {}, (fx) => db.session.count({ where: { clinicId: { in: clinics(fx) } } })),
  "app/(clinic)/couples/[coupleId]/actions.ts#updateCoupleAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (fn, fx, id) =>
      call(
        fn,
        null,
        form({
          coupleId: id ?? fx.couple.id,
          "partnerA.firstName": "Changed",
          "partnerA.lastName": "Name",
          "partnerB.firstName": "Other",
          "partnerB.lastName": "Name",
          couplesTherapistId: fx.therapist.id,
          partnerAKapTherapistId: fx.therapist.id,
          partnerBKapTherapistId: fx.therapist.id,
        }),
      ),
    reach: { outOfReach: [otherTherapistsCouple, otherClinicsCouple] },
    unchanged: (fx) => db.client.count({ where: { clinicId: { in: clinics(fx) }, firstName: "Changed" } }),
  },
  "app/(clinic)/couples/[coupleId]/actions.ts#startCycleAction": {
    ...gated(["THERAPIST"], "coupleId", (fx) => fx.couple.id, { outOfReach: [otherTherapistsCouple] }, { model: "TAKING_TURNS", format: "FULL", sharedGoals: "" }),
    unchanged: (fx) => db.kapCycle.count({ where: { couple: { clinicId: { in: clinics(fx) } } } }),
  },
  // P12: a safety review of a partner's PHQ-9 (item 9 above 0), by a clinician who reaches the partner. Out of reach, the form names that partner's own PHQ-9.
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#safetyReviewAction": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (fn, fx, id) => {
      const clientId = id ?? fx.couple.partnerAId;
      return call(fn, null, form({ clientId, screenId: fx.screenOf[clientId] ?? MISSING, assessment: "No current intent; safety plan reviewed.", decision: "PROCEED" }));
    },
    reach: { outOfReach: [otherTherapistsPartner, bellsPartner] },
    unchanged: (fx) => db.safetyReview.count({ where: { client: { clinicId: { in: clinics(fx) } } } }),
  },
  // Outcome measures: entered, or a one-time link made, by a clinician who reaches the partner.
  "app/(clinic)/couples/[coupleId]/measure-actions.ts#recordMeasureAction": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (fn, fx, id) => call(fn, null, form({ clientId: id ?? fx.couple.partnerAId, instrument: "GAD7", ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`GAD7.q${n}`, "1"])) })),
    reach: { outOfReach: [otherTherapistsPartner, bellsPartner] },
    unchanged: (fx) => db.measureResponse.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  "app/(clinic)/couples/[coupleId]/measure-actions.ts#makeMeasureLinkAction": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (fn, fx, id) => call(fn, null, form({ clientId: id ?? fx.couple.partnerAId, instruments: ["PHQ9", "CSI16"] })),
    reach: { outOfReach: [otherTherapistsPartner, bellsPartner] },
    unchanged: (fx) => db.measureLink.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  // Public: the link's token is the credential. Anyone holding a working link may use it once.
  "app/m/actions.ts#submitMeasureLinkAction": {
    allowed: CALLERS,
    call: async (fn, fx) => {
      const { token } = await makeMeasureLink(staffOf(fx.therapist), { clientId: fx.couple.partnerBId, instruments: ["PHQ9"] });
      return call(fn, null, form({ token, ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`PHQ9.q${n}`, "0"])) }));
    },
    reach: { none: "the link's token is the credential, and names the one partner and the measures it asks for" },
  },
  // Dosing day (P10, P11): the dosing day of a partner the caller reaches.
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#rideHomeAction": gated(
    ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
    "sessionId",
    (fx) => fx.parksDosingDay.id,
    { outOfReach: [otherTherapistsDosingDay, bellsDosingDay, { caller: "FRONT_DESK", why: "a session of another clinic", target: (fx) => fx.elsewhereSession.id }] },
    {},
    (fx) => db.dosingRecord.count({ where: { client: { clinicId: { in: clinics(fx) } } } }),
  ),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#vitalsAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsDosingDay, bellsDosingDay] }, {}, (fx) => db.vitalsReading.count({ where: { dosingRecord: { client: { clinicId: { in: clinics(fx) } } } } })),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#overrideAction": gated(["PSYCHIATRIST"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [bellsDosingDay] }, {}, (fx) => db.doseHoldOverride.count({ where: { dosingRecord: { client: { clinicId: { in: clinics(fx) } } } } })),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#administrationAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsDosingDay, bellsDosingDay] }, {}, (fx) =>
    db.administration.count({ where: { dosingRecord: { client: { clinicId: { in: clinics(fx) } } } } }),
  ),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#dischargeAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsDosingDay, bellsDosingDay] }, {}, (fx) =>
    db.dosingRecord.count({ where: { client: { clinicId: { in: clinics(fx) } }, dischargedAt: { not: null } } }),
  ),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#checkInAction": gated(["THERAPIST", "FRONT_DESK"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsDosingDay, otherClinicsSession] }, {}, (fx) =>
    db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "CHECKED_IN" } }),
  ),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#completeAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.parksDosingDay.id, { outOfReach: [otherTherapistsDosingDay, bellsDosingDay] }, {}, (fx) =>
    db.session.count({ where: { clinicId: { in: clinics(fx) }, status: "COMPLETED" } }),
  ),
  // The controlled-substance log: the clinic's own lots and entries.
  "app/(clinic)/substance-log/actions.ts#receiveAction": gated(["THERAPIST", "PSYCHIATRIST"], "unused", () => "", { none: "a new lot of the caller's own clinic" }),
  "app/(clinic)/substance-log/actions.ts#wasteAction": gated(["THERAPIST", "PSYCHIATRIST"], "lotId", (fx) => fx.lot.id, { outOfReach: [otherClinicsLot("THERAPIST"), otherClinicsLot("PSYCHIATRIST")] }, {}, (fx) =>
    db.substanceLogEntry.count({ where: { lot: { clinicId: { in: clinics(fx) } } } }),
  ),
  "app/(clinic)/substance-log/actions.ts#countAction": gated(["THERAPIST", "PSYCHIATRIST"], "lotId", (fx) => fx.lot.id, { outOfReach: [otherClinicsLot("THERAPIST"), otherClinicsLot("PSYCHIATRIST")] }, {}, (fx) =>
    db.substanceLogEntry.count({ where: { lot: { clinicId: { in: clinics(fx) } } } }),
  ),
  "app/(clinic)/substance-log/actions.ts#correctionAction": gated(
    ["THERAPIST", "PSYCHIATRIST"],
    "entryId",
    (fx) => fx.entry.id,
    { outOfReach: (["THERAPIST", "PSYCHIATRIST"] as const).map((caller) => ({ caller, why: "an entry of another clinic's log", target: (fx: Fixture) => fx.elsewhereEntry.id })) },
    {},
    () => db.substanceLogEntry.count({ where: { lot: { clinicId: { in: clinics(fx) } } } }),
  ),
  // P13 notes: a clinician of the session writes, signs and adds addenda; the domain then refuses whoever was not there (P13), past the gate.
  "app/(clinic)/sessions/[sessionId]/note/actions.ts#saveNoteDraftAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.notedDosingDay.id, { outOfReach: [...notesOutOfReach] }, { "fields.events": "Quiet" }, (fx) =>
    db.sessionNote.count({ where: notesOf(fx) }),
  ),
  "app/(clinic)/sessions/[sessionId]/note/actions.ts#signNoteAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.notedDosingDay.id, { outOfReach: [...notesOutOfReach] }, {}, (fx) =>
    db.sessionNote.count({ where: { ...notesOf(fx), signedAt: { not: null } } }),
  ),
  "app/(clinic)/sessions/[sessionId]/note/actions.ts#addNoteAddendumAction": gated(["THERAPIST", "PSYCHIATRIST"], "sessionId", (fx) => fx.notedDosingDay.id, { outOfReach: [...notesOutOfReach] }, { text: "A correction" }, (fx) =>
    db.noteAddendum.count({ where: { note: notesOf(fx) } }),
  ),
  // Closures (issue 14): the front desk and admins declare a clinic holiday or a room out of service, and remove one.
  "app/(clinic)/closures/actions.ts#declareClosureAction": {
    allowed: ["FRONT_DESK", "ADMIN"],
    call: (fn, fx) => {
      const day = fx.nextDay();
      return call(fn, null, form({ roomId: "", fromDate: day, toDate: day, reason: "Holidays" }));
    },
    reach: { none: "a new closure of the caller's own clinic; a room of another clinic is refused as one that does not exist (tests/integration/closures.test.ts)" },
    unchanged: (fx) => db.closure.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  "app/(clinic)/closures/actions.ts#removeClosureAction": {
    allowed: ["FRONT_DESK", "ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ closureId: id ?? (await closureIn(fx, fx.clinic.id)), confirm: "yes" })),
    reach: { outOfReach: (["FRONT_DESK", "ADMIN"] as const).map((caller) => ({ caller, why: "a closure of another clinic", target: (fx: Fixture) => closureIn(fx, fx.elsewhere.clinic.id) })) },
    // Each call makes its own closure first: what a refused call must not have done is remove one.
    unchanged: (fx) => db.auditEvent.count({ where: { clinicId: { in: clinics(fx) }, entity: "Closure", action: "delete" } }),
  },
  // Calendar feeds (issue 15): a clinician's own sessions; the front desk's and admins' rooms and clinic.
  "app/(clinic)/feeds/actions.ts#makeOwnFeedAction": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (fn) => call(fn, null, form({})),
    reach: { none: "the caller's own sessions: the feed names no record" },
    unchanged: (fx) => db.calendarFeed.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  "app/(clinic)/feeds/actions.ts#makeScheduleFeedAction": {
    allowed: ["FRONT_DESK", "ADMIN"],
    call: (fn, fx, id) => call(fn, null, form({ scope: "ROOM", roomId: id ?? fx.willow.id })),
    reach: { outOfReach: (["FRONT_DESK", "ADMIN"] as const).map((caller) => ({ caller, why: "a room of another clinic", target: (fx: Fixture) => fx.elsewhere.willow.id })) },
    unchanged: (fx) => db.calendarFeed.count({ where: { clinicId: { in: clinics(fx) } } }),
  },
  // Each caller revokes a feed of their own, made for the call.
  "app/(clinic)/feeds/actions.ts#revokeFeedAction": {
    allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"],
    call: async (fn, fx, id) => {
      // A new account for nobody's call: making a feed again would revoke the earlier one.
      const owner = (await currentStaff()) ?? staffOf(await fx.throwaway());
      const feed = id ? null : await makeFeed(owner, can(owner.roles, "feed:own-sessions") ? "CLINICIAN" : "CLINIC");
      return call(fn, null, form({ feedId: id ?? feed!.feedId }));
    },
    reach: {
      outOfReach: (["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"] as const).map((caller) => ({
        caller,
        why: "another person's feed",
        target: async (fx: Fixture) => (await makeFeed(staffOf(fx.otherTherapist), "CLINICIAN")).feedId,
      })),
    },
    unchanged: (fx) => db.calendarFeed.count({ where: { clinicId: { in: clinics(fx) }, revokedAt: { not: null } } }),
  },
  "app/(clinic)/admin/staff/feed-actions.ts#revokeStaffFeedAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx, id) => call(fn, null, form({ feedId: id ?? (await makeFeed(staffOf(await fx.throwaway()), "CLINICIAN")).feedId })),
    reach: { outOfReach: [{ caller: "ADMIN", why: "a feed of another clinic", target: async (fx) => (await makeFeed(staffOf(fx.otherClinicAdmin), "CLINIC")).feedId }] },
    unchanged: (fx) => db.calendarFeed.count({ where: { clinicId: { in: clinics(fx) }, revokedAt: { not: null } } }),
  },
  // Public: the feed's token is the credential; calendar apps fetch it without a session.
  "app/feeds/[file]/route.ts#GET": {
    allowed: CALLERS,
    call: async (fn, fx) => {
      const { token } = await makeFeed(staffOf(fx.psychiatrist), "CLINICIAN");
      return call(fn, new Request(`http://localhost:3000/feeds/${token}.ics`), { params: Promise.resolve({ file: `${token}.ics` }) });
    },
    reach: { none: "the feed's token is the credential, and names the one feed and its owner's scope" },
  },
  "app/(clinic)/substance-log/report.csv/route.ts#GET": {
    allowed: ["PSYCHIATRIST", "ADMIN"],
    call: (fn) => call(fn, new Request("http://localhost:3000/substance-log/report.csv?from=2026-01-01&to=2026-01-31")),
    reach: { none: "the report is the caller's own clinic's log (lib/substance-log/report.ts filters by clinic)" },
  },
};

/** What Next.js passes a page: its route's params and the query string, both as promises. */
const props = (params: Record<string, string>, searchParams: Record<string, string> = {}) => ({
  params: Promise.resolve(params),
  searchParams: Promise.resolve(searchParams),
});

/** Pages that load one record by id: each checks the role and the record itself. */
const PAGES: Record<string, Row> = {
  "app/(clinic)/couples/[coupleId]/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
    call: (page, fx, id) => call(page, props({ coupleId: id ?? fx.couple.id })),
    reach: {
      outOfReach: [otherTherapistsCouple, otherClinicsCouple, { caller: "PSYCHIATRIST", why: "a couple none of whose partners she evaluates", target: (fx) => fx.otherCouple.id }],
    },
  },
  "app/(clinic)/couples/[coupleId]/edit/page.tsx": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (page, fx, id) => call(page, props({ coupleId: id ?? fx.couple.id })),
    reach: { outOfReach: [otherTherapistsCouple, otherClinicsCouple] },
  },
  "app/(clinic)/couples/[coupleId]/plan/page.tsx": {
    allowed: ["THERAPIST"],
    call: (page, fx, id) => call(page, props({ coupleId: id ?? fx.couple.id })),
    reach: { outOfReach: [otherTherapistsCouple] },
  },
  "app/(clinic)/clearances/[clearanceId]/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (page, fx, id) => call(page, props({ clearanceId: id ?? fx.signedClearance.id })),
    reach: {
      outOfReach: [
        { caller: "THERAPIST", why: "another therapist's client's clearance", target: (fx) => fx.otherCoupleClearance.id },
        { caller: "PSYCHIATRIST", why: "Dr. Bell's clearance for the partner Dr. Park does not evaluate", target: (fx) => fx.bellsClearance.id },
      ],
    },
  },
  "app/(clinic)/partners/[clientId]/clearances/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (page, fx, id) => call(page, props({ clientId: id ?? fx.couple.partnerAId })),
    reach: {
      outOfReach: [
        { caller: "THERAPIST", why: "a partner of another therapist's couple", target: (fx) => fx.otherCouple.partnerAId },
        { caller: "PSYCHIATRIST", why: "the partner another psychiatrist evaluates", target: (fx) => fx.couple.partnerBId },
      ],
    },
  },
  "app/(clinic)/clearances/new/page.tsx": {
    allowed: ["PSYCHIATRIST"],
    call: (page, fx, id) => call(page, { searchParams: Promise.resolve({ client: id ?? fx.couple.partnerAId }) }),
    reach: { outOfReach: [{ caller: "PSYCHIATRIST", why: "the partner another psychiatrist evaluates", target: (fx) => fx.couple.partnerBId }] },
  },
  "app/(clinic)/sessions/[sessionId]/dosing/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
    call: (page, fx, id) => call(page, props({ sessionId: id ?? fx.parksDosingDay.id })),
    reach: { outOfReach: [otherTherapistsDosingDay, bellsDosingDay, { caller: "FRONT_DESK", why: "a session of another clinic", target: (fx) => fx.elsewhereSession.id }] },
  },
  "app/(clinic)/sessions/[sessionId]/note/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (page, fx, id) => call(page, props({ sessionId: id ?? fx.notedDosingDay.id })),
    reach: { outOfReach: [...notesOutOfReach] },
  },
  "app/(clinic)/partners/[clientId]/record/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (page, fx, id) => call(page, props({ clientId: id ?? fx.couple.partnerAId })),
    reach: {
      outOfReach: [
        { caller: "THERAPIST", why: "a partner of another therapist's couple", target: (fx) => fx.otherCouple.partnerAId },
        { caller: "PSYCHIATRIST", why: "the partner another psychiatrist evaluates", target: (fx) => fx.couple.partnerBId },
      ],
    },
  },
  "app/(clinic)/admin/staff/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page, props({})), reach: { none: "the admin's own clinic's staff" } },
  "app/(clinic)/admin/staff/[staffId]/page.tsx": {
    allowed: ["ADMIN"],
    call: (page, fx, id) => call(page, props({ staffId: id ?? fx.therapist.id })),
    reach: { outOfReach: [otherClinicsAccount] },
  },
  "app/(clinic)/admin/rooms/[roomId]/page.tsx": {
    allowed: ["ADMIN"],
    call: (page, fx, id) => call(page, props({ roomId: id ?? fx.willow.id })),
    reach: { outOfReach: [otherClinicsRoom] },
  },
  "app/(clinic)/admin/settings/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page), reach: { none: "the admin's own clinic's settings" } },
  "app/(clinic)/admin/backups/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page), reach: { none: "the admin's own clinic's backups" } },
  "app/(clinic)/admin/outbox/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page), reach: { none: "the admin's own clinic's outbox" } },
  "app/(clinic)/admin/audit/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page, props({})), reach: { none: "the admin's own clinic's log" } },
  "app/(clinic)/help/page.tsx": { allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"], call: (page) => call(page), reach: { none: "no record: what the caller's roles do, and keyboard use" } },
  "app/(clinic)/feeds/page.tsx": { allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"], call: (page) => call(page), reach: { none: "the caller's own calendar feeds" } },
  "app/(clinic)/closures/page.tsx": { allowed: ["FRONT_DESK", "ADMIN"], call: (page) => call(page), reach: { none: "the caller's own clinic's closures and the sessions inside them" } },
  // Public: a partner's one-time link (no sign-in). It shows the clinic's name and the questions, nothing of the record.
  "app/m/[token]/page.tsx": {
    allowed: CALLERS,
    call: async (page, fx) => {
      const { token } = await makeMeasureLink(staffOf(fx.therapist), { clientId: fx.couple.partnerAId, instruments: ["GAD7"] });
      return call(page, props({ token }));
    },
    reach: { none: "the link's token is the credential, and names the one partner and the measures it asks for" },
  },
};

const NOT_FOUND = /^The [a-z ]+ was not found\.$/;
const DENIALS = [/^Your session has ended/, /^You do not have permission/, NOT_FOUND];

/** "allowed", "denied", or a description of anything else (which fails the test). */
function verdictOf(row: Row, outcome: { value?: unknown; error?: unknown }, caller: Caller, fx: Fixture): string {
  if ("error" in outcome) {
    const nav = navigationOf(outcome.error);
    if (!nav) throw outcome.error;
    if ("status" in nav) return nav.status === 404 || nav.status === 403 ? "denied" : `HTTP ${nav.status}`;
    // Sent to sign in (or told the session ended) or to the forbidden page: refused.
    return /^\/forbidden\b|^\/sign-in(\?ended=|$)/.test(nav.redirect) ? "denied" : "allowed";
  }
  const value = outcome.value;
  if (row.judge) return row.judge(value, caller, fx);
  if (value instanceof Response) {
    if ([401, 403, 404].includes(value.status)) return "denied";
    return value.ok ? "allowed" : `HTTP ${value.status}`;
  }
  if (value && typeof value === "object" && "ok" in value) {
    const result = value as { ok: boolean; error?: string; rules?: string[] };
    if (result.ok) return "allowed";
    if ((result.rules ?? []).includes("P11") || DENIALS.some((d) => d.test(String(result.error)))) return "denied";
    // A defect, never a way past the gate.
    if (/^Something went wrong/.test(String(result.error))) return `failed: ${JSON.stringify(value)}`;
    return row.allowedMeans === "past-gate" ? "allowed" : `refused for another reason: ${JSON.stringify(value)}`;
  }
  return "allowed"; // a page's element tree
}

async function outcomeOf(run: () => Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error };
  }
}

/** An outcome as the caller sees it: an action's reply, or the page or redirect it ended in. */
function shown(outcome: { value?: unknown; error?: unknown }): unknown {
  if ("error" in outcome) return navigationOf(outcome.error) ?? String(outcome.error);
  return outcome.value;
}

/**
 * Every module of server actions (a file that starts with "use server", wherever it is: each
 * route's actions.ts and shared ones like components/scheduling/actions.ts) and every route
 * handler (route.ts under app/), relative to the repository. (fs.globSync needs Node 22.)
 */
function endpointFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : endpointFiles(full);
    const relative = path.relative(ROOT, full).split(path.sep).join("/");
    if (/^app\/.*\/route\.tsx?$/.test(relative)) return [relative];
    if (!/\.tsx?$/.test(entry.name)) return [];
    return /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(fs.readFileSync(full, "utf8")) ? [relative] : [];
  });
}

function exportsOf(file: string): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(ROOT, file));
}

let fx: Fixture;
// "Back up now" writes to the scratch folder tests/support/vitest-setup.ts names.
afterAll(() => fs.rmSync(process.env.KAP_BACKUP_DIR!, { recursive: true, force: true }));
beforeAll(async () => {
  fx = await makeFixture();
});

describe(`the authorization matrix (${databaseKind})`, () => {
  test("every exported server action and route handler has a row, and every row an endpoint", async () => {
    const files = ["app", "components", "lib"].flatMap((dir) => endpointFiles(path.join(ROOT, dir))).sort();
    expect(files).toEqual(expect.arrayContaining(["app/(clinic)/admin/staff/actions.ts", "app/api/auth/[...nextauth]/route.ts"]));
    expect(files.length).toBeGreaterThan(0);
    const endpoints: string[] = [];
    for (const file of files) {
      for (const [name, value] of Object.entries(await exportsOf(file))) {
        if (typeof value === "function") endpoints.push(`${file}#${name}`);
      }
    }
    const missing = endpoints.filter((e) => !(e in MATRIX));
    expect(missing, `add a row to tests/integration/authorization-matrix.test.ts for: ${missing.join(", ")}`).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !endpoints.includes(k)), "rows for endpoints that no longer exist").toEqual([]);
  });

  test("every row that names a record checks reach for each role allowed to call it", () => {
    for (const [key, row] of [...Object.entries(MATRIX), ...Object.entries(PAGES)]) {
      if ("none" in row.reach) {
        expect(row.reach.none.length, `${key}: say why reach has nothing to check`).toBeGreaterThan(10);
        continue;
      }
      const staffAllowed = row.allowed.filter((c): c is Role => c !== "NOBODY");
      // The front desk reaches every couple of its clinic, an admin every account: for them the
      // record out of reach is another clinic's. Every allowed role has a case.
      expect(new Set(row.reach.outOfReach.map((o) => o.caller)), `${key}: an out-of-reach case for each allowed role`).toEqual(new Set(staffAllowed));
    }
  });

  const cases = [
    ...Object.entries(MATRIX).map(([key, row]) => ({ key, row, load: async () => (await exportsOf(key.split("#")[0]))[key.split("#")[1]] as Fn })),
    ...Object.entries(PAGES).map(([key, row]) => ({ key, row, load: async () => (await exportsOf(key)).default as Fn })),
  ];

  for (const { key, row, load } of cases) {
    test.each(CALLERS)(`${key} as %s`, async (caller) => {
      const fn = await load();
      await signInAs(fx.callers[caller]);
      const before = await row.unchanged?.(fx);
      const verdict = verdictOf(row, await outcomeOf(() => row.call(fn, fx)), caller, fx);
      const expected = row.allowed.includes(caller) ? "allowed" : "denied";
      expect(verdict).toBe(expected);
      if (expected === "denied" && row.unchanged) expect(await row.unchanged(fx)).toBe(before);
    });
    if ("none" in row.reach) continue;
    for (const wrong of row.reach.outOfReach) {
      test(`${key} as ${wrong.caller} on ${wrong.why}: answered exactly as a missing record, nothing changed`, async () => {
        const fn = await load();
        await signInAs(fx.callers[wrong.caller]);
        const target = await wrong.target(fx);
        const before = await row.unchanged?.(fx);
        const outOfReach = await outcomeOf(() => row.call(fn, fx, target));
        const missing = await outcomeOf(() => row.call(fn, fx, MISSING));
        expect(verdictOf(row, outOfReach, wrong.caller, fx)).toBe("denied");
        expect(shown(outOfReach)).toEqual(shown(missing));
        if (row.unchanged) expect(await row.unchanged(fx)).toBe(before);
        const reply = shown(outOfReach);
        if (reply && typeof reply === "object" && "ok" in reply) {
          // The not-found reply and nothing more: no rule, no field, no name, no date.
          expect(reply).toEqual({ ok: false, error: expect.stringMatching(NOT_FOUND) });
          expect(JSON.stringify(reply)).not.toMatch(/Sam|Jordan|Rivera|Chen|\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|P\d+:/);
        }
      });
    }
  }

  test("a new couple cannot name another clinic's therapists", async () => {
    const create = (await exportsOf("app/(clinic)/couples/actions.ts")).createCoupleAction as Fn;
    await signInAs(fx.frontDesk);
    const before = await db.couple.count({ where: { clinicId: fx.clinic.id } });
    const result = await call(create, null, form({
      "partnerA.firstName": "New", "partnerA.lastName": "Person", "partnerB.firstName": "Other", "partnerB.lastName": "Person",
      couplesTherapistId: fx.elsewhere.therapist.id, partnerAKapTherapistId: fx.therapist.id, partnerBKapTherapistId: fx.therapist.id,
    }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { couplesTherapistId: ["Choose an active therapist of this clinic."] } });
    expect(await db.couple.count({ where: { clinicId: fx.clinic.id } })).toBe(before);
  });

  test("refused reads of a clinical record are in the audit log", async () => {
    const clearancePage = (await exportsOf("app/(clinic)/clearances/[clearanceId]/page.tsx")).default as Fn;
    await signInAs(fx.frontDesk);
    await outcomeOf(() => call(clearancePage, props({ clearanceId: fx.signedClearance.id })));
    await signInAs(fx.psychiatrist);
    await outcomeOf(() => call(clearancePage, props({ clearanceId: fx.bellsClearance.id })));
    const couplePage = (await exportsOf("app/(clinic)/couples/[coupleId]/page.tsx")).default as Fn;
    await signInAs(fx.therapist);
    await outcomeOf(() => call(couplePage, props({ coupleId: fx.otherCouple.id })));
    const denied = await db.auditEvent.findMany({ where: { clinicId: fx.clinic.id, outcome: "DENIED", action: "read" } });
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: fx.frontDesk.id, entity: "Clearance", entityId: fx.signedClearance.id, clientId: fx.couple.partnerAId }),
        expect.objectContaining({ actorId: fx.psychiatrist.id, entity: "Clearance", entityId: fx.bellsClearance.id, clientId: fx.couple.partnerBId }),
        expect.objectContaining({ actorId: fx.therapist.id, entity: "Couple", entityId: fx.otherCouple.id }),
      ]),
    );
  });
});
