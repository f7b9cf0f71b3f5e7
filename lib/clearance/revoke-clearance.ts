import "server-only";
import { clearanceWhere, NOTHING } from "../auth/reach";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db, type Tx } from "../db";
import { asAppError } from "../db/errors";
import { InvalidInputError, NotFoundError } from "../errors";
import { assertPsychiatrist } from "./access";
import { flagsAfterRevocation } from "../protocol";
import { MEDICINE_KINDS } from "../protocol/cycle";
import { loadCoupleSnapshot } from "../scheduling/load-snapshot";
import type { TRevokeInput } from "./input";

/**
 * A psychiatrist revokes a signed clearance with a reason (P3, P11). The revocation is a row of its
 * own (append-only), so the signed clearance is never changed; from now on every future medicine
 * session of the partner that relied on it shows as blocked (see blocked-sessions.ts), and the
 * psychiatrist is told which.
 */
export async function revokeClearance(staff: Staff, input: TRevokeInput, now = new Date()): Promise<{ clientId: string; flaggedSessionIds: string[] }> {
  await assertPsychiatrist(staff, "clearance:revoke", { action: "revoke", entity: "Clearance", phrase: "revoke a clearance" });
  try {
    return await db.$transaction(async (tx) => {
      const clearance = await tx.clearance.findFirst({
        where: { AND: [clearanceWhere(staff, "clearance:revoke") ?? NOTHING, { id: input.clearanceId }] },
        include: { revocation: { select: { id: true } }, supersededBy: { select: { signedAt: true } } },
      });
      if (!clearance) throw new NotFoundError("The clearance");
      if (!clearance.signedAt) throw new InvalidInputError("A draft is not in force and cannot be revoked; it can be changed or left unsigned.");
      if (clearance.revocation) throw new InvalidInputError("This clearance has already been revoked.");
      if (clearance.supersededBy?.signedAt) throw new InvalidInputError("This clearance was amended; revoke the amendment in force instead.");
      await tx.clearanceRevocation.create({ data: { clearanceId: clearance.id, revokedById: staff.id, reason: input.reason, revokedAt: now } });
      await recordAudit(tx, staff, { action: "revoke", entity: "Clearance", entityId: clearance.id, clientId: clearance.clientId, outcome: "ALLOWED" });
      return { clientId: clearance.clientId, flaggedSessionIds: await flaggedByRevocation(tx, staff.clinicId, clearance.id, clearance.clientId, now) };
    });
  } catch (error) {
    // A revocation raced by another: the database's refusal in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}

/**
 * The partner's medicine sessions still to come that the revocation leaves without a clearance
 * (P3), over every cycle of their couple: what the psychiatrist is told it blocks.
 */
async function flaggedByRevocation(tx: Tx, clinicId: string, clearanceId: string, clientId: string, now: Date): Promise<string[]> {
  const couple = await tx.couple.findFirst({
    where: { clinicId, OR: [{ partnerAId: clientId }, { partnerBId: clientId }] },
    select: { id: true, cycles: { where: { sessions: { some: { kind: { in: [...MEDICINE_KINDS] }, status: { in: ["SCHEDULED", "CHECKED_IN"] }, endsAt: { gt: now } } } }, select: { id: true } } },
  });
  const flagged = new Set<string>();
  for (const cycle of couple?.cycles ?? []) {
    const snapshot = await loadCoupleSnapshot(tx, clinicId, couple!.id, cycle.id);
    for (const violation of flagsAfterRevocation(snapshot, clearanceId, now)) flagged.add(violation.sessionIds[0]);
  }
  return [...flagged].sort();
}
