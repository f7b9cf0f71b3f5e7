import { expect, test } from "vitest";
import { coupleStage } from "@/lib/couples/stage";
import { seedDemoClinic } from "@/prisma/seed/demo-clinic";
import { DEMO_CLINIC } from "@/prisma/seed/demo-people";
import { databaseKind, testDb } from "../support/database";

test(`the demo seed builds a clinic at every stage, and a second run changes nothing (${databaseKind})`, async () => {
  const db = await testDb();
  const now = new Date("2026-03-04T18:00:00Z");
  // PostgreSQL is shared by the run's test files: only the first seeding creates the clinic.
  const first = await seedDemoClinic(db, now);
  const count = async () => ({
    clinics: await db.clinic.count({ where: { name: DEMO_CLINIC.name } }),
    sessions: await db.session.count({ where: { clinic: { name: DEMO_CLINIC.name } } }),
    users: await db.user.count({ where: { clinic: { name: DEMO_CLINIC.name } } }),
  });
  const before = await count();
  expect(await seedDemoClinic(db, now)).toEqual({ created: false });
  expect(await count()).toEqual(before);
  if (!first.created) return;

  const clinic = await db.clinic.findFirstOrThrow({ where: { name: DEMO_CLINIC.name }, include: { rooms: true, staff: true } });
  expect(clinic.timeZone).toBe("America/Los_Angeles");
  expect(clinic.rooms).toHaveLength(6);
  expect(clinic.rooms.filter((r) => r.dosingEquipped)).toHaveLength(2);
  const roles = clinic.staff.flatMap((s) => s.roles);
  expect({ t: roles.filter((r) => r === "THERAPIST").length, p: roles.filter((r) => r === "PSYCHIATRIST").length, f: roles.filter((r) => r === "FRONT_DESK").length, a: roles.filter((r) => r === "ADMIN").length }).toEqual({ t: 4, p: 2, f: 2, a: 1 });

  const couples = await db.couple.findMany({
    where: { clinicId: clinic.id },
    include: {
      cycles: { include: { sessions: { include: { attendees: true } } } },
      partnerA: { include: { clearances: true } },
      partnerB: { include: { clearances: true } },
    },
  });
  expect(couples).toHaveLength(12);
  const stages = couples.map((c) =>
    coupleStage({
      cycle: c.cycles[0] ?? null,
      sessions: (c.cycles[0]?.sessions ?? []).map((s) => ({ kind: s.kind, status: s.status, partnerIds: s.attendees.map((a) => a.clientId) })),
      partnerIds: [c.partnerAId, c.partnerBId],
      clearedPartnerIds: [c.partnerA, c.partnerB].filter((p) => p.clearances.length > 0).map((p) => p.id),
    }),
  );
  expect(new Set(stages)).toEqual(
    new Set(["New", "Intake", "Preparation", "Cleared, waiting", "Taking Turns cycle", "Single experience", "Low Dose Together series", "Completed"]),
  );
  // Every medicine session has exactly one live integration (P4), as the database requires.
  const medicine = await db.session.findMany({ where: { clinicId: clinic.id, kind: { in: ["MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE"] } }, include: { integrations: true } });
  expect(medicine.length).toBeGreaterThan(0);
  expect(medicine.every((m) => m.integrations.filter((i) => i.status !== "CANCELLED").length === 1)).toBe(true);
});
