// The clinic's words for session kinds and models, in the engine's messages and on every page.
// A file of its own so client components can import it without the engine's zod schemas.
import type { KapModel, SessionKind } from "./types";

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  INTAKE: "Individual intake",
  PREPARATION: "Joint preparation",
  MEDICAL_EVALUATION: "Medical evaluation",
  MEDICINE_TAKING_TURNS: "Medicine: Taking Turns",
  MEDICINE_LOW_DOSE: "Medicine: Low Dose Together",
  INTEGRATION: "Integration",
  COUPLES_THERAPY: "Couples therapy",
};

export const MODEL_LABELS: Record<KapModel, string> = {
  TAKING_TURNS: "Taking Turns",
  LOW_DOSE_TOGETHER: "Low Dose Together",
};
