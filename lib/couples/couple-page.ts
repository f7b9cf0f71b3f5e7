import "server-only";
import { recordReads } from "../audit/record";
import { can } from "../auth/permissions";
import { coupleWhere, partnerWhere, reachesPartner, reachesWholeCouple } from "../auth/reach";
import type { Staff } from "../auth/session";
import { blockedMedicineSessionIds } from "../clearance/blocked-sessions";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { MEASURE_POINT_SELECT, measureReadAudits, toMeasurePoint, type MeasurePoint } from "../measures/couple-measures";
import { cycleStatusPanel, type CycleStatusPanel } from "../protocol";
import { loadCoupleSnapshot, SNAPSHOT_CLEARANCES, SNAPSHOT_SESSION_PARTS, snapshotClosures, snapshotOf } from "../scheduling/load-snapshot";
import { COUPLE_THERAPISTS, coupleFactsOfDetail, SESSION_LISTED, type CoupleDetail } from "./get-couple";

export type CouplePage = {
  couple: CoupleDetail;
  /** P3: the couple's medicine sessions still to come that a dosing partner is not cleared for (`clearance:status`). */
  blocked: Set<string>;
  /** The open cycle's protocol status: clinical, for those who reach both partners. */
  protocolPanel: CycleStatusPanel | null;
  /** Both partners' measures this staff member reaches (`measure:read`), oldest first; null when none. */
  measures: { partnerIds: string[]; measures: MeasurePoint[] } | null;
  /** The clinic's active rooms and psychiatrists, for booking from the page. */
  rooms: { id: string; name: string; dosingEquipped: boolean }[];
  psychiatrists: { id: string; name: string }[];
};

/**
 * Everything the couple page shows, in one read and one write (issue 12's budget: the page's
 * sign-in check, this read and its audit, ≤ 4 statements). The read is the couple with its
 * sessions, cycles, clearances and the clinic's rooms and staff: the engine's snapshot of every
 * cycle, the blocked sessions (P3) and the status panel are computed from it, not read again.
 * The partners' measures come in the same read, filtered by the database to the partners this
 * staff member reaches (P11: what is out of reach is never loaded). The read of the couple and of
 * each partner's measures is audited in one statement. Out of reach and missing look the same.
 */
export async function loadCouplePage(staff: Staff, coupleId: string, now = new Date()): Promise<CouplePage> {
  const scope = coupleWhere(staff, "couple:read");
  if (!scope) throw new NotFoundError("The couple");
  const measureScope = can(staff.roles, "measure:read") ? partnerWhere(staff, "measure:read") : null;
  const measures = measureScope
    ? {
        where: { clinicId: staff.clinicId, client: measureScope },
        orderBy: [{ takenAt: "asc" as const }, { id: "asc" as const }],
        select: { ...MEASURE_POINT_SELECT, reviews: { select: { screenId: true, decision: true, reviewedAt: true } } },
      }
    : { where: { id: { in: [] } }, select: { ...MEASURE_POINT_SELECT, reviews: { select: { screenId: true, decision: true, reviewedAt: true } } } };
  const partner = { include: { clearances: SNAPSHOT_CLEARANCES, measures } } as const;
  const row = await db.couple.findFirst({
    where: { AND: [scope, { id: coupleId }] },
    include: {
      clinic: { include: { rooms: { orderBy: { name: "asc" } }, staff: { orderBy: { name: "asc" }, select: { id: true, name: true, roles: true, active: true } }, closures: snapshotClosures(now) } },
      partnerA: partner,
      partnerB: partner,
      ...COUPLE_THERAPISTS,
      cycles: { orderBy: { createdAt: "desc" } },
      // The list's parts over the engine's (a clinician's name beside their id, a partner's role).
      sessions: { orderBy: { startsAt: "asc" }, include: { ...SNAPSHOT_SESSION_PARTS, ...SESSION_LISTED } },
    },
  });
  if (!row) throw new NotFoundError("The couple");

  const couple: CoupleDetail = row;
  const facts = coupleFactsOfDetail(couple);
  // The database filtered the measures by reach; the same reach on the loaded facts names whose
  // they are (tests/integration/reach.test.ts keeps the two sides in agreement).
  const measured = measureScope ? [row.partnerAId, row.partnerBId].filter((id) => reachesPartner(staff, "measure:read", facts, id)) : [];
  const points = [...row.partnerA.measures, ...row.partnerB.measures]
    .filter((m) => measured.includes(m.clientId))
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(toMeasurePoint);

  const blocked = new Set<string>();
  if (can(staff.roles, "clearance:status")) {
    for (const cycle of row.cycles) for (const id of blockedMedicineSessionIds(snapshotOf(row, cycle.id, now), now)) blocked.add(id);
  }

  const openCycle = row.cycles.find((c) => c.status === "PLANNING" || c.status === "ACTIVE");
  let protocolPanel: CycleStatusPanel | null = null;
  if (openCycle && reachesWholeCouple(staff, "clinical:read", facts)) {
    // P12 needs both partners' PHQ-9s: they are in this read when both are reached for measures
    // (the same clinicians, today); otherwise the engine's own snapshot is read.
    const screened = measured.length === 2;
    const snapshot = screened ? snapshotOf(row, openCycle.id, now) : await loadCoupleSnapshot(db, staff.clinicId, row.id, openCycle.id);
    protocolPanel = cycleStatusPanel(snapshot, now);
  }

  await recordReads(staff, [{ action: "read", entity: "Couple", entityId: row.id, outcome: "ALLOWED" }, ...measureReadAudits(measured)]);

  return {
    couple,
    blocked,
    protocolPanel,
    measures: measured.length > 0 ? { partnerIds: measured, measures: points } : null,
    rooms: row.clinic.rooms.filter((r) => r.active).map((r) => ({ id: r.id, name: r.name, dosingEquipped: r.dosingEquipped })),
    psychiatrists: row.clinic.staff.filter((s) => s.active && s.roles.includes("PSYCHIATRIST")).map((s) => ({ id: s.id, name: s.name })),
  };
}
