// P7 Cycle size: the typical composition of a cycle (medical evaluations and ordinary couples
// therapy aside). The planner plans inside it; a therapist may go beyond it, and then the app
// shows a notice, never a refusal, so this rule returns notices and no violations.
import { cycleSessions, isMedicine, isStanding } from "../cycle";
import { MODEL_LABELS } from "../labels";
import type { CycleFormat, CycleSnapshot, KapModel, Notice, ProtocolSettings, Rule, SessionKind } from "../types";

export type Bounds = { min: number; max: number };
export type CyclePart = "INTAKE" | "PREPARATION" | "MEDICINE" | "INTEGRATION";
export type Composition = Record<CyclePart, Bounds> & { total: Bounds };

/**
 * Taking Turns full: 2 intakes, the minimum preparations, 2 medicine sessions, 2 integrations
 * (8 by default); single experience: 2, preparations, 1, 1 (6); Low Dose Together: 2 intakes,
 * its preparations (0 by default), and a series of medicine sessions each with its integration.
 */
export function typicalComposition(model: KapModel, format: CycleFormat, settings: ProtocolSettings): Composition {
  const preparations = settings.minPreparations[model];
  const medicine: Bounds =
    model === "LOW_DOSE_TOGETHER"
      ? { ...settings.lowDoseSeries }
      : format === "SINGLE_EXPERIENCE"
        ? { min: 1, max: 1 }
        : { min: 2, max: 2 };
  const parts = {
    INTAKE: { min: 2, max: 2 },
    PREPARATION: { min: preparations, max: preparations },
    MEDICINE: medicine,
    INTEGRATION: { ...medicine },
  };
  const sum = (pick: "min" | "max") => Object.values(parts).reduce((n, bounds) => n + bounds[pick], 0);
  return { ...parts, total: { min: sum("min"), max: sum("max") } };
}

function partOf(kind: SessionKind): CyclePart | null {
  if (kind === "INTAKE" || kind === "PREPARATION" || kind === "INTEGRATION") return kind;
  return isMedicine({ kind }) ? "MEDICINE" : null;
}

// A notice says "1 <part>" only when a part's typical maximum is 0: only preparations can be
// (minPreparations ≥ 0); a cycle typically has 2 intakes, and settings keep the medicine sessions
// (and with them the integrations) of any cycle at 1 or more (lowDoseSeries ≥ 1). So the other
// singulars are never shown.
const PART_NAMES: Record<CyclePart, [string, string]> = {
  INTAKE: [
    // Stryker disable next-line StringLiteral: never shown, a cycle typically has 2 intakes (see above)
    "intake",
    "intakes",
  ],
  PREPARATION: ["joint preparation", "joint preparations"],
  MEDICINE: [
    // Stryker disable next-line StringLiteral: never shown, settings keep the typical medicine sessions at 1 or more (see above)
    "medicine session",
    "medicine sessions",
  ],
  INTEGRATION: [
    // Stryker disable next-line StringLiteral: never shown, settings keep the typical integrations at 1 or more (see above)
    "integration",
    "integrations",
  ],
};

function cycleName(model: KapModel, format: CycleFormat): string {
  if (model === "LOW_DOSE_TOGETHER") return "a Low Dose Together series";
  return format === "SINGLE_EXPERIENCE" ? "a Taking Turns single experience" : `a full ${MODEL_LABELS[model]} cycle`;
}

/** Notices for each part of the cycle that goes beyond its typical size. */
export function cycleSizeNotices(snapshot: CycleSnapshot): Notice[] {
  const { model, format } = snapshot.cycle;
  const typical = typicalComposition(model, format, snapshot.settings);
  const counted: Record<CyclePart, number> = { INTAKE: 0, PREPARATION: 0, MEDICINE: 0, INTEGRATION: 0 };
  for (const s of cycleSessions(snapshot).filter(isStanding)) {
    const part = partOf(s.kind);
    if (part) counted[part] += 1;
  }
  const notices: Notice[] = [];
  for (const part of Object.keys(counted) as CyclePart[]) {
    const { min, max } = typical[part];
    if (counted[part] <= max) continue;
    const usual = max === 0 ? "none" : min === max ? `${max}` : `${min}–${max}`;
    const [one, many] = PART_NAMES[part];
    notices.push({
      rule: "P7",
      message: `P7: this cycle would have ${counted[part]} ${counted[part] === 1 ? one : many}; ${cycleName(model, format)} typically has ${usual}. That is allowed: check it is intended.`,
    });
  }
  return notices;
}

/** Going beyond the typical size is never refused. */
export const p7CycleSize: Rule = () => [];
