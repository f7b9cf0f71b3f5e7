import "server-only";
import { can } from "../auth/permissions";
import { coupleWhere, reachesWholeCouple } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { coupleFactsOf, cycleStatusPanel, type CycleStatusPanel } from "../protocol";
import { loadCoupleSnapshot } from "../scheduling/load-snapshot";

/**
 * The protocol status panel of one of the couple's cycles (issue 3): clinical content, so for
 * therapists of the couple and psychiatrists who evaluate both partners, never the front desk. Computed by the
 * engine from the same snapshot it judges bookings with, so the panel and the rules agree.
 */
export async function protocolStatusForCycle(staff: Staff, coupleId: string, cycleId: string, now = new Date()): Promise<CycleStatusPanel> {
  if (!can(staff.roles, "clinical:read")) throw new ForbiddenError();
  const scope = coupleWhere(staff, "clinical:read");
  if (!scope) throw new NotFoundError("The couple");
  const couple = await db.couple.findFirst({ where: { AND: [scope, { id: coupleId }] }, select: { id: true } });
  if (!couple) throw new NotFoundError("The couple");
  // A read: the client (not a transaction) is enough, the engine needs no lock to describe.
  const snapshot = await loadCoupleSnapshot(db, staff.clinicId, couple.id, cycleId);
  if (!reachesWholeCouple(staff, "clinical:read", coupleFactsOf(snapshot))) throw new NotFoundError("The couple");
  return cycleStatusPanel(snapshot, now);
}
