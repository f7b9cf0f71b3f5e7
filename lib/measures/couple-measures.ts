import "server-only";
import { recordReads } from "../audit/record";
import { reachesPartner, type CoupleFacts } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { PHQ9_ITEM9_INDEX, type InstrumentId } from "./instruments";

export type MeasurePoint = {
  id: string;
  clientId: string;
  instrument: InstrumentId;
  takenAt: Date;
  total: number;
  /** PHQ-9 only: item 9's points (P12). */
  item9: number | null;
  source: "CLINICIAN" | "LINK";
};

/** The columns of a measure that a reader is shown (and P12's reviews, for the engine's screens). */
export const MEASURE_POINT_SELECT = {
  id: true,
  clientId: true,
  instrument: true,
  takenAt: true,
  total: true,
  answers: true,
  source: true,
} as const;

/** A measure as pages show it: the total and, for a PHQ-9, item 9 (never the other answers). */
export function toMeasurePoint({ answers, ...row }: { id: string; clientId: string; instrument: InstrumentId; takenAt: Date; total: number; answers: number[]; source: MeasurePoint["source"] }): MeasurePoint {
  return { id: row.id, clientId: row.clientId, instrument: row.instrument, takenAt: row.takenAt, total: row.total, source: row.source, item9: row.instrument === "PHQ9" ? (answers[PHQ9_ITEM9_INDEX] ?? null) : null };
}

/** The audit rows of a read of these partners' measures: one per partner, naming them, never the scores. */
export function measureReadAudits(partnerIds: readonly string[]) {
  return partnerIds.map((clientId) => ({ action: "read", entity: "MeasureResponse", clientId, outcome: "ALLOWED" as const }));
}

/**
 * The measures of a couple's partners that this staff member may read (measure:read, by reach:
 * a therapist of the couple both partners, a psychiatrist the partners they evaluate), oldest
 * first. Each partner's read is audited; the audit row names the partner, not the scores. Null
 * when neither partner is reached: the page shows no measures at all.
 */
export async function measuresOfCouple(staff: Staff, couple: { partnerAId: string; partnerBId: string }, facts: CoupleFacts): Promise<{ partnerIds: string[]; measures: MeasurePoint[] } | null> {
  // One partner's record passes the same id twice: read and audited once.
  const partnerIds = [...new Set([couple.partnerAId, couple.partnerBId])].filter((id) => reachesPartner(staff, "measure:read", facts, id));
  if (partnerIds.length === 0) return null;
  const rows = await db.measureResponse.findMany({
    where: { clinicId: staff.clinicId, clientId: { in: partnerIds } },
    orderBy: [{ takenAt: "asc" }, { id: "asc" }],
    select: MEASURE_POINT_SELECT,
  });
  await recordReads(staff, measureReadAudits(partnerIds));
  return { partnerIds, measures: rows.map(toMeasurePoint) };
}
