// Where a couple stands, derived from their latest cycle and its sessions: never stored, so it
// cannot drift from the schedule.
import { isMedicine } from "../protocol/cycle";

export type CoupleStage =
  | "New"
  | "Intake"
  | "Preparation"
  | "Cleared, waiting"
  | "Taking Turns cycle"
  | "Single experience"
  | "Low Dose Together series"
  | "Completed";

type StageInput = {
  cycle: { status: string; model: string; format: string } | null;
  sessions: { kind: string; status: string; partnerIds: string[] }[];
  partnerIds: [string, string];
  /** Partners holding a clearance in force today. */
  clearedPartnerIds: string[];
};

export function coupleStage({ cycle, sessions, partnerIds, clearedPartnerIds }: StageInput): CoupleStage {
  if (!cycle || cycle.status === "CANCELLED") return "New";
  if (cycle.status === "COMPLETED") return "Completed";
  const live = sessions.filter((s) => s.status !== "CANCELLED" && s.status !== "NO_SHOW");
  if (live.some(isMedicine)) {
    if (cycle.format === "SINGLE_EXPERIENCE") return "Single experience";
    return cycle.model === "LOW_DOSE_TOGETHER" ? "Low Dose Together series" : "Taking Turns cycle";
  }
  if (partnerIds.every((id) => clearedPartnerIds.includes(id))) return "Cleared, waiting";
  const intakeDone = (id: string) => live.some((s) => s.kind === "INTAKE" && s.status === "COMPLETED" && s.partnerIds.includes(id));
  return partnerIds.every(intakeDone) ? "Preparation" : "Intake";
}
