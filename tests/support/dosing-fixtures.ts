import type { Staff } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";
import { smallClinic } from "./fixtures";

type Clinic = Awaited<ReturnType<typeof smallClinic>>;
type Role = Staff["roles"][number];

/** The signed-in shape the domain functions take, for a fixture user. */
export function asStaff(user: { id: string; name: string; email: string; clinicId: string }, roles: Role[]): Staff {
  return { id: user.id, name: user.name, email: user.email, clinicId: user.clinicId, roles, ip: null };
}

/**
 * A clinic with a cycle, a medical evaluation of partner A by the psychiatrist (so the psychiatrist
 * sees the couple), a front-desk user and a second psychiatrist.
 */
export async function clinicWithEvaluation(db: Db) {
  const c = await smallClinic(db);
  const frontDesk = await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${c.clinic.id}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
  const evaluation = await db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: cycle.id, kind: "MEDICAL_EVALUATION", status: "COMPLETED",
      startsAt: new Date("2026-03-02T18:00:00Z"), endsAt: new Date("2026-03-02T19:00:00Z"),
      clinicians: { create: [{ userId: c.psychiatrist.id }] }, attendees: { create: [{ clientId: c.couple.partnerAId }, ] },
    },
  });
  return {
    ...c,
    cycle,
    evaluation,
    frontDesk,
    as: {
      psychiatrist: asStaff(c.psychiatrist, ["PSYCHIATRIST"]),
      therapist: asStaff(c.therapist, ["THERAPIST"]),
      otherTherapist: asStaff(c.otherTherapist, ["THERAPIST"]),
      frontDesk: asStaff(frontDesk, ["FRONT_DESK"]),
    },
  };
}

export type ClinicWithEvaluation = Awaited<ReturnType<typeof clinicWithEvaluation>>;

/** A signed clearance straight in the database (not through the app). */
export function signedClearance(db: Db, c: Clinic, over: Partial<{ clientId: string; evaluatedOn: string; validUntil: string; maxDoseMg: number; route: "SUBLINGUAL_LOZENGE" | "INTRAMUSCULAR"; models: ("TAKING_TURNS" | "LOW_DOSE_TOGETHER")[] }> = {}) {
  return db.clearance.create({
    data: {
      clientId: over.clientId ?? c.couple.partnerAId, psychiatristId: c.psychiatrist.id,
      evaluatedOn: new Date(`${over.evaluatedOn ?? "2026-03-02"}T00:00:00Z`), validUntil: new Date(`${over.validUntil ?? "2026-05-30"}T00:00:00Z`),
      systolic: 120, diastolic: 80, heartRate: 70, decision: "CLEARED", models: over.models ?? ["TAKING_TURNS", "LOW_DOSE_TOGETHER"],
      maxDoseMg: over.maxDoseMg ?? 100, route: over.route ?? "SUBLINGUAL_LOZENGE", signedAt: new Date("2026-03-02T19:00:00Z"),
    },
  });
}

/** A checked-in medicine session on 2026-03-10 10:00–13:00 clinic time (Taking Turns, A journeys, or Low Dose). */
export async function medicineSession(db: Db, c: ClinicWithEvaluation, kind: "MEDICINE_TAKING_TURNS" | "MEDICINE_LOW_DOSE" = "MEDICINE_TAKING_TURNS", status: "SCHEDULED" | "CHECKED_IN" = "CHECKED_IN") {
  const turns = kind === "MEDICINE_TAKING_TURNS";
  return db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: c.cycle.id, kind, status,
      startsAt: new Date("2026-03-10T17:00:00Z"), endsAt: new Date("2026-03-10T20:00:00Z"), roomId: c.cedar.id,
      journeyerId: turns ? c.couple.partnerAId : null,
      ...(status === "CHECKED_IN" ? { checkedInAt: new Date("2026-03-10T17:00:00Z") } : {}),
      clinicians: { create: [{ userId: c.therapist.id }] },
      attendees: {
        create: [
          { clientId: c.couple.partnerAId, role: turns ? "JOURNEYER" : "PARTICIPANT" },
          { clientId: c.couple.partnerBId, role: turns ? "SITTER" : "PARTICIPANT" },
        ],
      },
    },
  });
}

/** A lot with a receipt of `mg`. */
export async function lotWith(db: Db, c: Clinic, mg: number, lotNumber = `LOT-${Math.random().toString(36).slice(2, 8)}`) {
  const lot = await db.substanceLot.create({ data: { clinicId: c.clinic.id, lotNumber } });
  await db.substanceLogEntry.create({ data: { lotId: lot.id, kind: "RECEIPT", quantityMg: mg, recordedById: c.psychiatrist.id, occurredAt: new Date("2026-03-01T18:00:00Z") } });
  return lot;
}

/** Minutes after the session's 10:00 start (clinic time), as an instant. */
export const at = (minutes: number) => new Date(new Date("2026-03-10T17:00:00Z").getTime() + minutes * 60_000);

/**
 * A PHQ-9 of a partner straight in the database: P12's safety screen before a medicine session,
 * as a clinic records it before check-in. Item 9 is 0 unless given; the other items add up to a
 * mild score.
 */
export function phq9(db: Db, c: { clinic: { id: string }; therapist: { id: string } }, clientId: string, takenAt: Date, item9 = 0) {
  const answers = [1, 1, 1, 1, 1, 0, 0, 0, item9];
  return db.measureResponse.create({
    data: { clinicId: c.clinic.id, clientId, instrument: "PHQ9", answers, total: answers.reduce((a, b) => a + b, 0), takenAt, source: "CLINICIAN", enteredById: c.therapist.id },
  });
}
