"use client";

import { ActionForm } from "@/components/ui/action-form";
import { ChoiceGroup, TextAreaField } from "@/components/ui/field";
import { ASSESSMENT_MAX, SAFETY_DECISION_LABELS, SAFETY_DECISIONS } from "@/lib/measures/safety-decisions";
import { safetyReviewAction } from "../actions";

/** P12: the clinician's safety review of the partner's PHQ-9 whose item 9 is above 0. */
export function SafetyReviewForm({ clientId, screenId, partnerName }: { clientId: string; screenId: string; partnerName: string }) {
  return (
    <ActionForm action={safetyReviewAction} label={`Safety review for ${partnerName}`} submit="Record safety review" pendingText="Recording…" hidden={{ clientId, screenId }}>
      {(errors) => (
        <div className="space-y-3">
          <TextAreaField
            label="Assessment"
            name="assessment"
            maxLength={ASSESSMENT_MAX}
            hint="Your assessment of the answer to item 9 and of the risk today."
            error={errors?.assessment}
          />
          <ChoiceGroup legend="Decision" name="decision" type="radio" options={SAFETY_DECISIONS.map((d) => ({ value: d, label: SAFETY_DECISION_LABELS[d] }))} error={errors?.decision} />
          {errors?.screenId && <p className="text-sm text-red-700">{errors.screenId.join(" ")}</p>}
        </div>
      )}
    </ActionForm>
  );
}
