import "server-only";
import type { Db } from "../db/prisma";
import { databaseFailureOf, isExclusionViolation, refusalOf } from "../db/errors";
import { RuleViolationError } from "../errors";
import { formatClinicDay, formatClinicTimeRange } from "../protocol/calendar";

/** A session the change tried to write, as the database saw it. */
export type Attempt = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
  clinicianIds: string[];
  partnerIds: string[];
};

/**
 * Turns the database's refusal of a double booking (P8, an EXCLUDE constraint) into words:
 * "P8: Room Cedar is booked 10:00–13:00 on Tue 3 Mar." The transaction has rolled back by now;
 * the session in the way is committed, so it can be found and named.
 */
export async function explainClash(db: Db, error: unknown, attempts: Attempt[], timeZone: string): Promise<RuleViolationError | null> {
  const failure = databaseFailureOf(error);
  if (!isExclusionViolation(failure)) return null;
  const ownIds = attempts.map((a) => a.id);
  const when = (s: { startsAt: Date; endsAt: Date }) => `${formatClinicTimeRange(s.startsAt, s.endsAt, timeZone)} on ${formatClinicDay(s.startsAt, timeZone)}`;
  for (const attempt of attempts) {
    const overlapping = { id: { notIn: ownIds }, status: { not: "CANCELLED" as const }, startsAt: { lt: attempt.endsAt }, endsAt: { gt: attempt.startsAt } };
    if (failure!.constraint === "Session_room_no_overlap" && attempt.roomId) {
      const other = await db.session.findFirst({ where: { ...overlapping, roomId: attempt.roomId }, include: { room: true } });
      if (other) return new RuleViolationError("P8", `Room ${other.room!.name} is booked ${when(other)}.`, [attempt.id]);
    }
    if (failure!.constraint === "SessionClinician_no_overlap") {
      const other = await db.session.findFirst({
        where: { ...overlapping, clinicians: { some: { userId: { in: attempt.clinicianIds } } } },
        include: { clinicians: { include: { user: { select: { id: true, name: true } } } } },
      });
      const person = other?.clinicians.find((c) => attempt.clinicianIds.includes(c.userId));
      if (other && person) return new RuleViolationError("P8", `${person.user.name} is booked ${when(other)}.`, [attempt.id]);
    }
    if (failure!.constraint === "SessionAttendee_no_overlap") {
      const other = await db.session.findFirst({
        where: { ...overlapping, attendees: { some: { clientId: { in: attempt.partnerIds } } } },
        include: { attendees: { include: { client: { select: { id: true, firstName: true, lastName: true } } } } },
      });
      const person = other?.attendees.find((a) => attempt.partnerIds.includes(a.clientId));
      if (other && person) return new RuleViolationError("P8", `${person.client.firstName} ${person.client.lastName} is already in a session ${when(other)}.`, [attempt.id]);
    }
  }
  // The session in the way is gone by now (cancelled, say): the table's words for the constraint.
  return new RuleViolationError("P8", refusalOf(error)?.message ?? "");
}
