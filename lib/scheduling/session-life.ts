import "server-only";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { NotFoundError, RuleViolationError } from "../errors";
import { undischargedPartners } from "../dosing/discharge-gate";
import { consequencesOf } from "../protocol";
import { underProtocol } from "./under-protocol";

async function sessionOf(staff: Staff, sessionId: string) {
  const session = await db.session.findFirst({ where: { id: sessionId, clinicId: staff.clinicId }, select: { id: true, coupleId: true, cycleId: true, kind: true } });
  if (!session) throw new NotFoundError("The session");
  return session;
}

/**
 * Cancels a session with a reason (a status, never a delete). Cancelling a medicine session
 * cancels its integration with it (P4); an integration cannot be cancelled while its medicine
 * session stands.
 */
export async function cancelSession(staff: Staff, sessionId: string, reason: string) {
  const session = await sessionOf(staff, sessionId);
  const { result } = await underProtocol({
    staff,
    coupleId: session.coupleId,
    cycleId: session.cycleId,
    change: () => ({ type: "cancel", sessionId }),
    attempts: () => [],
    write: async (tx, snapshot, change) => {
      const ids = [sessionId, ...consequencesOf(snapshot, change).cancelIntegrationIds];
      const at = new Date();
      for (const id of ids) {
        await tx.session.update({ where: { id }, data: { status: "CANCELLED", cancelledAt: at, cancelledById: staff.id, cancelReason: reason } });
        await recordAudit(tx, staff, { action: "cancel", entity: "Session", entityId: id, outcome: "ALLOWED" });
      }
      return ids;
    },
  });
  return { cancelledIds: result };
}

/** Check-in (P10): for a medicine session the engine requires completed prerequisites, a valid clearance and a ride home for each dosing partner. */
export async function checkInSession(staff: Staff, sessionId: string) {
  const session = await sessionOf(staff, sessionId);
  await underProtocol({
    staff,
    coupleId: session.coupleId,
    cycleId: session.cycleId,
    change: () => ({ type: "checkIn", sessionId }),
    attempts: () => [],
    write: async (tx) => {
      await tx.session.update({ where: { id: sessionId }, data: { status: "CHECKED_IN", checkedInAt: new Date(), checkedInById: staff.id } });
      await recordAudit(tx, staff, { action: "check-in", entity: "Session", entityId: sessionId, outcome: "ALLOWED" });
    },
  });
}

/** Completes a checked-in session; a medicine session only once every dosing partner is discharged. */
export async function completeSession(staff: Staff, sessionId: string) {
  const session = await sessionOf(staff, sessionId);
  await underProtocol({
    staff,
    coupleId: session.coupleId,
    cycleId: session.cycleId,
    change: () => ({ type: "complete", sessionId }),
    attempts: () => [],
    write: async (tx, snapshot) => {
      const undischarged = await undischargedPartners(tx, sessionId);
      const waiting = snapshot.couple.partners.filter((p) => undischarged.includes(p.id));
      if (waiting.length > 0) {
        throw new RuleViolationError("P10", `the medicine session cannot be completed before ${waiting.map((p) => p.name).join(" and ")} ${waiting.length > 1 ? "are" : "is"} discharged.`, [sessionId]);
      }
      await tx.session.update({ where: { id: sessionId }, data: { status: "COMPLETED", completedAt: new Date(), completedById: staff.id } });
      await recordAudit(tx, staff, { action: "complete", entity: "Session", entityId: sessionId, outcome: "ALLOWED" });
    },
  });
}

/** Records a no-show; a medicine session's integration is cancelled with it (nothing to integrate). */
export async function markNoShow(staff: Staff, sessionId: string) {
  const session = await sessionOf(staff, sessionId);
  await underProtocol({
    staff,
    coupleId: session.coupleId,
    cycleId: session.cycleId,
    change: () => ({ type: "noShow", sessionId }),
    attempts: () => [],
    write: async (tx, snapshot, change) => {
      const at = new Date();
      await tx.session.update({ where: { id: sessionId }, data: { status: "NO_SHOW", noShowAt: at, noShowById: staff.id } });
      for (const id of consequencesOf(snapshot, change).cancelIntegrationIds) {
        await tx.session.update({ where: { id }, data: { status: "CANCELLED", cancelledAt: at, cancelledById: staff.id, cancelReason: "The medicine session was a no-show." } });
      }
      await recordAudit(tx, staff, { action: "no-show", entity: "Session", entityId: sessionId, outcome: "ALLOWED" });
    },
  });
}
