import { expect, test } from "vitest";
import type { Permission } from "@/lib/auth/permissions";
import { noteWhere, reachesNote, type CoupleFacts } from "@/lib/auth/reach";
import { databaseKind, testDb } from "../support/database";
import { noteClinic } from "../support/note-fixtures";

// Reach to notes (P13) is written once in lib/auth/reach.ts, as a Prisma filter (noteWhere) beside
// the same test on loaded facts (reachesNote). On a clinic with every kind of session, several
// clinicians and every role, the two must choose the same sessions, for each permission.

const db = await testDb();
const PERMISSIONS: Permission[] = ["note:read", "note:write", "note:status"];

test(`reach to notes: the filter and the test agree, and say what the rule book says (${databaseKind})`, async () => {
  const c = await noteClinic(db);
  const bell = await db.user.create({ data: { clinicId: c.clinic.id, email: `bell-${c.clinic.id}@clinic.test`, name: "Bell", roles: ["PSYCHIATRIST"], passwordHash: "x" } });
  const dual = await db.user.create({ data: { clinicId: c.clinic.id, email: `dual-${c.clinic.id}@clinic.test`, name: "Dual", roles: ["THERAPIST", "FRONT_DESK"], passwordHash: "x" } });
  // Dr. Bell evaluates Jordan (partner B) by a clearance alone; Sam's evaluation is Dr. Park's (the fixture's).
  await db.clearance.create({
    data: { clientId: c.partners.b, psychiatristId: bell.id, evaluatedOn: new Date("2026-03-01"), systolic: 120, diastolic: 80, heartRate: 70, decision: "DEFERRED", validUntil: new Date("2026-04-01") },
  });
  const samJourneys = await c.session("MEDICINE_TAKING_TURNS", { journeyerId: c.partners.a });
  const sessions = {
    samsIntake: await c.session("INTAKE", { partners: [c.partners.a] }),
    jordansIntake: await c.session("INTAKE", { partners: [c.partners.b], clinicians: [c.coTherapist.id] }),
    prep: await c.session("PREPARATION"),
    samJourneys,
    jordanJourneys: await c.session("MEDICINE_TAKING_TURNS", { journeyerId: c.partners.b }),
    together: await c.session("MEDICINE_LOW_DOSE"),
    integration: await c.session("INTEGRATION", { medicineSessionId: samJourneys.id }),
    therapy: await c.session("COUPLES_THERAPY", { clinicians: [dual.id] }),
    evaluation: c.evaluation,
    otherCouples: await c.session("COUPLES_THERAPY", { couple: "other" }),
  };
  const couples = await db.couple.findMany({
    where: { clinicId: c.clinic.id },
    include: {
      partnerA: { include: { clearances: { select: { clientId: true, psychiatristId: true } } } },
      partnerB: { include: { clearances: { select: { clientId: true, psychiatristId: true } } } },
      sessions: { include: { clinicians: { select: { userId: true } }, attendees: { select: { clientId: true } } } },
    },
  });
  const all = couples.flatMap((couple) => {
    const facts: CoupleFacts = {
      couplesTherapistId: couple.couplesTherapistId,
      partners: [
        { id: couple.partnerAId, kapTherapistId: couple.partnerAKapTherapistId },
        { id: couple.partnerBId, kapTherapistId: couple.partnerBKapTherapistId },
      ],
      sessions: couple.sessions.map((s) => ({ kind: s.kind, status: s.status, journeyerId: s.journeyerId, clinicianIds: s.clinicians.map((x) => x.userId), partnerIds: s.attendees.map((x) => x.clientId) })),
      clearances: [...couple.partnerA.clearances, ...couple.partnerB.clearances],
    };
    return couple.sessions.map((s, i) => ({ id: s.id, facts, session: facts.sessions[i] }));
  });
  const people = { therapist: c.therapist, otherTherapist: c.otherTherapist, coTherapist: c.coTherapist, park: c.psychiatrist, bell, dual, frontDesk: c.frontDesk, admin: c.admin };
  const reached: Record<string, Record<string, string[]>> = {};
  const name = (id: string) => Object.entries(sessions).find(([, s]) => s.id === id)?.[0] ?? id;
  for (const [who, person] of Object.entries(people)) {
    const staff = { id: person.id, roles: person.roles, clinicId: c.clinic.id };
    reached[who] = {};
    for (const permission of PERMISSIONS) {
      const where = noteWhere(staff, permission);
      const byFilter = where ? (await db.session.findMany({ where, select: { id: true } })).map((s) => s.id).sort() : [];
      const byTest = all.filter((x) => reachesNote(staff, permission, x.facts, x.session)).map((x) => x.id).sort();
      expect(byFilter, `${who} for ${permission}`).toEqual(byTest);
      reached[who][permission] = byFilter.map(name).sort();
    }
  }
  const every = Object.keys(sessions).sort();
  const ownCouple = every.filter((k) => k !== "otherCouples");
  // The couple's therapist reads every note of the couple, nothing of another's.
  expect(reached.therapist["note:read"]).toEqual(ownCouple);
  expect(reached.otherTherapist["note:read"]).toEqual(["otherCouples"]);
  // A clinician of a session reaches its note (they write it), even when the couple is not theirs.
  expect(reached.coTherapist["note:read"]).toEqual(["jordansIntake"]);
  // Psychiatrists: the intake and the dosing days of the partner they evaluate (and their own evaluation, which has no note).
  expect(reached.park["note:read"]).toEqual(["evaluation", "samJourneys", "samsIntake", "together"]);
  expect(reached.bell["note:read"]).toEqual(["jordanJourneys", "jordansIntake", "together"]);
  // A therapist who also works the front desk: their sessions' notes to read, the clinic's late status.
  expect(reached.dual["note:read"]).toEqual(["therapy"]);
  expect(reached.dual["note:status"]).toEqual(every);
  // Front desk: status only; admin: nothing.
  expect(reached.frontDesk["note:read"]).toEqual([]);
  expect(reached.frontDesk["note:status"]).toEqual(every);
  expect(Object.values(reached.admin).flat()).toEqual([]);
});
