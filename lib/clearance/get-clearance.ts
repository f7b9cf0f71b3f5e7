import "server-only";
import { clearanceWhere, NOTHING } from "../auth/reach";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { clinicDate } from "../protocol/calendar";
import { settingsFromClinic } from "../protocol/settings";
import { assertMay } from "./access";
import { CLEARANCE_FACTS } from "./facts";
import { clearanceInForceForAnyModel } from "./in-force";
import { readScreening } from "./screening";

/**
 * One clearance with its checklist, for a therapist or psychiatrist of the partner's couple.
 * Reading it is audited in the same transaction (P11).
 */
export async function getClearanceForStaff(staff: Staff, clearanceId: string, now = new Date()) {
  assertMay(staff, "clearance:read");
  return db.$transaction(async (tx) => {
    const clearance = await tx.clearance.findFirst({
      where: { AND: [clearanceWhere(staff, "clearance:read") ?? NOTHING, { id: clearanceId }] },
      include: {
        ...CLEARANCE_FACTS,
        client: { select: { id: true, firstName: true, lastName: true, preferredName: true } },
        supersedes: { select: { id: true, evaluatedOn: true } },
      },
    });
    if (!clearance) throw new NotFoundError("The clearance");
    const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: staff.clinicId } });
    const siblings = await tx.clearance.findMany({ where: { clientId: clearance.clientId }, include: CLEARANCE_FACTS });
    const inForceId = clearanceInForceForAnyModel(siblings, clearance.clientId, clinicDate(now, clinic.timeZone), settingsFromClinic(clinic));
    await recordAudit(tx, staff, { action: "read", entity: "Clearance", entityId: clearance.id, clientId: clearance.clientId, outcome: "ALLOWED" });
    return {
      ...clearance,
      screening: readScreening(clearance.screening),
      maxDoseMg: clearance.maxDoseMg === null ? null : Number(clearance.maxDoseMg),
      inForce: inForceId === clearance.id,
      timeZone: clinic.timeZone,
    };
  });
}

export type ClearanceDetail = Awaited<ReturnType<typeof getClearanceForStaff>>;
