import type { Db } from "@/lib/db/prisma";

let counter = 0;
// Test files run two at a time on one PostgreSQL database: the time and a counter alone collide
// across workers, so the worker's process id and a random part go in too.
const unique = () => `${Date.now().toString(36)}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}${(counter++).toString(36)}`;

/** A small clinic: two rooms (one dosing), a therapist, a psychiatrist and a couple. */
export async function smallClinic(db: Db) {
  const tag = unique();
  const clinic = await db.clinic.create({ data: { name: `Test clinic ${tag}`, timeZone: "America/Los_Angeles" } });
  const [cedar, willow] = await Promise.all([
    db.room.create({ data: { clinicId: clinic.id, name: "Cedar", capacity: 4, dosingEquipped: true } }),
    db.room.create({ data: { clinicId: clinic.id, name: "Willow", capacity: 4 } }),
  ]);
  const staff = (name: string, roles: ("THERAPIST" | "PSYCHIATRIST" | "FRONT_DESK" | "ADMIN")[]) =>
    db.user.create({ data: { clinicId: clinic.id, email: `${name}-${tag}@clinic.test`, name, roles, passwordHash: "x" } });
  const therapist = await staff("therapist", ["THERAPIST"]);
  const otherTherapist = await staff("other-therapist", ["THERAPIST"]);
  const psychiatrist = await staff("psychiatrist", ["PSYCHIATRIST"]);
  const couple = await makeCouple(db, clinic.id, therapist.id, "Rivera");
  const otherCouple = await makeCouple(db, clinic.id, otherTherapist.id, "Chen");
  return { clinic, cedar, willow, therapist, otherTherapist, psychiatrist, couple, otherCouple };
}

export async function makeCouple(db: Db, clinicId: string, therapistId: string, lastName: string) {
  const partnerA = await db.client.create({ data: { clinicId, firstName: "Sam", lastName } });
  const partnerB = await db.client.create({ data: { clinicId, firstName: "Jordan", lastName } });
  const couple = await db.couple.create({
    data: {
      clinicId,
      partnerAId: partnerA.id,
      partnerBId: partnerB.id,
      couplesTherapistId: therapistId,
      partnerAKapTherapistId: therapistId,
      partnerBKapTherapistId: therapistId,
    },
  });
  return { ...couple, partnerA, partnerB };
}

export type SmallClinic = Awaited<ReturnType<typeof smallClinic>>;

/** A signed-in staff member as the domain functions receive it. */
export function staffOf(user: { id: string; name: string; email: string; roles: ("THERAPIST" | "PSYCHIATRIST" | "FRONT_DESK" | "ADMIN")[]; clinicId: string }) {
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, clinicId: user.clinicId, ip: "127.0.0.1" };
}

/** Inserts a session directly (test set-up, not under test): its times are clinic-agnostic instants. */
export async function insertSession(
  db: Db,
  c: SmallClinic,
  s: { kind: "INTAKE" | "PREPARATION" | "MEDICAL_EVALUATION" | "COUPLES_THERAPY"; start: string; minutes: number; partners: string[]; status?: "SCHEDULED" | "COMPLETED"; cycleId?: string | null; clinicianId?: string; roomId?: string | null },
) {
  const startsAt = new Date(s.start);
  return db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: s.kind === "COUPLES_THERAPY" ? null : s.cycleId, kind: s.kind, status: s.status ?? "SCHEDULED",
      startsAt, endsAt: new Date(startsAt.getTime() + s.minutes * 60_000), roomId: s.roomId === undefined ? c.willow.id : s.roomId,
      clinicians: { create: [{ userId: s.clinicianId ?? c.therapist.id }] }, attendees: { create: s.partners.map((clientId) => ({ clientId })) },
    },
  });
}

/**
 * A Taking Turns cycle ready for its medicine sessions: both intakes and two preparations
 * completed in the week of 23 Feb 2026, both partners cleared by the psychiatrist.
 */
export async function readyTakingTurnsCycle(db: Db, c: SmallClinic) {
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
  const { partnerAId: a, partnerBId: b } = c.couple;
  await insertSession(db, c, { kind: "INTAKE", start: "2026-02-23T17:00:00Z", minutes: 60, partners: [a], status: "COMPLETED", cycleId: cycle.id });
  await insertSession(db, c, { kind: "INTAKE", start: "2026-02-23T19:00:00Z", minutes: 60, partners: [b], status: "COMPLETED", cycleId: cycle.id });
  await insertSession(db, c, { kind: "PREPARATION", start: "2026-02-24T17:00:00Z", minutes: 90, partners: [a, b], status: "COMPLETED", cycleId: cycle.id });
  await insertSession(db, c, { kind: "PREPARATION", start: "2026-02-25T17:00:00Z", minutes: 90, partners: [a, b], status: "COMPLETED", cycleId: cycle.id });
  for (const clientId of [a, b]) {
    await db.clearance.create({
      data: {
        clientId, psychiatristId: c.psychiatrist.id, evaluatedOn: new Date("2026-02-26"), systolic: 120, diastolic: 80, heartRate: 70, decision: "CLEARED",
        models: ["TAKING_TURNS"], maxDoseMg: 100, route: "SUBLINGUAL_LOZENGE", validUntil: new Date("2026-05-27"), signedAt: new Date("2026-02-26T20:00:00Z"),
      },
    });
  }
  return cycle;
}
