import "server-only";
import type { Staff } from "../auth/session";
import { can } from "../auth/permissions";
import { db, type Tx } from "../db";
import { ForbiddenError } from "../errors";
import { checkCycle, isMedicine, MEDICINE_KINDS, type CycleSnapshot } from "../protocol";
import { loadCoupleSnapshot } from "../scheduling/load-snapshot";

/**
 * P3 as the calendar and the couple page show it: the medicine sessions still to come that a
 * dosing partner has no clearance for (none recorded, expired, not cleared, or revoked: "Revoking
 * a clearance flags every future medicine session of that partner"). Only ids: the front desk
 * sees that a session is blocked, never why. Pure; the engine's own P3 decides.
 */
export function blockedMedicineSessionIds(snapshot: CycleSnapshot, now: Date): string[] {
  const upcoming = new Set(
    snapshot.sessions
      .filter((s) => isMedicine(s) && (s.status === "SCHEDULED" || s.status === "CHECKED_IN") && s.endsAt.getTime() > now.getTime())
      .filter((s) => s.cycleId === undefined || s.cycleId === snapshot.cycle.id)
      .map((s) => s.id),
  );
  const blocked = checkCycle(snapshot)
    .filter((v) => v.rule === "P3")
    .flatMap((v) => v.sessionIds)
    .filter((id) => upcoming.has(id));
  return [...new Set(blocked)].sort();
}

/** The couple's blocked medicine sessions, over all its cycles (status only: `clearance:status`). */
export async function blockedSessionsOfCouple(tx: Tx, staff: Pick<Staff, "roles" | "clinicId">, coupleId: string, now = new Date()): Promise<Set<string>> {
  if (!can(staff.roles, "clearance:status")) throw new ForbiddenError();
  const cycles = await tx.kapCycle.findMany({
    where: { coupleId, couple: { clinicId: staff.clinicId }, sessions: { some: { kind: { in: [...MEDICINE_KINDS] }, endsAt: { gt: now }, status: { in: ["SCHEDULED", "CHECKED_IN"] } } } },
    select: { id: true },
  });
  const blocked = new Set<string>();
  for (const cycle of cycles) {
    const snapshot = await loadCoupleSnapshot(tx, staff.clinicId, coupleId, cycle.id);
    for (const id of blockedMedicineSessionIds(snapshot, now)) blocked.add(id);
  }
  return blocked;
}

/** For pages: the couple's blocked medicine sessions, read in one transaction. */
export async function blockedSessionsForCouple(staff: Pick<Staff, "roles" | "clinicId">, coupleId: string, now = new Date()): Promise<Set<string>> {
  return db.$transaction((tx) => blockedSessionsOfCouple(tx, staff, coupleId, now));
}
