import { expect, test } from "vitest";
import { onScale, score } from "@/lib/measures/instruments";
import { addClinicDays, clinicDate } from "@/lib/protocol/calendar";
import { DEMO_CLINIC } from "@/prisma/seed/demo-people";
import { rehearseDemoSeed } from "../../support/rehearse-demo-seed";

// The demo's outcome measures (prisma/seed/demo-measures.ts), seeded and rolled back (tests/support/rehearse-demo-seed.ts);
// embedded database only.

const TZ = DEMO_CLINIC.timeZone;

test("the demo's measures: a baseline at each intake, P12's screens, CSI-16 after integrations, scores improving", async () => {
  const now = new Date("2026-12-02T19:00:00Z");
  const { measures, sessions, links } = await rehearseDemoSeed(now, async (tx) => {
    const clinic = await tx.clinic.findFirstOrThrow({ where: { name: DEMO_CLINIC.name } });
    return {
      measures: await tx.measureResponse.findMany({ where: { clinicId: clinic.id }, orderBy: { takenAt: "asc" } }),
      sessions: await tx.session.findMany({ where: { clinicId: clinic.id }, include: { attendees: true } }),
      links: await tx.measureLink.findMany({ where: { clinicId: clinic.id } }),
    };
  });
  expect(measures.length).toBeGreaterThan(50);
  // Every one on its scale, scored as published, and none in the future.
  for (const m of measures) {
    expect(onScale(m.instrument, m.answers)).toBe(true);
    expect(score(m.instrument, m.answers).total).toBe(m.total);
    expect(m.takenAt.getTime()).toBeLessThanOrEqual(now.getTime());
  }
  // Each link's measures are the ones it asked for; every demo link has been used.
  for (const link of links) {
    expect(link.usedAt).not.toBeNull();
    expect(measures.filter((m) => m.linkId === link.id).map((m) => m.instrument).sort()).toEqual([...link.instruments].sort());
  }
  const of = (clientId: string, instrument: string) => measures.filter((m) => m.clientId === clientId && m.instrument === instrument);

  // The baseline: all three at each partner's first intake that has happened.
  for (const intake of sessions.filter((s) => s.kind === "INTAKE" && s.startsAt <= now)) {
    const clientId = intake.attendees[0].clientId;
    for (const instrument of ["PHQ9", "GAD7", "CSI16"]) expect(of(clientId, instrument).some((m) => m.sessionId === intake.id)).toBe(true);
  }
  // P12: each dosing partner of each medicine session under way or over has a PHQ-9 in the 7 days before it, item 9 = 0.
  const started = sessions.filter((s) => (s.kind === "MEDICINE_TAKING_TURNS" || s.kind === "MEDICINE_LOW_DOSE") && (s.status === "COMPLETED" || s.status === "CHECKED_IN"));
  expect(started.length).toBeGreaterThan(5);
  for (const m of started) {
    const dosing = m.journeyerId ? [m.journeyerId] : m.attendees.map((a) => a.clientId);
    const opens = addClinicDays(clinicDate(m.startsAt, TZ), -7, TZ);
    for (const clientId of dosing) {
      const screens = of(clientId, "PHQ9").filter((p) => p.takenAt <= m.startsAt && clinicDate(p.takenAt, TZ) >= opens);
      expect(screens.length, `a screen before ${m.kind} on ${clinicDate(m.startsAt, TZ)}`).toBeGreaterThan(0);
      expect(screens.every((p) => p.answers[8] === 0)).toBe(true);
    }
  }
  // No screen for a medicine session still to come: it is due, not faked.
  for (const m of sessions.filter((s) => s.kind.startsWith("MEDICINE") && s.status === "SCHEDULED" && s.startsAt > now)) {
    const dosing = m.journeyerId ? [m.journeyerId] : m.attendees.map((a) => a.clientId);
    for (const clientId of dosing) expect(of(clientId, "PHQ9").filter((p) => p.takenAt > addClinicDaysInstant(m.startsAt, -7))).toEqual([]);
  }
  // CSI-16 at each integration that has happened, for both partners.
  for (const i of sessions.filter((s) => s.kind === "INTEGRATION" && s.endsAt <= now)) {
    for (const a of i.attendees) expect(of(a.clientId, "CSI16").some((m) => m.sessionId === i.id)).toBe(true);
  }
  // Getting better: every score taken after one of the partner's medicine sessions is better
  // than their baseline (lower PHQ-9 and GAD-7, higher CSI-16).
  let compared = 0;
  for (const clientId of new Set(measures.map((m) => m.clientId))) {
    const firstDose = started.filter((s) => s.status === "COMPLETED" && s.attendees.some((a) => a.clientId === clientId)).map((s) => s.endsAt).sort((a, b) => a.getTime() - b.getTime())[0];
    if (!firstDose) continue;
    for (const instrument of ["PHQ9", "GAD7", "CSI16"] as const) {
      const [baseline, ...later] = of(clientId, instrument);
      for (const m of later.filter((x) => x.takenAt > firstDose)) {
        compared++;
        if (instrument === "CSI16") expect(m.total, "CSI-16 improves").toBeGreaterThan(baseline.total);
        else expect(m.total, `${instrument} improves`).toBeLessThan(baseline.total);
      }
    }
  }
  expect(compared).toBeGreaterThan(20);
});

function addClinicDaysInstant(at: Date, days: number): Date {
  return addClinicDays(at, days, TZ);
}
