import { expect, test } from "vitest";
import { coupleScope } from "@/lib/couples/access";
import { databaseKind, testDb } from "../support/database";
import { smallClinic } from "../support/fixtures";

test(`therapists reach only their own couples; front desk every couple; admins none (${databaseKind})`, async () => {
  const db = await testDb();
  const c = await smallClinic(db);
  const visible = async (id: string, roles: ("THERAPIST" | "PSYCHIATRIST" | "FRONT_DESK" | "ADMIN")[]) => {
    const scope = coupleScope({ id, roles, clinicId: c.clinic.id });
    if (!scope) return [];
    return (await db.couple.findMany({ where: scope, select: { id: true } })).map((x) => x.id).sort();
  };
  expect(await visible(c.therapist.id, ["THERAPIST"])).toEqual([c.couple.id]);
  expect(await visible(c.otherTherapist.id, ["THERAPIST"])).toEqual([c.otherCouple.id]);
  expect(await visible(c.therapist.id, ["FRONT_DESK"])).toEqual([c.couple.id, c.otherCouple.id].sort());
  expect(await visible(c.therapist.id, ["ADMIN"])).toEqual([]);
  // A psychiatrist sees a couple once they have an evaluation with one of its partners.
  expect(await visible(c.psychiatrist.id, ["PSYCHIATRIST"])).toEqual([]);
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } });
  await db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: cycle.id, kind: "MEDICAL_EVALUATION", startsAt: new Date("2026-03-03T18:00:00Z"), endsAt: new Date("2026-03-03T19:00:00Z"),
      clinicians: { create: [{ userId: c.psychiatrist.id }] }, attendees: { create: [{ clientId: c.couple.partnerAId }] },
    },
  });
  expect(await visible(c.psychiatrist.id, ["PSYCHIATRIST"])).toEqual([c.couple.id]);
});
