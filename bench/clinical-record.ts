// The clinical record of one couple of the bench's clinic (issue 12): a signed note, with an
// addendum now and then, for every completed session but the medical evaluations (whose record
// is the clearance), and a year of both partners' outcome measures. The couple page is then
// measured with a record as full as a clinic's busiest couple would have.
import { addClinicDays, atClinicTime, type ClinicDay } from "../lib/protocol/calendar";
import type { ClinicModel } from "./clinic-model";
import type { Sql } from "./sql";

export type ClinicalRecordCouple = { coupleId: string; therapistEmail: string; partnerName: string; notes: number; measures: number };

const PARAGRAPH =
  "They arrived on time and settled quickly. Each named what they hoped for today; the pursuer softened when the other slowed down, and both noticed it. ";

/** Deterministic answers on each instrument's scale, easing over the year (item points; total = their sum). */
function answersOf(instrument: "PHQ9" | "GAD7" | "CSI16", week: number, partner: number): number[] {
  const ease = week / 52;
  if (instrument === "CSI16") return Array.from({ length: 16 }, (_, i) => Math.min(i === 0 ? 6 : 5, Math.round(2 + 2.5 * ease + ((i + partner) % 2))));
  const items = instrument === "PHQ9" ? 9 : 7;
  // Item 9 of the PHQ-9 stays 0: the record of a couple whose screens never needed a review.
  return Array.from({ length: items }, (_, i) => (instrument === "PHQ9" && i === 8 ? 0 : Math.max(0, Math.min(3, Math.round(2.4 - 2.2 * ease + ((i + week + partner) % 3) * 0.4)))));
}

export async function insertClinicalRecord(sql: Sql, model: ClinicModel): Promise<ClinicalRecordCouple> {
  // The couple with the most completed sessions: the fullest record the clinic holds.
  const completedOf = new Map<string, ClinicModel["sessions"]>();
  for (const s of model.sessions) {
    if (s.status === "COMPLETED" && s.kind !== "MEDICAL_EVALUATION") (completedOf.get(s.coupleId) ?? completedOf.set(s.coupleId, []).get(s.coupleId)!).push(s);
  }
  const couple = model.couples.reduce((best, c) => ((completedOf.get(c.id)?.length ?? 0) > (completedOf.get(best.id)?.length ?? 0) ? c : best));
  const therapist = model.clinicians.find((c) => c.id === couple.couplesTherapistId)!;
  const completed = completedOf.get(couple.id) ?? [];
  const partners = [couple.partnerAId, couple.partnerBId];
  const firstDay: ClinicDay = addClinicDays(model.today, -364, model.timeZone);
  const measures = partners.flatMap((clientId, partner) =>
    Array.from({ length: 52 }, (_, week) => week).flatMap((week) => {
      const takenAt = atClinicTime(addClinicDays(firstDay, week * 7, model.timeZone), 9 * 60 + partner * 10, model.timeZone);
      // PHQ-9 and GAD-7 every other week, CSI-16 every four.
      const due = [...(week % 2 === 0 ? (["PHQ9", "GAD7"] as const) : []), ...(week % 4 === 0 ? (["CSI16"] as const) : [])];
      return due.map((instrument) => ({ clientId, instrument, answers: answersOf(instrument, week, partner), takenAt }));
    }),
  );
  await sql.transaction(async (tx) => {
    for (const [i, s] of completed.entries()) {
      const content = { fields: { data: PARAGRAPH.repeat(3), assessment: PARAGRAPH.repeat(2), plan: PARAGRAPH, whatEmerged: PARAGRAPH.repeat(2), practices: PARAGRAPH } };
      const signedAt = new Date(s.endsAt.getTime() + 3 * 3600_000);
      const [note] = await tx.query<{ id: string }>(
        `INSERT INTO "SessionNote" ("sessionId", "authorId", "content", "signedAt", "updatedAt") VALUES ($1::uuid, $2::uuid, $3::jsonb, $4, $4) RETURNING "id"`,
        [s.id, s.clinicianId, JSON.stringify(content), signedAt.toISOString()],
      );
      if (i % 5 === 0) {
        await tx.query(`INSERT INTO "NoteAddendum" ("noteId", "authorId", "text", "signedAt") VALUES ($1::uuid, $2::uuid, $3, $4)`, [
          note.id, s.clinicianId, "Correction: the stop word agreed was “lantern”, not “anchor”.", new Date(signedAt.getTime() + 86_400_000).toISOString(),
        ]);
      }
    }
    for (const m of measures) {
      await tx.query(
        `INSERT INTO "MeasureResponse" ("clinicId", "clientId", "instrument", "answers", "total", "takenAt", "source", "enteredById")
         VALUES ($1::uuid, $2::uuid, $3::text::"MeasureInstrument", $4::int[], $5, $6, 'CLINICIAN', $7::uuid)`,
        [model.clinicId, m.clientId, m.instrument, m.answers, m.answers.reduce((a, b) => a + b, 0), m.takenAt.toISOString(), therapist.id],
      );
    }
  });
  const partner = model.clients.find((c) => c.id === couple.partnerAId)!;
  return { coupleId: couple.id, therapistEmail: therapist.email, partnerName: partner.firstName, notes: completed.length, measures: measures.length };
}
