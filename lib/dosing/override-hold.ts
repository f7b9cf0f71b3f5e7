import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { assertPsychiatrist } from "../clearance/access";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { doseHold } from "./hold";
import type { TOverrideInput } from "./input";
import { assertOnItsDay } from "./on-its-day";
import { assertCheckedIn, dosingSessionFor } from "./session-access";

/**
 * A psychiatrist lets the dose go ahead despite a reading over the clinic's limits, with a reason
 * (P11: psychiatrists only). The override is append-only and names the reading it answers; a
 * newer reading over the limits holds the dose again.
 */
export async function overrideDoseHold(staff: Staff, input: TOverrideInput, now = new Date()): Promise<void> {
  await assertPsychiatrist(staff, "dosing:override", { action: "override", entity: "DoseHoldOverride", phrase: "override a dose hold" });
  await db.$transaction(async (tx) => {
    const session = await dosingSessionFor(tx, staff, input.sessionId, "dosing:override");
    assertOnItsDay("a hold override is", session.startsAt, session.clinic.timeZone, now);
    assertCheckedIn(session, "An override is");
    const reading = await tx.vitalsReading.findFirst({
      // A reading of a partner the caller reaches (P11): another's is as missing as no reading at all.
      where: { id: input.vitalsReadingId, dosingRecord: { sessionId: session.id, clientId: { in: session.reachedPartnerIds } } },
      include: { dosingRecord: { include: { vitals: true, overrides: { select: { vitalsReadingId: true } } } } },
    });
    if (!reading) throw new NotFoundError("The reading");
    const hold = doseHold(reading.dosingRecord.vitals, reading.dosingRecord.overrides, session.clinic);
    if (hold.state !== "held" || hold.readingId !== reading.id) {
      throw new InvalidInputError("Nothing to override: this reading does not hold the dose (it is within the limits, already overridden, or not the latest before dosing).");
    }
    const override = await tx.doseHoldOverride.create({
      data: { dosingRecordId: reading.dosingRecordId, vitalsReadingId: reading.id, psychiatristId: staff.id, reason: input.reason },
    });
    await recordAudit(tx, staff, { action: "override", entity: "DoseHoldOverride", entityId: override.id, clientId: reading.dosingRecord.clientId, outcome: "ALLOWED" });
  });
}
