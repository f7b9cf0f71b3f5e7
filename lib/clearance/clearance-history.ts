import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { addClinicDays, clinicDate } from "../protocol/calendar";
import { settingsFromClinic } from "../protocol/settings";
import { assertMay, partnerInReach } from "./access";
import { CLEARANCE_FACTS } from "./facts";
import { clearanceInForceForAnyModel, toSnapshotClearance } from "./in-force";

export type ClearanceState = "in force" | "draft" | "revoked" | "superseded" | "expired" | "not cleared" | "deferred" | "signed";

/**
 * A partner's clearances, newest first, each with its state and the one in force today marked
 * (P3). For therapists and psychiatrists of the partner's couple; the read is audited.
 */
export async function clearanceHistory(staff: Staff, clientId: string, now = new Date()) {
  assertMay(staff, "clearance:read");
  return db.$transaction(async (tx) => {
    const partner = await partnerInReach(tx, staff, "clearance:read", clientId);
    const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: staff.clinicId } });
    const settings = settingsFromClinic(clinic);
    const today = clinicDate(now, clinic.timeZone);
    const [clearances, evaluations] = await Promise.all([
      tx.clearance.findMany({ where: { clientId }, include: CLEARANCE_FACTS, orderBy: [{ evaluatedOn: "desc" }, { createdAt: "desc" }] }),
      tx.session.findMany({
        where: { clinicId: staff.clinicId, kind: "MEDICAL_EVALUATION", attendees: { some: { clientId } }, status: { notIn: ["CANCELLED", "NO_SHOW"] } },
        select: { id: true, startsAt: true, clinicians: { select: { userId: true } } },
        orderBy: { startsAt: "desc" },
      }),
    ]);
    const inForceId = clearanceInForceForAnyModel(clearances, clientId, today, settings);
    await recordAudit(tx, staff, { action: "read", entity: "Clearance", entityId: null, clientId, outcome: "ALLOWED" });
    return {
      partner,
      timeZone: clinic.timeZone,
      today,
      inForceId,
      evaluations,
      clearances: clearances.map((c) => {
        const snap = toSnapshotClearance(c);
        const lastDay = [snap.validUntil, addClinicDays(snap.evaluatedOn, settings.clearanceValidityDays, clinic.timeZone)].sort()[0];
        const state: ClearanceState =
          c.id === inForceId
            ? "in force"
            : !snap.signed
              ? "draft"
              : snap.revoked
                ? "revoked"
                : snap.supersededById
                  ? "superseded"
                  : c.decision === "NOT_CLEARED"
                    ? "not cleared"
                    : c.decision === "DEFERRED"
                      ? "deferred"
                      : lastDay < today
                        ? "expired"
                        : "signed";
        return { ...c, maxDoseMg: c.maxDoseMg === null ? null : Number(c.maxDoseMg), state, lastDay };
      }),
    };
  });
}
