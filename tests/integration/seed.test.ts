import { expect, test } from "vitest";
import { coupleStage } from "@/lib/couples/stage";
import type { Tx } from "@/lib/db/prisma";
import { calendarDaysBetween, clinicDate, isoWeekday } from "@/lib/protocol/calendar";
import { seedDemoClinic, seedDemoClinicIn, type DemoOptions } from "@/prisma/seed/demo-clinic";
import { DEMO_CLINIC } from "@/prisma/seed/demo-people";
import { databaseKind, testDb } from "../support/database";

const TZ = DEMO_CLINIC.timeZone;

class RolledBack extends Error {}

/**
 * Seeds the demo as of `now` inside a transaction, reads what `look` needs and rolls it all back,
 * so that one database can try several days. (Runs before the test below commits the clinic:
 * the demo's sign-in emails are unique.)
 */
async function rehearse<T>(now: Date, options: DemoOptions, look: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await testDb();
  let seen: T | undefined;
  await db
    .$transaction(
      async (tx) => {
        await seedDemoClinicIn(tx, "not-a-password-hash", now, options);
        seen = await look(tx);
        throw new RolledBack();
      },
      { timeout: 120_000, maxWait: 20_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  expect(await db.clinic.count({ where: { name: DEMO_CLINIC.name } })).toBe(0);
  return seen!;
}

/** Harper & Rowan Nguyen's dosing day as seeded, and what is recorded for it. */
async function nguyenDosingDay(tx: Tx) {
  const clinic = await tx.clinic.findFirstOrThrow({ where: { name: DEMO_CLINIC.name } });
  const session = await tx.session.findFirstOrThrow({
    where: { clinicId: clinic.id, kind: "MEDICINE_TAKING_TURNS", couple: { partnerA: { firstName: "Harper", lastName: "Nguyen" } } },
    include: { dosingRecords: { include: { vitals: true, administrations: true, overrides: true } }, integrations: true },
  });
  const records = session.dosingRecords;
  return {
    openWeekdays: clinic.openWeekdays,
    day: clinicDate(session.startsAt, TZ),
    status: session.status,
    checkedIn: session.checkedInAt !== null,
    ridesHome: records.map((r) => r.rideHomeName),
    recorded: records.flatMap((r) => [...r.vitals, ...r.administrations, ...r.overrides]).length + records.filter((r) => r.dischargedAt).length,
    integration: session.integrations.map((i) => clinicDate(i.startsAt, TZ)),
  };
}

/** The rule book as the whole seeded clinic must meet it on any day: open days only (P10, P4), a dosing day's records on its day (P11). */
async function brokenRules(tx: Tx, now: Date) {
  const clinic = await tx.clinic.findFirstOrThrow({ where: { name: DEMO_CLINIC.name } });
  const sessions = await tx.session.findMany({ where: { clinicId: clinic.id }, include: { medicineSession: true, dosingRecords: { include: { vitals: true, administrations: true } } } });
  const broken: string[] = [];
  for (const s of sessions) {
    const day = clinicDate(s.startsAt, TZ);
    if (!clinic.openWeekdays.includes(isoWeekday(day, TZ))) broken.push(`P10 ${s.kind} on closed ${day}`);
    if (s.status === "CHECKED_IN" && day !== clinicDate(now, TZ)) broken.push(`P10 checked in on ${day}, not today`);
    if (s.medicineSession) {
      const gap = calendarDaysBetween(s.medicineSession.startsAt, s.startsAt, TZ);
      if (gap < 1 || gap > 2) broken.push(`P4 integration ${gap} days after`);
    }
    for (const at of s.dosingRecords.flatMap((r) => [...r.vitals.map((v) => v.takenAt), ...r.administrations.map((a) => a.administeredAt)])) {
      if (clinicDate(at, TZ) !== day || at.getTime() > now.getTime()) broken.push(`P11 ${s.kind} of ${day} recorded at ${at.toISOString()}`);
    }
  }
  return broken;
}

test(`the dosing day is today when the clinic is open today, even late in the evening: checked in, rides home recorded, nothing else (${databaseKind})`, async () => {
  const monLate = new Date("2026-12-01T07:30:00Z"); // Mon 30 Nov 2026, 23:30 in the clinic
  const seen = await rehearse(monLate, {}, async (tx) => ({ dosing: await nguyenDosingDay(tx), broken: await brokenRules(tx, monLate) }));
  expect(seen.dosing).toEqual({
    openWeekdays: [1, 2, 3, 4, 5, 6],
    day: "2026-11-30",
    status: "CHECKED_IN",
    checkedIn: true,
    ridesHome: ["Family member"],
    recorded: 0,
    integration: ["2026-12-01"],
  });
  expect(seen.broken).toEqual([]);
});

test(`on a day the clinic is closed, the dosing day is the next open day: scheduled, rides home recorded ahead, nothing else (${databaseKind})`, async () => {
  const sunday = new Date("2026-11-29T18:00:00Z"); // Sun 29 Nov 2026, 10:00 in the clinic
  const seen = await rehearse(sunday, {}, async (tx) => ({ dosing: await nguyenDosingDay(tx), broken: await brokenRules(tx, sunday) }));
  expect(seen.dosing).toEqual({
    openWeekdays: [1, 2, 3, 4, 5, 6],
    day: "2026-11-30",
    status: "SCHEDULED",
    checkedIn: false,
    ridesHome: ["Family member"],
    recorded: 0,
    integration: ["2026-12-01"],
  });
  expect(seen.broken).toEqual([]);
});

test(`seeded open every day (the end-to-end run), a Sunday is the dosing day itself (${databaseKind})`, async () => {
  const sunday = new Date("2026-11-29T18:00:00Z");
  const seen = await rehearse(sunday, { openEveryDay: true }, async (tx) => ({ dosing: await nguyenDosingDay(tx), broken: await brokenRules(tx, sunday) }));
  expect(seen.dosing).toMatchObject({ openWeekdays: [1, 2, 3, 4, 5, 6, 7], day: "2026-11-29", status: "CHECKED_IN", ridesHome: ["Family member"], recorded: 0, integration: ["2026-11-30"] });
  expect(seen.broken).toEqual([]);
});

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
