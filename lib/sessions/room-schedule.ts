import "server-only";
import type { Staff } from "../auth/session";
import { coupleWhere, reachesEveryCouple } from "../auth/reach";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";
import { addClinicDays, atClinicTime } from "../protocol/calendar";

export type CalendarSession = {
  id: string;
  roomId: string | null;
  kind: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  /** The couple's names where the viewer may see them, else null ("Booked"). */
  label: string | null;
  coupleId: string | null;
};

type ScheduleRow = { id: string; roomId: string | null; kind: string; status: string; startsAt: Date; endsAt: Date; coupleId: string; aFirst: string; aLast: string; bFirst: string; bLast: string };

/**
 * Every room's sessions over `days` clinic-local days from `dateKey` ("YYYY-MM-DD"), with the
 * couple's names only where the viewer's role allows them.
 */
export async function roomSchedule(staff: Staff, timeZone: string, dateKey: string, days = 1) {
  const dayStart = atClinicTime(dateKey, 0, timeZone);
  const dayEnd = atClinicTime(addClinicDays(dateKey, days, timeZone), 0, timeZone);
  const [rooms, sessions] = await Promise.all([
    db.room.findMany({ where: { clinicId: staff.clinicId, active: true }, orderBy: { name: "asc" } }),
    // Flat rows with the partners' names joined in: a busy week is ~500 sessions, and Prisma's
    // nested select (the couple, then each partner, built as JSON per row and mapped back) took
    // twice as long for the same rows. The lower bound on startsAt lets the (clinicId, startsAt)
    // index stop at the range: with only `endsAt > dayStart` it read every earlier session of the
    // clinic (bench: 25,920 rows read for 480 shown). A session lies within one day, so a day
    // back is safe.
    db.$queryRaw<ScheduleRow[]>`
      SELECT s."id"::text AS "id", s."roomId"::text AS "roomId", s."kind"::text AS "kind", s."status"::text AS "status",
             s."startsAt", s."endsAt", s."coupleId"::text AS "coupleId",
             a."firstName" AS "aFirst", a."lastName" AS "aLast", b."firstName" AS "bFirst", b."lastName" AS "bLast"
        FROM "Session" s
        JOIN "Couple" c ON c."id" = s."coupleId"
        JOIN "Client" a ON a."id" = c."partnerAId"
        JOIN "Client" b ON b."id" = c."partnerBId"
       WHERE s."clinicId" = ${staff.clinicId}::uuid AND s."startsAt" >= ${addClinicDays(dayStart, -1, timeZone)} AND s."startsAt" < ${dayEnd} AND s."endsAt" > ${dayStart}
       ORDER BY s."startsAt", s."id"`,
  ]);
  // Whose names the viewer may see: the front desk every couple's (no query); others only the
  // couples of this range that their scope reaches.
  const shown = [...new Set(sessions.map((s) => s.coupleId))];
  const scope = coupleWhere(staff, "couple:read");
  const visibleIds = reachesEveryCouple(staff, "couple:read")
    ? new Set(shown)
    : new Set(scope && shown.length ? (await db.couple.findMany({ where: { AND: [scope, { id: { in: shown } }] }, select: { id: true } })).map((c) => c.id) : []);
  const calendar: CalendarSession[] = sessions.map((s) => {
    const named = visibleIds.has(s.coupleId);
    return {
      id: s.id,
      roomId: s.roomId,
      kind: s.kind,
      status: s.status,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      label: named ? coupleNames({ firstName: s.aFirst, lastName: s.aLast }, { firstName: s.bFirst, lastName: s.bLast }) : null,
      coupleId: named ? s.coupleId : null,
    };
  });
  return { rooms, sessions: calendar, dayStart };
}

/**
 * When a medicine session's live integration starts, for the one session opened on the calendar
 * (the move form offers to move both). Not part of the schedule's query: a lookup per session
 * for a whole week was a third of that query's time.
 */
export async function integrationStart(clinicId: string, medicineSessionId: string): Promise<Date | null> {
  const integration = await db.session.findFirst({
    where: { clinicId, medicineSessionId, status: { not: "CANCELLED" } },
    select: { startsAt: true },
  });
  return integration?.startsAt ?? null;
}
