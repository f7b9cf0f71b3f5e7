// Shared readings of a cycle snapshot: which sessions count for what, who doses, and a canonical
// order so that no result depends on the order the caller listed things in.
import type { CycleSnapshot, KapModel, Partner, SessionKind, SessionStatus, SnapshotSession } from "./types";

export const MEDICINE_KINDS: readonly SessionKind[] = ["MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE"];

export const MEDICINE_KIND_FOR_MODEL: Record<KapModel, SessionKind> = {
  TAKING_TURNS: "MEDICINE_TAKING_TURNS",
  LOW_DOSE_TOGETHER: "MEDICINE_LOW_DOSE",
};

export const MODEL_OF_MEDICINE_KIND: Partial<Record<SessionKind, KapModel>> = {
  MEDICINE_TAKING_TURNS: "TAKING_TURNS",
  MEDICINE_LOW_DOSE: "LOW_DOSE_TOGETHER",
};

/** A medicine session (either model). Pure and free of zod, so client forms use it too. */
export function isMedicine(s: { kind: string }): boolean {
  return (MEDICINE_KINDS as readonly string[]).includes(s.kind);
}

/** Takes up time, room and people (P8; the database's EXCLUDE constraints use the same test). */
export function occupies(s: Pick<SnapshotSession, "status">): boolean {
  return s.status !== "CANCELLED";
}

/** Has happened or still will: counts as a prerequisite booked (P10 at booking) or as a cycle session. */
export function isStanding(s: Pick<SnapshotSession, "status">): boolean {
  return s.status === "SCHEDULED" || s.status === "CHECKED_IN" || s.status === "COMPLETED";
}

/** Not yet over: rooms, opening hours and clearances still matter for it. */
export function isUpcoming(s: Pick<SnapshotSession, "status">): boolean {
  return s.status === "SCHEDULED" || s.status === "CHECKED_IN";
}

/** Past the check-in gate. */
export function isStarted(s: Pick<SnapshotSession, "status">): boolean {
  return s.status === "CHECKED_IN" || s.status === "COMPLETED";
}

export const STATUS_WORDS: Record<SessionStatus, string> = {
  SCHEDULED: "scheduled",
  CHECKED_IN: "checked in",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
  NO_SHOW: "a no-show",
};

/** Belongs to this cycle (an omitted cycleId means this cycle). */
export function inCycle(snapshot: CycleSnapshot, s: SnapshotSession): boolean {
  return s.cycleId === undefined || s.cycleId === snapshot.cycle.id;
}

export function cycleSessions(snapshot: CycleSnapshot): SnapshotSession[] {
  return snapshot.sessions.filter((s) => inCycle(snapshot, s));
}

/** This cycle's medicine sessions that have happened or will, earliest first. */
export function standingMedicineSessions(snapshot: CycleSnapshot): SnapshotSession[] {
  return cycleSessions(snapshot).filter((s) => isMedicine(s) && isStanding(s));
}

export function partnerById(snapshot: CycleSnapshot, id: string | null): Partner | undefined {
  return snapshot.couple.partners.find((p) => p.id === id);
}

export function partnerName(snapshot: CycleSnapshot, id: string): string {
  return partnerById(snapshot, id)?.name ?? "someone outside this couple";
}

/**
 * Who doses in a medicine session: the journeyer in Taking Turns (P5), both partners in Low
 * Dose Together (P6). A journeyer who is not a partner doses nobody here; P5 reports it.
 */
export function dosingPartners(snapshot: CycleSnapshot, s: SnapshotSession): Partner[] {
  if (s.kind === "MEDICINE_LOW_DOSE") return [...snapshot.couple.partners];
  if (s.kind === "MEDICINE_TAKING_TURNS") {
    const journeyer = partnerById(snapshot, s.journeyerId);
    return journeyer ? [journeyer] : [];
  }
  return [];
}

const fullKey = (s: SnapshotSession) => JSON.stringify(s);

export function compareSessions(a: SnapshotSession, b: SnapshotSession): number {
  return (
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.endsAt.getTime() - b.endsAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    // Only a refused booking repeats an id; even then the order must not come from the caller.
    (fullKey(a) < fullKey(b)
      ? -1
      : // Stryker disable next-line ConditionalExpression,EqualityOperator: reached only when fullKey(a) >= fullKey(b): equal keys are identical sessions (either order reads the same), and for a greater key 1 or 0 sorts alike, as V8's sort only asks whether the result is negative
        fullKey(a) > fullKey(b) ? 1 : 0)
  );
}

/**
 * A copy with the sessions, and each session's people, in a fixed order (by time, then id). Rules
 * read snapshots only in this form, so "the first medicine session" or the wording of a message
 * never depends on the order the caller happened to list things in. The other lists are only
 * looked up (rooms and staff by id, ride homes and clearances with some(); validClearanceOf sorts
 * its own candidates), so their order cannot matter: properties.test.ts shuffles every list and
 * would catch a rule that came to read one in order.
 */
export function canonicalSnapshot(snapshot: CycleSnapshot): CycleSnapshot {
  return {
    ...snapshot,
    sessions: snapshot.sessions
      .map((s) => ({
        ...s,
        clinicianIds: [...new Set(s.clinicianIds)].sort(),
        partnerIds: [...new Set(s.partnerIds)].sort(),
      }))
      .sort(compareSessions),
  };
}

export function sessionById(snapshot: CycleSnapshot, id: string): SnapshotSession | undefined {
  return snapshot.sessions.find((s) => s.id === id);
}
