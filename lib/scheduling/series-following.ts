import "server-only";
import type { z } from "zod";
import { recordAudits } from "../audit/record";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "../errors";
import { addClinicDays, applyChange, atClinicTime, calendarDaysBetween, clinicDate, clinicMinuteOfDay, evaluateChange, type ProposedChange, type SessionMove } from "../protocol";
import { moveSessions } from "./move-sessions";
import { ZCancelInput, ZMoveInput } from "./session-input";
import { underProtocol } from "./under-protocol";

// "This and all following" for a recurring series (issue 14): an occurrence and every later one
// of its series still scheduled, cancelled or moved together, all or nothing. One occurrence
// alone is the ordinary cancel and move (components/scheduling/actions.ts).

export const ZCancelFollowingInput = ZCancelInput;
export const ZMoveFollowingInput = ZMoveInput.pick({ sessionId: true, date: true, time: true, roomId: true });
export type TMoveFollowingInput = z.output<typeof ZMoveFollowingInput>;

/** The occurrence and the series' later ones still scheduled, in order. */
async function followingOf(staff: Staff, sessionId: string) {
  const session = await db.session.findFirst({
    where: { id: sessionId, clinicId: staff.clinicId },
    select: { id: true, coupleId: true, cycleId: true, seriesId: true, startsAt: true, clinic: { select: { timeZone: true } } },
  });
  if (!session) throw new NotFoundError("The session");
  if (!session.seriesId) throw new InvalidInputError("This session is not part of a series: cancel or move it on its own.", { sessionId: ["Not part of a series."] });
  const later = await db.session.findMany({
    where: { seriesId: session.seriesId, startsAt: { gt: session.startsAt }, status: "SCHEDULED" },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true },
  });
  return { session, later };
}

/**
 * Cancels an occurrence and every later scheduled one of its series, with one reason. The engine
 * judges each cancellation on the picture the ones before it leave (P10: only a scheduled session
 * is cancelled; P11: who may); one refusal cancels none.
 */
export async function cancelFollowing(staff: Staff, sessionId: string, reason: string) {
  const { session, later } = await followingOf(staff, sessionId);
  const { result } = await underProtocol({
    staff,
    coupleId: session.coupleId,
    cycleId: session.cycleId,
    change: () => ({ type: "cancel", sessionId }),
    attempts: () => [],
    write: async (tx, snapshot, first) => {
      const now = new Date();
      let picture = applyChange(snapshot, first);
      for (const { id } of later) {
        const change: ProposedChange = { type: "cancel", sessionId: id };
        const { violations } = evaluateChange(picture, change, { actor: staff, now });
        if (violations.length > 0) throw new RuleViolationsError(violations.map((v) => new RuleViolationError(v.rule, v.message, v.sessionIds)));
        picture = applyChange(picture, change);
      }
      const ids = [sessionId, ...later.map((s) => s.id)];
      // One statement; the clinicians' and attendees' copies of the status follow by their foreign key.
      await tx.session.updateMany({ where: { id: { in: ids }, status: "SCHEDULED" }, data: { status: "CANCELLED", cancelledAt: now, cancelledById: staff.id, cancelReason: reason } });
      await recordAudits(tx, staff, ids.map((id) => ({ action: "cancel", entity: "Session", entityId: id, outcome: "ALLOWED" as const })));
      return ids;
    },
  });
  return { cancelledIds: result };
}

/**
 * The moves that shift an occurrence and every later scheduled one of its series as the form
 * moves the first: the same number of calendar days and the same change of wall-clock time, so
 * a series at 10:00 moved to Wednesday 11:00 is at 11:00 every Wednesday, across a
 * daylight-saving change too. A new room applies to all of them.
 */
export async function draftMoveFollowing(staff: Staff, input: TMoveFollowingInput): Promise<SessionMove[]> {
  const { session, later } = await followingOf(staff, input.sessionId);
  const tz = session.clinic.timeZone;
  const first = await db.session.findUniqueOrThrow({ where: { id: session.id }, select: { startsAt: true, endsAt: true } });
  const [h, m] = input.time.split(":").map(Number);
  const dayShift = calendarDaysBetween(clinicDate(first.startsAt, tz), input.date, tz);
  const minuteShift = h * 60 + m - clinicMinuteOfDay(first.startsAt, tz);
  const moves = [{ id: session.id, ...first }, ...later].map((s) => {
    const startsAt = atClinicTime(addClinicDays(clinicDate(s.startsAt, tz), dayShift, tz), clinicMinuteOfDay(s.startsAt, tz) + minuteShift, tz);
    return { sessionId: s.id, startsAt, endsAt: new Date(startsAt.getTime() + (s.endsAt.getTime() - s.startsAt.getTime())), roomId: input.roomId === undefined ? undefined : input.roomId };
  });
  // Each row is checked against the database's EXCLUDE constraints as it is written: moved a week
  // or more later, an occurrence would meet its successor still in its old place. Moving the
  // latest first (the earliest first, when moving earlier) never lands on one not yet moved.
  return dayShift * 1440 + minuteShift > 0 ? moves.reverse() : moves;
}

/** Moves an occurrence and every later scheduled one of its series together: all, or none. */
export async function moveFollowing(staff: Staff, input: TMoveFollowingInput) {
  const moves = await draftMoveFollowing(staff, input);
  const { notices } = await moveSessions(staff, moves);
  return { moved: moves.length, notices };
}
