import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db, type Tx } from "../db";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { clinicDate, formatClinicDay, formatClinicTime } from "../protocol/calendar";
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
  await assertEvaluationHappened(tx, staff.clinicId, clearance, now);
  // Conditional on still being unsigned, so two signatures cannot both land.
  const { count } = await tx.clearance.updateMany({ where: { id: clearanceId, signedAt: null }, data: { signedAt: now } });
  if (count === 0) throw new InvalidInputError("This clearance is already signed.");
  await recordAudit(tx, staff, { action: "sign", entity: "Clearance", entityId: clearanceId, clientId: clearance.clientId, outcome: "ALLOWED" });
}

/**
 * P11: a clearance is signed only once its evaluation has happened: its date is not in the
 * future and the medical evaluation session it names has started (and was not cancelled or a
 * no-show). A draft may be written ahead; the signature waits for the evaluation.
 */
async function assertEvaluationHappened(tx: Tx, clinicId: string, clearance: { evaluatedOn: Date; evaluationSessionId: string | null }, now: Date): Promise<void> {
  const { timeZone } = await tx.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timeZone: true } });
  const refuse = (why: string) => new RuleViolationError("P11", `P11: a clearance can be signed only once its evaluation has happened: ${why} Keep it as a draft until then.`);
  const evaluatedOn = clearance.evaluatedOn.toISOString().slice(0, 10);
  if (evaluatedOn > clinicDate(now, timeZone)) throw refuse(`its evaluation date is ${formatClinicDay(evaluatedOn, timeZone)}.`);
  if (!clearance.evaluationSessionId) return;
  const evaluation = await tx.session.findFirst({ where: { id: clearance.evaluationSessionId, clinicId }, select: { startsAt: true, status: true } });
  if (!evaluation) return;
  const when = `${formatClinicDay(evaluation.startsAt, timeZone)} at ${formatClinicTime(evaluation.startsAt, timeZone)}`;
  if (evaluation.status === "CANCELLED" || evaluation.status === "NO_SHOW") {
    throw refuse(`the medical evaluation on ${when} was ${evaluation.status === "CANCELLED" ? "cancelled" : "a no-show"}.`);
  }
  if (evaluation.startsAt.getTime() > now.getTime()) throw refuse(`the medical evaluation is booked for ${when} (${timeZone}).`);
}
