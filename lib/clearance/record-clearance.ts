import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db, type Tx } from "../db";
import { asAppError } from "../db/errors";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { addClinicDays, clinicDate } from "../protocol/calendar";
import { assertPsychiatrist, partnerInReach } from "./access";
import type { TClearanceInput } from "./input";
import { signClearanceIn } from "./sign-clearance";

export type RecordOptions = {
  /** Sign in the same transaction (the form's "Record and sign"). */
  sign?: boolean;
  /** Rewrite this unsigned draft instead of adding a clearance. */
  draftId?: string;
  now?: Date;
};

const asDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * A psychiatrist records a partner's clearance (P3, P11): a new draft, an amendment of a signed
 * clearance (a new row that supersedes it: signed clearances are never edited, P11), or a rewrite
 * of their own draft. Valid-until defaults to the clinic's validity period and may not exceed it.
 */
export async function recordClearance(staff: Staff, input: TClearanceInput, options: RecordOptions = {}): Promise<{ id: string; signed: boolean }> {
  await assertPsychiatrist(staff, "clearance:record", { action: "record", entity: "Clearance", phrase: "record or amend a clearance", clientId: input.clientId });
  const now = options.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      await partnerInReach(tx, staff, "clearance:record", input.clientId);
      const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: staff.clinicId } });
      const today = clinicDate(now, clinic.timeZone);
      if (input.evaluatedOn > today) {
        throw new InvalidInputError("The evaluation date cannot be in the future.", { evaluatedOn: ["The evaluation date cannot be in the future."] });
      }
      const lastDay = addClinicDays(input.evaluatedOn, clinic.clearanceValidityDays, clinic.timeZone);
      const validUntil = input.validUntil ?? lastDay;
      if (validUntil > lastDay) {
        const message = `A clearance is valid for at most ${clinic.clearanceValidityDays} days: until ${lastDay} at the latest.`;
        throw new InvalidInputError(message, { validUntil: [message] });
      }
      if (input.evaluationSessionId) await assertEvaluationOf(tx, staff.clinicId, input.evaluationSessionId, input.clientId);
      if (input.supersedesId) await assertAmendable(tx, input.supersedesId, input.clientId);

      const data = {
        clientId: input.clientId,
        psychiatristId: staff.id,
        evaluationSessionId: input.evaluationSessionId ?? null,
        evaluatedOn: asDate(input.evaluatedOn),
        screening: input.screening,
        systolic: input.systolic,
        diastolic: input.diastolic,
        heartRate: input.heartRate,
        decision: input.decision,
        conditions: input.conditions,
        models: input.models,
        maxDoseMg: input.maxDoseMg ?? null,
        route: input.route ?? null,
        validUntil: asDate(validUntil),
        supersedesId: input.supersedesId ?? null,
      };
      let id: string;
      if (options.draftId) {
        const draft = await tx.clearance.findFirst({ where: { id: options.draftId, clientId: input.clientId, client: { clinicId: staff.clinicId } } });
        if (!draft) throw new NotFoundError("The draft clearance");
        if (draft.signedAt) throw new RuleViolationError("P11", "P11: this clearance is signed and cannot be changed; record an amendment instead.");
        if (draft.psychiatristId !== staff.id) throw new RuleViolationError("P11", "P11: only the psychiatrist who recorded a draft may change it.");
        await tx.clearance.update({ where: { id: draft.id }, data });
        id = draft.id;
      } else {
        id = (await tx.clearance.create({ data, select: { id: true } })).id;
      }
      await recordAudit(tx, staff, {
        action: options.draftId ? "update" : input.supersedesId ? "amend" : "create",
        entity: "Clearance",
        entityId: id,
        clientId: input.clientId,
        outcome: "ALLOWED",
      });
      if (options.sign) await signClearanceIn(tx, staff, id, now);
      return { id, signed: options.sign === true };
    });
  } catch (error) {
    // An amendment raced by another, or a signed clearance changed: the database's refusal in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}

async function assertEvaluationOf(tx: Tx, clinicId: string, sessionId: string, clientId: string) {
  const evaluation = await tx.session.findFirst({
    where: { id: sessionId, clinicId, kind: "MEDICAL_EVALUATION", attendees: { some: { clientId } } },
    select: { status: true },
  });
  if (!evaluation) throw new InvalidInputError("That medical evaluation is not this partner’s.", { evaluationSessionId: ["That medical evaluation is not this partner’s."] });
  if (evaluation.status === "CANCELLED" || evaluation.status === "NO_SHOW") {
    throw new InvalidInputError("That medical evaluation did not take place (cancelled or a no-show).");
  }
}

async function assertAmendable(tx: Tx, clearanceId: string, clientId: string) {
  const old = await tx.clearance.findFirst({ where: { id: clearanceId, clientId }, include: { supersededBy: { select: { id: true } } } });
  if (!old) throw new NotFoundError("The clearance to amend");
  if (!old.signedAt) throw new InvalidInputError("Only a signed clearance is amended; change the draft itself instead.");
  if (old.supersededBy) throw new InvalidInputError("That clearance has already been amended; open the amendment instead.");
}
