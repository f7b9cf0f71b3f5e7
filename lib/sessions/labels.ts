// The clinic's words for session kinds and statuses, shown in the UI.

export const SESSION_KIND_LABELS = {
  INTAKE: "Individual intake",
  PREPARATION: "Joint preparation",
  MEDICAL_EVALUATION: "Medical evaluation",
  MEDICINE_TAKING_TURNS: "Medicine: Taking Turns",
  MEDICINE_LOW_DOSE: "Medicine: Low Dose Together",
  INTEGRATION: "Integration",
  COUPLES_THERAPY: "Couples therapy",
} as const;

export const SESSION_STATUS_LABELS = {
  SCHEDULED: "Scheduled",
  CHECKED_IN: "Checked in",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  NO_SHOW: "No-show",
} as const;

export const MODEL_LABELS = { TAKING_TURNS: "Taking Turns", LOW_DOSE_TOGETHER: "Low Dose Together" } as const;
export const FORMAT_LABELS = { FULL: "Full cycle", SINGLE_EXPERIENCE: "Single experience" } as const;

export type SessionKindName = keyof typeof SESSION_KIND_LABELS;
export type SessionStatusName = keyof typeof SESSION_STATUS_LABELS;
