import type { Stage } from "./demo-people";

export type Step = {
  kind: "INTAKE" | "PREPARATION" | "MEDICAL_EVALUATION" | "MEDICINE_TAKING_TURNS" | "MEDICINE_LOW_DOSE" | "INTEGRATION" | "COUPLES_THERAPY";
  /** Days from today, or from the step named by `after` (an integration after its medicine session). */
  day: number;
  after?: number;
  partner?: "a" | "b";
  journeyer?: "a" | "b";
  telehealth?: boolean;
  /**
   * The demo's dosing day: today when the clinic is open today (checked in, rides home recorded,
   * nothing dosed yet), else the next open day (scheduled, rides home recorded ahead, nothing
   * else: P11 keeps the day's other records for the day itself).
   */
  dosingDay?: boolean;
};

type Timeline = {
  cycle?: { model: "TAKING_TURNS" | "LOW_DOSE_TOGETHER"; format: "FULL" | "SINGLE_EXPERIENCE"; status: "PLANNING" | "ACTIVE" | "COMPLETED"; plannedSessionCount: number };
  /** Whether past medical evaluations produce signed clearances. */
  clears: boolean;
  steps: Step[];
};

const intakes = (a: number, b: number): Step[] => [
  { kind: "INTAKE", day: a, partner: "a" },
  { kind: "INTAKE", day: b, partner: "b" },
];
const preparations = (...days: number[]): Step[] => days.map((day) => ({ kind: "PREPARATION", day }));
const evaluations = (a: number, b: number): Step[] => [
  { kind: "MEDICAL_EVALUATION", day: a, partner: "a" },
  { kind: "MEDICAL_EVALUATION", day: b, partner: "b", telehealth: true },
];

/** Medicine sessions each followed by its integration the next clinic day (P4). */
function medicine(kind: Step["kind"], first: number, days: number[], journeyers?: ("a" | "b")[]): Step[] {
  return days.flatMap((day, i): Step[] => [
    { kind, day, journeyer: journeyers?.[i] },
    { kind: "INTEGRATION", day: 1, after: first + i * 2 },
  ]);
}

/** Each stage's sessions, relative to today. `variant` staggers couples who share a stage. */
export function stageTimeline(stage: Stage, variant: number): Timeline {
  const shift = variant % 3;
  switch (stage) {
    case "new":
      return { clears: false, steps: [{ kind: "COUPLES_THERAPY", day: -7 + shift }, { kind: "COUPLES_THERAPY", day: 1 + shift }] };
    case "intake":
      return {
        cycle: { model: "TAKING_TURNS", format: "FULL", status: "ACTIVE", plannedSessionCount: 8 },
        clears: false,
        steps: [...intakes(-2 - shift, 2 + shift)],
      };
    case "preparation":
      return {
        cycle: { model: "TAKING_TURNS", format: "FULL", status: "ACTIVE", plannedSessionCount: 8 },
        clears: false,
        // The first partner was evaluated two days ago and the clearance is still to write (a
        // psychiatrist signs one only after its evaluation, P11); the second is evaluated in days.
        steps: [...intakes(-16, -15 + shift), ...preparations(-7 + shift, 3 + shift), ...evaluations(-2, 5 + shift)],
      };
    case "cleared-waiting":
      return {
        cycle: { model: "TAKING_TURNS", format: "FULL", status: "ACTIVE", plannedSessionCount: 8 },
        clears: true,
        steps: [...intakes(-20, -19), ...preparations(-14, -10), ...evaluations(-12, -11), { kind: "COUPLES_THERAPY", day: 2 }],
      };
    case "mid-taking-turns":
      return {
        cycle: { model: "TAKING_TURNS", format: "FULL", status: "ACTIVE", plannedSessionCount: 8 },
        clears: true,
        // Last, so the integrations' `after` indexes stay: ordinary couples therapy goes on beside the cycle (a note of each kind to write, P13).
        steps: [
          ...intakes(-30, -29),
          ...preparations(-22, -18),
          ...evaluations(-20, -19),
          ...medicine("MEDICINE_TAKING_TURNS", 6, [-6 + shift, 4 + shift], ["a", "b"]),
          { kind: "COUPLES_THERAPY", day: -12 },
        ],
      };
    case "single-experience":
      return {
        cycle: { model: "TAKING_TURNS", format: "SINGLE_EXPERIENCE", status: "ACTIVE", plannedSessionCount: 6 },
        clears: true,
        // The dosing day is today when the clinic is open: the demo (and the end-to-end tests) can take vitals and dose.
        steps: [
          ...intakes(-20, -19),
          ...preparations(-12, -8),
          ...evaluations(-10, -9),
          ...medicine("MEDICINE_TAKING_TURNS", 6, [0], ["a"]).map((s): Step => (s.kind === "MEDICINE_TAKING_TURNS" ? { ...s, dosingDay: true } : s)),
        ],
      };
    case "low-dose-series":
      return {
        cycle: { model: "LOW_DOSE_TOGETHER", format: "FULL", status: "ACTIVE", plannedSessionCount: 12 },
        clears: true,
        steps: [...intakes(-40, -39), ...evaluations(-35, -34), ...medicine("MEDICINE_LOW_DOSE", 4, [-21, -14, -7, 2, 9, 16])],
      };
    case "completed":
      return {
        cycle: { model: "TAKING_TURNS", format: "FULL", status: "COMPLETED", plannedSessionCount: 8 },
        clears: true,
        steps: [...intakes(-80, -79), ...preparations(-72, -68), ...evaluations(-70, -69), ...medicine("MEDICINE_TAKING_TURNS", 6, [-60, -50], ["a", "b"])],
      };
  }
}
