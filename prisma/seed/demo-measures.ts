import { createHash } from "node:crypto";
import { addDays, addMinutes } from "date-fns";
import type { Tx } from "../../lib/db/prisma";
import { INSTRUMENTS, type InstrumentId } from "../../lib/measures/instruments";

// The demo couples' outcome measures (PROTOCOL.md "Outcome measures"), as a clinic would have
// them: all three at each partner's intake (the baseline, entered by the KAP therapist in the
// session), a PHQ-9 from a one-time link a day or two before each medicine session the partner
// doses in (these are also P12's safety screens: item 9 is 0 in every one), a CSI-16 at each
// integration (entered by the couple's therapist), and all three from a link a few days after a
// completed cycle. Only what has happened by `now` is there: a screen is due, not faked, for a
// medicine session still to come. Scores start mild to moderate (PHQ-9, GAD-7) and around the
// CSI-16 cut-off, and improve as the medicine sessions pass; each partner differs a little.

export type SeededSession = {
  id: string;
  kind: string;
  start: Date;
  end: Date;
  status: string;
  attendees: string[];
  journeyerId: string | null;
  clinicianId: string;
};

type Course = { from: number; to: number };

/** Where a partner's scores start and where they are heading, a little different for each. */
function coursesFor(index: number, partner: number): Record<InstrumentId, Course> {
  const phq = 8 + ((index * 3 + partner * 5) % 8);
  const gad = 7 + ((index * 5 + partner * 3) % 7);
  const csi = 40 + ((index * 7 + partner * 11) % 17);
  return {
    PHQ9: { from: phq, to: Math.max(2, phq - 6 - (index % 3)) },
    GAD7: { from: gad, to: Math.max(2, gad - 5 - (partner % 2)) },
    CSI16: { from: csi, to: Math.min(74, csi + 12 + (index % 5)) },
  };
}

/** Points for each item that add up to `total`, spread evenly; PHQ-9's item 9 stays 0. */
export function answersSummingTo(id: InstrumentId, total: number, seed: number): number[] {
  const items = INSTRUMENTS[id].items;
  const max = items.map((item, i) => (id === "PHQ9" && i === 8 ? 0 : Math.max(...item.options.map((o) => o.points))));
  const points = items.map(() => 0);
  let left = Math.max(0, Math.min(total, max.reduce((a, b) => a + b, 0)));
  // Round the items from a different one each time, a point at a time: even, and ends (the
  // total is never above the items' maximum).
  for (let step = 0; left > 0; step++) {
    const i = (seed + step) % items.length;
    if (points[i] < max[i]) {
      points[i]++;
      left--;
    }
  }
  return points;
}

/**
 * One couple's measures, from its sessions (in time order). `progress` of a moment is the share
 * of the cycle's medicine sessions that came before it.
 */
export async function seedCoupleMeasures(
  tx: Tx,
  args: { clinicId: string; index: number; partners: [string, string]; sessions: SeededSession[]; cycleCompleted: boolean; therapistId: string; now: Date },
): Promise<void> {
  const { clinicId, index, partners, sessions, now } = args;
  const medicine = sessions.filter((s) => s.kind === "MEDICINE_TAKING_TURNS" || s.kind === "MEDICINE_LOW_DOSE");
  const progress = (at: Date) => (medicine.length === 0 ? 0 : medicine.filter((m) => m.start < at).length / medicine.length);
  // A point either way from one time to the next; at the baseline a point worse than the course
  // (people come to their intake at a low), so every later score after a medicine session is better.
  const wobble = (n: number) => (n % 3) - 1;
  let serial = 0;

  const record = async (clientId: string, id: InstrumentId, takenAt: Date, via: ({ sessionId: string; clinicianId: string } | { linkBy: string; instruments: InstrumentId[] }) & { baseline?: boolean }) => {
    if (takenAt > now) return;
    const partner = partners.indexOf(clientId);
    const course = coursesFor(index, partner)[id];
    const n = serial++;
    const worse = INSTRUMENTS[id].higherIsBetter ? -1 : 1;
    const score = Math.round(course.from + (course.to - course.from) * progress(takenAt)) + (via.baseline ? worse : wobble(index * 31 + partner * 7 + n));
    const answers = answersSummingTo(id, Math.max(0, Math.min(INSTRUMENTS[id].maxTotal, score)), index + partner * 3 + n);
    const total = answers.reduce((a, b) => a + b, 0);
    if ("sessionId" in via) {
      await tx.measureResponse.create({
        data: { clinicId, clientId, instrument: id, answers, total, takenAt, source: "CLINICIAN", enteredById: via.clinicianId, sessionId: via.sessionId },
      });
      return;
    }
    // A link the partner used (one per moment, for all it asked): made two days earlier by the
    // therapist, its token long gone.
    const made = addDays(takenAt, -2);
    const link = await tx.measureLink.findFirst({ where: { clientId, usedAt: takenAt } });
    const linkId =
      link?.id ??
      (
        await tx.measureLink.create({
          data: {
            clinicId,
            clientId,
            instruments: via.instruments,
            tokenHash: createHash("sha256").update(`demo-${clientId}-${takenAt.toISOString()}`).digest("hex"),
            createdAt: made,
            expiresAt: addDays(made, 7),
            usedAt: takenAt,
            createdById: via.linkBy,
          },
        })
      ).id;
    await tx.measureResponse.create({ data: { clinicId, clientId, instrument: id, answers, total, takenAt, source: "LINK", enteredById: via.linkBy, linkId } });
  };

  // The baseline: all three during each partner's first intake.
  for (const clientId of partners) {
    const intake = sessions.find((s) => s.kind === "INTAKE" && s.attendees.includes(clientId));
    if (!intake || intake.start > now) continue;
    for (const id of ["PHQ9", "GAD7", "CSI16"] as const) await record(clientId, id, addMinutes(intake.start, 40), { sessionId: intake.id, clinicianId: intake.clinicianId, baseline: true });
  }
  for (const s of sessions) {
    // P12's screen: a PHQ-9 from a link the day before each medicine session under way or over,
    // for each partner who doses (on the same morning when the session is today and early).
    if ((s.kind === "MEDICINE_TAKING_TURNS" || s.kind === "MEDICINE_LOW_DOSE") && (s.status === "CHECKED_IN" || s.status === "COMPLETED")) {
      const dosing = s.journeyerId ? [s.journeyerId] : s.attendees;
      const dayBefore = addMinutes(s.start, -26 * 60);
      const takenAt = dayBefore <= now ? dayBefore : addMinutes(now, -10);
      if (takenAt < s.start) for (const clientId of dosing) await record(clientId, "PHQ9", takenAt, { linkBy: args.therapistId, instruments: ["PHQ9"] });
    }
    // A CSI-16 at each integration that has happened, for both partners.
    if (s.kind === "INTEGRATION" && s.end <= now) {
      for (const clientId of s.attendees) await record(clientId, "CSI16", addMinutes(s.end, -15), { sessionId: s.id, clinicianId: s.clinicianId });
    }
  }
  // The end of a completed cycle: all three from a link, four days after its last session.
  const last = sessions.at(-1);
  if (args.cycleCompleted && last) {
    for (const clientId of partners) for (const id of ["PHQ9", "GAD7", "CSI16"] as const) await record(clientId, id, addDays(last.end, 4), { linkBy: args.therapistId, instruments: ["PHQ9", "GAD7", "CSI16"] });
  }
}
