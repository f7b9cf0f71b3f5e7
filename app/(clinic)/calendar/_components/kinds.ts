// Each session kind's colour on the board and in its legend. Colour is never the only cue: every
// block also says its kind in words. Literal class strings, so Tailwind finds them.
export const KIND_STYLES: Record<string, string> = {
  INTAKE: "border-l-teal-600 bg-teal-50",
  PREPARATION: "border-l-sky-600 bg-sky-50",
  MEDICAL_EVALUATION: "border-l-amber-600 bg-amber-50",
  MEDICINE_TAKING_TURNS: "border-l-violet-600 bg-violet-100",
  MEDICINE_LOW_DOSE: "border-l-fuchsia-600 bg-fuchsia-100",
  INTEGRATION: "border-l-emerald-600 bg-emerald-50",
  COUPLES_THERAPY: "border-l-stone-500 bg-white",
};

/** The legend's order: the protocol's order of a cycle, then ordinary couples therapy. */
export const KIND_ORDER = ["INTAKE", "PREPARATION", "MEDICAL_EVALUATION", "MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE", "INTEGRATION", "COUPLES_THERAPY"] as const;
