import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { InvalidInputError } from "../errors";
import type { TRideHomeInput } from "./input";
import { dosingPartner, dosingSessionFor } from "./session-access";

/**
 * Records who drives a dosing partner home (P10: required before check-in; no driving until the
 * next day, and in Low Dose Together neither partner drives). Allowed until the session is over.
 */
export async function recordRideHome(staff: Staff, input: TRideHomeInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const session = await dosingSessionFor(tx, staff, input.sessionId, "dosing:ride-home");
    if (session.status !== "SCHEDULED" && session.status !== "CHECKED_IN") {
      throw new InvalidInputError("This session is over; its ride home can no longer be changed.");
    }
    const partner = dosingPartner(session, input.clientId);
    const otherPartner = [session.couple.partnerA, session.couple.partnerB].find((p) => p.id !== partner.id)!;
    if (session.kind === "MEDICINE_LOW_DOSE" && sameName(input.rideHomeName, otherPartner)) {
      const message = "In Low Dose Together both partners dose, so neither may drive the other home.";
      throw new InvalidInputError(message, { rideHomeName: [message] });
    }
    const record = await tx.dosingRecord.upsert({
      where: { sessionId_clientId: { sessionId: session.id, clientId: partner.id } },
      create: { sessionId: session.id, clientId: partner.id, rideHomeName: input.rideHomeName, rideHomePhone: input.rideHomePhone },
      update: { rideHomeName: input.rideHomeName, rideHomePhone: input.rideHomePhone },
      select: { id: true },
    });
    await recordAudit(tx, staff, { action: "ride-home", entity: "DosingRecord", entityId: record.id, clientId: partner.id, outcome: "ALLOWED" });
  });
}

function sameName(name: string, p: { firstName: string; lastName: string; preferredName: string | null }) {
  const n = name.trim().toLowerCase();
  return [p.firstName, p.preferredName, `${p.firstName} ${p.lastName}`, p.preferredName ? `${p.preferredName} ${p.lastName}` : null]
    .filter((x): x is string => !!x)
    .some((x) => x.toLowerCase() === n);
}
