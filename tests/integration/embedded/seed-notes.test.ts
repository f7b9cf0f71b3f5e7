import { expect, test } from "vitest";
import { isNoteLate } from "@/lib/notes/late-notes";
import { splitSharedGoals } from "@/lib/notes/note-kinds";
import { DEMO_CLINIC } from "@/prisma/seed/demo-people";
import { rehearseDemoSeed } from "../../support/rehearse-demo-seed";

// The demo's notes (prisma/seed/demo-notes.ts), seeded and rolled back (tests/support/rehearse-demo-seed.ts);
// embedded database only.

test("the demo: signed notes for every completed session, one late draft, and the Riveras' notes of each kind left to write", async () => {
  const now = new Date("2026-12-02T19:00:00Z");
  const seen = await rehearseDemoSeed(now, async (tx) => {
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
