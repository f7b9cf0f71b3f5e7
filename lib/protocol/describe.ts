// How messages name sessions and people: in the clinic's words, with partner names and
// clinic-local dates, so that a front-desk person understands them ("Sam's medicine session on
// Tue 3 Mar"). Never clinical content: front desk sees these messages too.
import { formatClinicDay, formatClinicSlot } from "./calendar";
import { partnerById } from "./cycle";
import type { CycleSnapshot, SnapshotSession } from "./types";

function owner(snapshot: CycleSnapshot, s: SnapshotSession): string | null {
  if (s.kind === "MEDICINE_TAKING_TURNS") return partnerById(snapshot, s.journeyerId)?.name ?? null;
  if ((s.kind === "INTAKE" || s.kind === "MEDICAL_EVALUATION") && s.partnerIds.length === 1) {
    return partnerById(snapshot, s.partnerIds[0])?.name ?? null;
  }
  return null;
}

const NOUNS: Record<SnapshotSession["kind"], string> = {
  INTAKE: "intake",
  PREPARATION: "joint preparation",
  MEDICAL_EVALUATION: "medical evaluation",
  MEDICINE_TAKING_TURNS: "medicine session",
  MEDICINE_LOW_DOSE: "low-dose medicine session",
  INTEGRATION: "integration",
  COUPLES_THERAPY: "couples therapy session",
};

/** "Sam's medicine session" / "the joint preparation", without a date. */
export function sessionNoun(snapshot: CycleSnapshot, s: SnapshotSession): string {
  const who = owner(snapshot, s);
  return who ? `${who}'s ${NOUNS[s.kind]}` : `the ${NOUNS[s.kind]}`;
}

/** "Sam's medicine session on Tue 3 Mar". */
export function describeSession(snapshot: CycleSnapshot, s: SnapshotSession): string {
  return `${sessionNoun(snapshot, s)} on ${formatClinicDay(s.startsAt, snapshot.settings.timeZone)}`;
}

/** "Sam's medicine session on Tue 3 Mar 10:00–13:00", when the time matters (overlaps, hours). */
export function describeSessionSlot(snapshot: CycleSnapshot, s: SnapshotSession): string {
  return `${sessionNoun(snapshot, s)} on ${formatClinicSlot(s.startsAt, s.endsAt, snapshot.settings.timeZone)}`;
}

export function day(snapshot: CycleSnapshot, value: Date | string): string {
  return formatClinicDay(value, snapshot.settings.timeZone);
}

export function staffName(snapshot: CycleSnapshot, id: string): string {
  return snapshot.staff?.find((m) => m.id === id)?.name ?? "a clinician";
}

/** "Sam", "Sam and Alex", "Sam, Alex and Dr Lee". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
