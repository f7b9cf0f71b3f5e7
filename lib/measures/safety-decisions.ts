// P12's safety-review decisions in the clinic's words. Free of zod, so client forms use it too.
import type { SafetyDecision } from "../protocol/types";

export const SAFETY_DECISIONS = ["PROCEED", "POSTPONE", "REFER"] as const satisfies readonly SafetyDecision[];

export const SAFETY_DECISION_LABELS: Record<SafetyDecision, string> = {
  PROCEED: "Proceed: dosing may go ahead",
  POSTPONE: "Postpone dosing",
  REFER: "Refer on: no dosing",
};

export const ASSESSMENT_MAX = 4000;
