import { expect, test } from "vitest";
import type { Tx } from "@/lib/db/prisma";
import { isNoteLate } from "@/lib/notes/late-notes";
import { splitSharedGoals } from "@/lib/notes/note-kinds";
import { seedDemoClinicIn } from "@/prisma/seed/demo-clinic";
import { DEMO_CLINIC } from "@/prisma/seed/demo-people";
import { databaseKind, testDb } from "../support/database";

// The demo's notes (prisma/seed/demo-notes.ts), seeded inside a transaction that is rolled back.
// Embedded database only: on PostgreSQL the test files share one database, where seed.test.ts
// commits the demo clinic, whose sign-in emails are unique.

class RolledBack extends Error {}

async function rehearse<T>(now: Date, look: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await testDb();
  let seen: T | undefined;
  await db
    .$transaction(
      async (tx) => {
        await seedDemoClinicIn(tx, "not-a-password-hash", now, { openEveryDay: true });
        seen = await look(tx);
        throw new RolledBack();
      },
      { timeout: 120_000, maxWait: 20_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return seen!;
}

test.skipIf(databaseKind === "PostgreSQL")("the demo: signed notes for every completed session, one late draft, and the Riveras' notes of each kind left to write", async () => {
  const now = new Date("2026-12-02T19:00:00Z");
  const seen = await rehearse(now, async (tx) => {
    const clinic = await tx.clinic.findFirstOrThrow({ where: { name: DEMO_CLINIC.name } });
    return tx.session.findMany({
      where: { clinicId: clinic.id, status: "COMPLETED", kind: { not: "MEDICAL_EVALUATION" } },
      include: { note: { include: { addenda: true } }, cycle: true, couple: { include: { partnerA: true } }, dosingRecords: true },
    });
  });
  const rivera = seen.filter((s) => s.couple.partnerA.lastName === "Rivera");
  expect(new Set(rivera.map((s) => s.kind))).toEqual(new Set(["INTAKE", "PREPARATION", "MEDICINE_TAKING_TURNS", "INTEGRATION", "COUPLES_THERAPY"]));
  expect(rivera.every((s) => s.note === null)).toBe(true);
  const rest = seen.filter((s) => s.couple.partnerA.lastName !== "Rivera");
  expect(rest.every((s) => s.note !== null)).toBe(true);
  const drafts = rest.filter((s) => !s.note!.signedAt);
  expect(drafts.map((s) => [s.couple.partnerA.lastName, s.kind])).toEqual([["Patel", "MEDICINE_LOW_DOSE"]]);
  expect(isNoteLate(drafts[0].endsAt, now, 72)).toBe(true);
  for (const s of rest.filter((x) => x.note!.signedAt)) {
    expect(s.note!.signedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(s.note!.signedAt!.getTime()).toBeGreaterThan(s.endsAt.getTime() - 1);
  }
  // The integration notes take the cycle's goals one by one; the medicine notes link the dosing records.
  for (const s of rest.filter((x) => x.kind === "INTEGRATION")) {
    const goals = splitSharedGoals(s.cycle!.sharedGoals);
    expect((s.note!.content as { goals: { goal: string }[] }).goals.map((g) => g.goal)).toEqual(goals.length ? goals : [""]);
  }
  for (const s of rest.filter((x) => x.kind === "MEDICINE_TAKING_TURNS" && x.note!.signedAt)) {
    expect((s.note!.content as { dosingRecordIds: string[] }).dosingRecordIds).toEqual(expect.arrayContaining(s.dosingRecords.map((r) => r.id)));
  }
  expect(rest.filter((s) => s.note!.addenda.length > 0).map((s) => [s.couple.partnerA.lastName, s.kind])).toEqual([["Brooks", "INTEGRATION"]]);
  // The Riveras' goals are two, one per line.
  expect(splitSharedGoals(rivera[0].cycle?.sharedGoals ?? rivera.find((s) => s.cycle)!.cycle!.sharedGoals)).toHaveLength(2);
});
