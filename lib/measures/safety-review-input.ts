// P12's safety review as the clinician's form sends it, validated on the server. Which PHQ-9 it
// answers (that partner's, with item 9 above 0, within reach) is record-safety-review's to check.
import { z } from "zod";
import { ASSESSMENT_MAX, SAFETY_DECISIONS } from "./safety-decisions";

export const ZSafetyReviewInput = z.object({
  clientId: z.uuid({ error: "Choose the partner." }),
  screenId: z.uuid({ error: "Choose the PHQ-9 this review answers." }),
  assessment: z
    .string({ error: "Write the assessment." })
    .trim()
    .min(1, { error: "Write the assessment." })
    .max(ASSESSMENT_MAX, { error: `Keep the assessment to ${ASSESSMENT_MAX.toLocaleString("en-US")} characters.` }),
  decision: z.enum(SAFETY_DECISIONS, { error: "Choose a decision: proceed, postpone or refer." }),
});

export type TSafetyReviewInput = z.output<typeof ZSafetyReviewInput>;
