import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { InvalidInputError } from "../errors";
import { formatClinicTime } from "../format/clinic-time";
import { overLimits } from "./hold";
import type { TDischargeInput } from "./input";
import { assertOnItsDay } from "./on-its-day";
import { assertCheckedIn, dosingPartner, dosingSessionFor, partnerLabel } from "./session-access";

/**
 * Discharges a dosing partner (PROTOCOL.md "Dosing day"): no earlier than the clinic's observation
 * time after the last dose, with a reading before discharge taken after that dose and within the
 * clinic's limits (near baseline), alert and oriented, escort present. The session completes only
 * once every dosing partner is discharged (see discharge-gate.ts).
 */
export async function recordDischarge(staff: Staff, input: TDischargeInput, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const session = await dosingSessionFor(tx, staff, input.sessionId, "dosing:record");
    assertOnItsDay("a discharge is", session.startsAt, session.clinic.timeZone, now);
    assertCheckedIn(session, "A discharge is");
    const partner = dosingPartner(session, input.clientId);
    const name = partnerLabel(partner);
    const zone = session.clinic.timeZone;
    const record = await tx.dosingRecord.findUnique({
      where: { sessionId_clientId: { sessionId: session.id, clientId: partner.id } },
      include: { administrations: { orderBy: { administeredAt: "desc" }, take: 1 }, vitals: { where: { phase: "BEFORE_DISCHARGE" }, orderBy: { takenAt: "desc" }, take: 1 } },
    });
    if (!record?.rideHomeName || !record.rideHomePhone) throw new InvalidInputError(`Record ${name}’s ride home before discharge.`);
    if (record.dischargedAt) throw new InvalidInputError(`${name} has already been discharged.`);
    const lastDose = record.administrations[0];
    if (lastDose) {
      const earliest = new Date(lastDose.administeredAt.getTime() + session.clinic.dischargeMinMinutes * 60_000);
      if (now.getTime() < earliest.getTime()) {
        throw new InvalidInputError(
          `${name} can be discharged from ${formatClinicTime(earliest, zone)}: ${session.clinic.dischargeMinMinutes} minutes after the last dose at ${formatClinicTime(lastDose.administeredAt, zone)}.`,
        );
      }
    }
    const reading = record.vitals[0];
    if (!reading || (lastDose && reading.takenAt.getTime() < lastDose.administeredAt.getTime())) {
      throw new InvalidInputError(`Take ${name}’s blood pressure and heart rate before discharge (after the last dose).`);
    }
    const over = overLimits(reading, session.clinic);
    if (over) throw new InvalidInputError(`${name}’s vitals are not yet near baseline: ${over}. Take a new reading before discharge.`);
    await tx.dosingRecord.update({
      where: { id: record.id },
      data: { dischargedAt: now, dischargedById: staff.id, alertAndOriented: input.alertAndOriented, escortPresent: input.escortPresent },
    });
    await recordAudit(tx, staff, { action: "discharge", entity: "DosingRecord", entityId: record.id, clientId: partner.id, outcome: "ALLOWED" });
  });
}
