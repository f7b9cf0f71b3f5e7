// The cycle as it would be after a change, with its consequences (consequences.ts) applied:
// the engine judges that state. A change naming a session that is not there changes nothing;
// P10 reports it.
import { consequencesOf } from "./consequences";
import type { CycleSnapshot, ProposedChange, SessionMove, SessionStatus, SnapshotSession } from "./types";

const STATUS_AFTER: Partial<Record<ProposedChange["type"], SessionStatus>> = {
  cancel: "CANCELLED",
  checkIn: "CHECKED_IN",
  complete: "COMPLETED",
  noShow: "NO_SHOW",
};

/** The sessions a change names: the new ones, the moved ones, or the one whose status changes. */
export function changedSessionIds(change: ProposedChange): string[] {
  switch (change.type) {
    case "book":
      return change.sessions.map((s) => s.id);
    case "moveMany":
      return change.moves.map((m) => m.sessionId);
    default:
      return [change.sessionId];
  }
}

/**
 * The moves of a change in a fixed order. A session moved twice in one change is refused (P10),
 * but the state judged alongside must not depend on which move the caller listed last.
 */
export function movesOf(change: ProposedChange): SessionMove[] {
  if (change.type === "move") {
    const { sessionId, startsAt, endsAt, roomId } = change;
    return [{ sessionId, startsAt, endsAt, roomId }];
  }
  // Stryker disable next-line ArrayDeclaration: a string has no sessionId, so the extra element matches no session in applyChange or P10, which skip it
  if (change.type !== "moveMany") return [];
  const key = (m: SessionMove) => `${m.sessionId}|${m.startsAt.toISOString()}|${m.endsAt.toISOString()}|${m.roomId}`;
  return [...change.moves].sort((a, b) =>
    key(a) < key(b)
      ? -1
      : // Stryker disable next-line ConditionalExpression,EqualityOperator: reached only when key(a) >= key(b): equal keys are identical moves (either order gives the same state), and for a greater key 1 or 0 sorts alike, as V8's sort only asks whether the result is negative
        key(a) > key(b) ? 1 : 0,
  );
}

export function applyChange(snapshot: CycleSnapshot, change: ProposedChange): CycleSnapshot {
  let sessions: SnapshotSession[] = snapshot.sessions.map((s) => ({ ...s }));
  if (change.type === "book") {
    const added = change.sessions.map((s) => ({ ...s, status: s.status ?? "SCHEDULED" }));
    sessions = [...sessions, ...added];
  }
  for (const move of movesOf(change)) {
    const s = sessions.find((x) => x.id === move.sessionId);
    if (!s) continue;
    s.startsAt = move.startsAt;
    s.endsAt = move.endsAt;
    if (move.roomId !== undefined) s.roomId = move.roomId;
  }
  const status = STATUS_AFTER[change.type];
  if (
    status &&
    // Stryker disable next-line ConditionalExpression,StringLiteral: STATUS_AFTER has no status for book, move or moveMany, so `status` alone decides; these tests only narrow the type of `change`
    change.type !== "book" && change.type !== "move" && change.type !== "moveMany"
  ) {
    const cancelled = new Set(consequencesOf(snapshot, change).cancelIntegrationIds);
    for (const s of sessions) {
      if (s.id === change.sessionId) s.status = status;
      else if (cancelled.has(s.id)) s.status = "CANCELLED";
    }
  }
  return { ...snapshot, sessions };
}
