import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db, type Tx } from "../db";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { assertPsychiatrist } from "./access";

/**
 * The recording psychiatrist signs a draft (P11). From then on the database refuses any UPDATE or
 * DELETE of the row (Clearance_signed_is_immutable): a change is an amendment.
 */
export async function signClearance(staff: Staff, clearanceId: string, now = new Date()): Promise<void> {
  await assertPsychiatrist(staff, "clearance:record", { action: "sign", entity: "Clearance", phrase: "sign a clearance" });
  await db.$transaction((tx) => signClearanceIn(tx, staff, clearanceId, now));
}

export async function signClearanceIn(tx: Tx, staff: Staff, clearanceId: string, now: Date): Promise<void> {
  await assertPsychiatrist(staff, "clearance:record", { action: "sign", entity: "Clearance", phrase: "sign a clearance" });
  const clearance = await tx.clearance.findFirst({ where: { id: clearanceId, client: { clinicId: staff.clinicId } } });
  if (!clearance) throw new NotFoundError("The clearance");
  if (clearance.psychiatristId !== staff.id) throw new RuleViolationError("P11", "P11: only the psychiatrist who recorded this clearance may sign it.");
  // Conditional on still being unsigned, so two signatures cannot both land.
  const { count } = await tx.clearance.updateMany({ where: { id: clearanceId, signedAt: null }, data: { signedAt: now } });
  if (count === 0) throw new InvalidInputError("This clearance is already signed.");
  await recordAudit(tx, staff, { action: "sign", entity: "Clearance", entityId: clearanceId, clientId: clearance.clientId, outcome: "ALLOWED" });
}
