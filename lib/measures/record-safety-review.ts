import "server-only";
import { recordAudit } from "../audit/record";
import { can } from "../auth/permissions";
import { partnerWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import type { SafetyDecision } from "../protocol/types";
import type { TSafetyReviewInput } from "./safety-review-input";

/** PHQ-9 item 9 (thoughts of being better off dead or of self-harm) is the ninth answer. */
const ITEM_9 = 8;

/**
 * P12: a clinician records a safety review of a partner's PHQ-9 whose item 9 is above 0: the
 * assessment and the decision (proceed, postpone or refer). Reach first: a partner out of the
 * clinician's reach is not found, and so is a PHQ-9 that is not this partner's (the same words
 * whether it exists elsewhere or not). Reviews are append-only (the database refuses a change):
 * a new decision is a new review, and the engine reads the latest. The review and its audit row
 * commit together; the audit row names the record, never the assessment.
 */
export async function recordSafetyReview(staff: Staff, input: TSafetyReviewInput, now = new Date()): Promise<{ id: string; decision: SafetyDecision; partnerName: string }> {
  if (!can(staff.roles, "safety:review")) throw new ForbiddenError();
  const partners = partnerWhere(staff, "safety:review");
  if (!partners) throw new NotFoundError("The partner");
  return db.$transaction(async (tx) => {
    const partner = await tx.client.findFirst({ where: { AND: [partners, { id: input.clientId }] }, select: { id: true, clinicId: true, firstName: true, preferredName: true } });
    if (!partner) throw new NotFoundError("The partner");
    const screen = await tx.measureResponse.findFirst({
      where: { id: input.screenId, clientId: partner.id, clinicId: partner.clinicId, instrument: "PHQ9" },
      select: { id: true, answers: true },
    });
    if (!screen) throw new InvalidInputError("Choose a PHQ-9 of this partner.", { screenId: ["This is not one of this partner's PHQ-9s."] });
    if ((screen.answers[ITEM_9] ?? 0) <= 0) {
      const why = "This PHQ-9's item 9 is 0: it needs no safety review (P12).";
      throw new InvalidInputError(why, { screenId: [why] });
    }
    const review = await tx.safetyReview.create({
      // The app's clock, as a screen's takenAt is: P12 compares the two.
      data: { clientId: partner.id, screenId: screen.id, assessment: input.assessment, decision: input.decision, reviewedById: staff.id, reviewedAt: now },
      select: { id: true, decision: true },
    });
    await recordAudit(tx, staff, { action: "create", entity: "SafetyReview", entityId: review.id, clientId: partner.id, outcome: "ALLOWED" });
    return { id: review.id, decision: review.decision, partnerName: partner.preferredName ?? partner.firstName };
  });
}
