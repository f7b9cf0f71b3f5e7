import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError } from "../errors";
import { clinicDate } from "../protocol/calendar";
import { assertPsychiatrist, partnerDisplayName, partnerInReach } from "./access";
import { getClearanceForStaff } from "./get-clearance";

const dateKey = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What the clearance form starts from: the partner, the evaluation it answers (its date the default
 * evaluation date, today at the latest), and the values of the clearance being amended or the
 * draft being finished (read through getClearanceForStaff, so the read is audited).
 */
export async function clearanceFormContext(staff: Staff, q: { clientId: string; evaluationId?: string; amendsId?: string; draftId?: string }, now = new Date()) {
  await assertPsychiatrist(staff, "clearance:record", { action: "record", entity: "Clearance", phrase: "record or amend a clearance", clientId: q.clientId });
  const partner = await partnerInReach(db, staff, "clearance:record", q.clientId);
  const clinic = await db.clinic.findUniqueOrThrow({ where: { id: staff.clinicId } });
  const today = clinicDate(now, clinic.timeZone);
  const evaluation = q.evaluationId
    ? await db.session.findFirst({ where: { id: q.evaluationId, clinicId: staff.clinicId, kind: "MEDICAL_EVALUATION", attendees: { some: { clientId: partner.id } } }, select: { id: true, startsAt: true } })
    : null;
  const base = q.draftId ?? q.amendsId;
  const from = base ? await getClearanceForStaff(staff, base, now) : null;
  if (from && from.clientId !== partner.id) throw new InvalidInputError("That clearance is another partner’s.");
  if (q.draftId && from?.signedAt) throw new InvalidInputError("That clearance is signed; record an amendment instead.");
  const evaluatedOn = evaluation ? [clinicDate(evaluation.startsAt, clinic.timeZone), today].sort()[0] : from ? dateKey(from.evaluatedOn) : today;
  return {
    partner: { id: partner.id, name: partnerDisplayName(partner) },
    validityDays: clinic.clearanceValidityDays,
    evaluationSessionId: evaluation?.id ?? from?.evaluationSessionId ?? undefined,
    supersedesId: q.amendsId ?? from?.supersedesId ?? undefined,
    draftId: q.draftId,
    amends: q.amendsId ? from : null,
    defaults: {
      evaluatedOn: q.amendsId ? today : evaluatedOn,
      screening: from ? Object.entries(from.screening).filter(([, v]) => v).map(([k]) => k) : [],
      systolic: from?.systolic,
      diastolic: from?.diastolic,
      heartRate: from?.heartRate,
      decision: from?.decision,
      conditions: from?.conditions,
      models: from?.models,
      maxDoseMg: from?.maxDoseMg,
      route: from?.route,
      validUntil: q.draftId && from ? dateKey(from.validUntil) : undefined,
    },
  };
}
