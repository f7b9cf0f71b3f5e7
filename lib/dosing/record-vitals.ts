import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { doseHold, type HoldState } from "./hold";
import type { TVitalsInput } from "./input";
import { assertOnItsDay } from "./on-its-day";
import { assertCheckedIn, dosingPartner, dosingSessionFor, instantOf } from "./session-access";

/** Blood pressure and heart rate before dosing, during, or before discharge; returns the hold state. */
export async function recordVitals(staff: Staff, input: TVitalsInput, now = new Date()): Promise<{ readingId: string; hold: HoldState }> {
  return db.$transaction(async (tx) => {
    const session = await dosingSessionFor(tx, staff, input.sessionId, "dosing:record");
    assertOnItsDay("vitals are", session.startsAt, session.clinic.timeZone, now);
    assertCheckedIn(session, "Vitals are");
    const partner = dosingPartner(session, input.clientId);
    const takenAt = instantOf(input.time, session, now);
    const record = await tx.dosingRecord.upsert({
      where: { sessionId_clientId: { sessionId: session.id, clientId: partner.id } },
      create: { sessionId: session.id, clientId: partner.id },
      update: {},
      select: { id: true },
    });
    const reading = await tx.vitalsReading.create({
      data: { dosingRecordId: record.id, phase: input.phase, takenAt, systolic: input.systolic, diastolic: input.diastolic, heartRate: input.heartRate, recordedById: staff.id },
    });
    await recordAudit(tx, staff, { action: "create", entity: "VitalsReading", entityId: reading.id, clientId: partner.id, outcome: "ALLOWED" });
    const [readings, overrides] = await Promise.all([
      tx.vitalsReading.findMany({ where: { dosingRecordId: record.id } }),
      tx.doseHoldOverride.findMany({ where: { dosingRecordId: record.id }, select: { vitalsReadingId: true } }),
    ]);
    return { readingId: reading.id, hold: doseHold(readings, overrides, session.clinic) };
  });
}
