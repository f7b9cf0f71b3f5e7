// The clinic's words for session kinds, statuses, models and formats, shown in the UI. Kinds and
// models are the engine's own (its messages use the same words).
import { MODEL_LABELS, SESSION_KIND_LABELS } from "../protocol/labels";

export { MODEL_LABELS, SESSION_KIND_LABELS };

export const SESSION_STATUS_LABELS = {
  SCHEDULED: "Scheduled",
  CHECKED_IN: "Checked in",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  NO_SHOW: "No-show",
} as const;

export const FORMAT_LABELS = { FULL: "Full cycle", SINGLE_EXPERIENCE: "Single experience" } as const;

export type SessionKindName = keyof typeof SESSION_KIND_LABELS;
export type SessionStatusName = keyof typeof SESSION_STATUS_LABELS;
