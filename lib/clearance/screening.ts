// The screening checklist a psychiatrist goes through at a medical evaluation (PROTOCOL.md, "What
// a clearance holds"). Stored on the clearance as item → present (true) / absent (false). Clinical
// content: never shown to the front desk, never written to the audit log.

export const SCREENING_GROUPS = [
  {
    id: "psychiatric",
    label: "Psychiatric",
    items: [
      { key: "psychosisOrManiaHistory", label: "History of psychosis or mania" },
      { key: "familyPsychosis", label: "Psychosis in a first-degree relative" },
      { key: "substanceUseDisorder", label: "Active substance use disorder" },
      { key: "acuteSuicidality", label: "Acute suicidality" },
    ],
  },
  {
    id: "medical",
    label: "Medical",
    items: [
      { key: "uncontrolledHypertension", label: "Uncontrolled hypertension" },
      { key: "heartDisease", label: "Heart disease or arrhythmia" },
      { key: "raisedIntracranialPressure", label: "Raised intracranial pressure" },
      { key: "glaucoma", label: "Glaucoma" },
      { key: "epilepsy", label: "Epilepsy" },
      { key: "liverDisease", label: "Liver disease" },
      { key: "hyperthyroidism", label: "Hyperthyroidism" },
      { key: "cystitis", label: "Cystitis" },
      { key: "ketamineAllergy", label: "Ketamine allergy" },
    ],
  },
  {
    id: "pregnancy",
    label: "Pregnancy",
    items: [{ key: "pregnancyOrBreastfeeding", label: "Pregnant or breastfeeding" }],
  },
  {
    id: "medicines",
    label: "Interacting medicines",
    items: [
      { key: "opioids", label: "Opioids" },
      { key: "benzodiazepines", label: "Benzodiazepines" },
      { key: "gabapentinoids", label: "Gabapentinoids" },
      { key: "maois", label: "MAOIs" },
      { key: "lamotrigine", label: "Lamotrigine" },
    ],
  },
] as const;

export type ScreeningKey = (typeof SCREENING_GROUPS)[number]["items"][number]["key"];
export type Screening = Record<ScreeningKey, boolean>;

export const SCREENING_KEYS: readonly ScreeningKey[] = SCREENING_GROUPS.flatMap((g) => g.items.map((i) => i.key));

/** Every item, present when its key is listed. */
export function screeningFrom(present: readonly string[]): Screening {
  return Object.fromEntries(SCREENING_KEYS.map((key) => [key, present.includes(key)])) as Screening;
}

/** A stored checklist read back; unknown or missing items count as absent. */
export function readScreening(stored: unknown): Screening {
  const record = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  return screeningFrom(SCREENING_KEYS.filter((key) => record[key] === true));
}

export const DECISION_LABELS = {
  CLEARED: "Cleared",
  CLEARED_WITH_CONDITIONS: "Cleared with conditions",
  NOT_CLEARED: "Not cleared",
  DEFERRED: "Deferred",
} as const;

export const ROUTE_LABELS = { SUBLINGUAL_LOZENGE: "Sublingual lozenge", INTRAMUSCULAR: "Intramuscular" } as const;
