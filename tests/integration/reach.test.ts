import { describe, expect, test } from "vitest";
import type { Permission, StaffRoleName } from "@/lib/auth/permissions";
import { clearanceWhere, coupleWhere, partnerWhere, reachesCouple, reachesPartner, reachesSession, sessionWhere, type CoupleFacts } from "@/lib/auth/reach";
import { databaseKind, testDb } from "../support/database";
import { smallClinic } from "../support/fixtures";

// Reach (P11) is written once in lib/auth/reach.ts, as Prisma filters beside the same tests on
// loaded facts. This file builds a clinic with every way of being reached (and of not being:
// a cancelled evaluation, another clinic, a role without the permission), then checks, for
// every staff member and permission, that the filters and the tests choose the same couples,
// partners, sessions and clearances.

const db = await testDb();

/** A small deterministic generator, so a failure names a clinic that can be rebuilt. */
function random(seed: number) {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)], chance: (p: number) => next() < p };
}

const PERMISSIONS: Permission[] = ["couple:read", "couple:write", "clinical:read", "session:book", "session:complete", "session:check-in", "clearance:read", "clearance:record", "dosing:record", "dosing:ride-home", "cycle:plan"];

async function randomClinic(seed: number) {
  const r = random(seed);
  const base = await smallClinic(db);
  const clinicId = base.clinic.id;
  const staff = async (name: string, roles: StaffRoleName[]) =>
    db.user.create({ data: { clinicId, email: `${name}-${seed}-${Math.random().toString(36).slice(2)}@clinic.test`, name, roles, passwordHash: "x" } });
  const therapists = [base.therapist, base.otherTherapist, await staff("t3", ["THERAPIST"])];
  const psychiatrists = [base.psychiatrist, await staff("d2", ["PSYCHIATRIST"]), await staff("d3", ["PSYCHIATRIST"])];
  const people = [
    ...therapists,
    ...psychiatrists,
    await staff("desk", ["FRONT_DESK"]),
    await staff("admin", ["ADMIN"]),
    await staff("therapist-at-desk", ["THERAPIST", "FRONT_DESK"]),
    await staff("therapist-psychiatrist", ["THERAPIST", "PSYCHIATRIST"]),
  ];
  const dual = people[people.length - 1];
  psychiatrists.push(dual);
  therapists.push(dual);
  let hour = 0;
  const slot = () => {
    const startsAt = new Date(Date.UTC(2027, 0, 4, 16) + hour++ * 2 * 3600_000);
    return { startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) };
  };
  for (let i = 0; i < 6; i++) {
    const [a, b] = await Promise.all([0, 1].map((n) => db.client.create({ data: { clinicId, firstName: `P${i}${n}`, lastName: `Couple${i}` } })));
    const couple = await db.couple.create({
      data: { clinicId, partnerAId: a.id, partnerBId: b.id, couplesTherapistId: r.pick(therapists).id, partnerAKapTherapistId: r.pick(therapists).id, partnerBKapTherapistId: r.pick(therapists).id },
    });
    const cycle = await db.kapCycle.create({ data: { coupleId: couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
    const session = (data: { kind: "MEDICAL_EVALUATION" | "MEDICINE_TAKING_TURNS" | "MEDICINE_LOW_DOSE" | "COUPLES_THERAPY"; partners: string[]; clinician: string; journeyerId?: string; status?: "SCHEDULED" | "CANCELLED" | "COMPLETED" }) =>
      db.session.create({
        data: {
          clinicId, coupleId: couple.id, cycleId: data.kind === "COUPLES_THERAPY" ? null : cycle.id, kind: data.kind, status: data.status ?? "SCHEDULED", ...slot(),
          roomId: data.kind === "MEDICAL_EVALUATION" ? null : base.cedar.id, journeyerId: data.journeyerId ?? null,
          ...(data.status === "CANCELLED" ? { cancelledAt: new Date(), cancelReason: "test" } : {}),
          clinicians: { create: [{ userId: data.clinician }] }, attendees: { create: data.partners.map((clientId) => ({ clientId })) },
        },
      });
    for (const partner of [a, b]) {
      if (r.chance(0.6)) await session({ kind: "MEDICAL_EVALUATION", partners: [partner.id], clinician: r.pick(psychiatrists).id, status: r.pick(["SCHEDULED", "COMPLETED", "CANCELLED"] as const) });
      if (r.chance(0.4)) {
        await db.clearance.create({
          data: { clientId: partner.id, psychiatristId: r.pick(psychiatrists).id, evaluatedOn: new Date("2027-01-01"), systolic: 120, diastolic: 80, heartRate: 70, decision: "DEFERRED", validUntil: new Date("2027-03-01") },
        });
      }
    }
    await session({ kind: "MEDICINE_TAKING_TURNS", partners: [a.id, b.id], clinician: r.pick(therapists).id, journeyerId: r.pick([a.id, b.id]) });
    await session({ kind: "MEDICINE_LOW_DOSE", partners: [a.id, b.id], clinician: r.pick(therapists).id });
    await session({ kind: "COUPLES_THERAPY", partners: [a.id, b.id], clinician: r.pick([...therapists, ...psychiatrists]).id });
  }
  return { clinicId, people };
}

async function factsOfClinic(clinicId: string) {
  const couples = await db.couple.findMany({
    where: { clinicId },
    include: {
      partnerA: { include: { clearances: { select: { id: true, clientId: true, psychiatristId: true } } } },
      partnerB: { include: { clearances: { select: { id: true, clientId: true, psychiatristId: true } } } },
      sessions: { include: { clinicians: { select: { userId: true } }, attendees: { select: { clientId: true } } } },
    },
  });
  return couples.map((c) => {
    const facts: CoupleFacts = {
      couplesTherapistId: c.couplesTherapistId,
      partners: [
        { id: c.partnerAId, kapTherapistId: c.partnerAKapTherapistId },
        { id: c.partnerBId, kapTherapistId: c.partnerBKapTherapistId },
      ],
      sessions: c.sessions.map((s) => ({ kind: s.kind, status: s.status, journeyerId: s.journeyerId, clinicianIds: s.clinicians.map((x) => x.userId), partnerIds: s.attendees.map((x) => x.clientId) })),
      clearances: [...c.partnerA.clearances, ...c.partnerB.clearances],
    };
    return { couple: c, facts };
  });
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe(`reach: the filters and the tests agree (${databaseKind})`, () => {
  test.each([1, 2, 3])("on a random clinic (seed %i), for every staff member and permission", async (seed) => {
    const { clinicId, people } = await randomClinic(seed);
    // Another clinic's records must never come back, whatever the role: the expected lists hold
    // this clinic's records only, so equality below shows the filters keep to the clinic.
    await randomClinic(seed + 100);
    const clinic = await factsOfClinic(clinicId);
    let reachedSomething = 0;
    let missedSomething = 0;
    for (const person of people) {
      const staff = { id: person.id, roles: person.roles, clinicId };
      for (const permission of PERMISSIONS) {
        const expectedCouples = clinic.filter(({ facts }) => reachesCouple(staff, permission, facts)).map(({ couple }) => couple.id).sort();
        const expectedPartners = clinic.flatMap(({ facts }) => facts.partners.filter((p) => reachesPartner(staff, permission, facts, p.id)).map((p) => p.id)).sort();
        const expectedSessions = clinic
          .flatMap(({ couple, facts }) => couple.sessions.filter((s, i) => reachesSession(staff, permission, facts, facts.sessions[i])).map((s) => s.id))
          .sort();
        const expectedClearances = clinic
          .flatMap(({ couple, facts }) => [...couple.partnerA.clearances, ...couple.partnerB.clearances].filter((c) => reachesPartner(staff, permission, facts, c.clientId)).map((c) => c.id))
          .sort();
        const [couples, partners, sessions, clearances] = await Promise.all([
          ((w) => (w ? db.couple.findMany({ where: w, select: { id: true } }) : []))(coupleWhere(staff, permission)),
          ((w) => (w ? db.client.findMany({ where: w, select: { id: true } }) : []))(partnerWhere(staff, permission)),
          ((w) => (w ? db.session.findMany({ where: w, select: { id: true } }) : []))(sessionWhere(staff, permission)),
          ((w) => (w ? db.clearance.findMany({ where: w, select: { id: true } }) : []))(clearanceWhere(staff, permission)),
        ]);
        const who = `${person.name} (${person.roles.join("+")}) for ${permission}`;
        expect(ids(couples), `couples: ${who}`).toEqual(expectedCouples);
        expect(ids(partners), `partners: ${who}`).toEqual(expectedPartners);
        expect(ids(sessions), `sessions: ${who}`).toEqual(expectedSessions);
        expect(ids(clearances), `clearances: ${who}`).toEqual(expectedClearances);
        reachedSomething += sessions.length > 0 ? 1 : 0;
        missedSomething += sessions.length < clinic.flatMap((c) => c.couple.sessions).length ? 1 : 0;
      }
    }
    // The clinic is varied enough to tell the two sides apart: some reach, some do not.
    expect(reachedSomething).toBeGreaterThan(10);
    expect(missedSomething).toBeGreaterThan(10);
  });

  test("who reaches whom, by name: the cases the rule book spells out", async () => {
    const c = await smallClinic(db);
    const desk = await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${c.clinic.id}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
    const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
    const couplesOf = async (user: { id: string; roles: StaffRoleName[] }, permission: Permission = "couple:read") => {
      const where = coupleWhere({ ...user, clinicId: c.clinic.id }, permission);
      return where ? ids(await db.couple.findMany({ where, select: { id: true } })) : [];
    };
    expect(await couplesOf(c.therapist)).toEqual([c.couple.id]);
    expect(await couplesOf(c.otherTherapist)).toEqual([c.otherCouple.id]);
    expect(await couplesOf(desk)).toEqual([c.couple.id, c.otherCouple.id].sort());
    expect(await couplesOf(admin)).toEqual([]);
    // Front desk reaches the schedule, never a clinical record: no role of theirs holds the permission.
    expect(clearanceWhere({ ...desk, clinicId: c.clinic.id }, "clearance:read")).toBeNull();
    // A psychiatrist reaches a partner once an evaluation is booked with them, and only that partner.
    const partnersOf = async () => ids(await db.client.findMany({ where: partnerWhere({ ...c.psychiatrist, clinicId: c.clinic.id }, "clearance:read")!, select: { id: true } }));
    expect(await partnersOf()).toEqual([]);
    const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
    await db.session.create({
      data: {
        clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: cycle.id, kind: "MEDICAL_EVALUATION", startsAt: new Date("2027-03-03T18:00:00Z"), endsAt: new Date("2027-03-03T19:00:00Z"),
        clinicians: { create: [{ userId: c.psychiatrist.id }] }, attendees: { create: [{ clientId: c.couple.partnerAId }] },
      },
    });
    expect(await partnersOf()).toEqual([c.couple.partnerAId]);
    expect(await couplesOf(c.psychiatrist)).toEqual([c.couple.id]);
  });
});
