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

/** How long after its medicine session an integration falls (P4, the clinic's setting): "1–2 days", "1 day". */
export function integrationWindowWords({ min, max }: { min: number; max: number }): string {
  return min === max ? `${min} day${min === 1 ? "" : "s"}` : `${min}–${max} days`;
}

export const MODEL_LABELS: Record<KapModel, string> = {
  TAKING_TURNS: "Taking Turns",
  LOW_DOSE_TOGETHER: "Low Dose Together",
};
