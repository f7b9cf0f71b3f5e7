import "server-only";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import type { Staff } from "../auth/session";
import { seesEveryCouple } from "../auth/permissions";
import { coupleScope } from "../couples/access";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";

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
  /** For a medicine session, when its integration starts (the move form offers to move both). */
  integrationStartsAt: Date | null;
};

/**
 * Every room's sessions over `days` clinic-local days from `dateKey` ("YYYY-MM-DD"), with the
 * couple's names only where the viewer's role allows them.
 */
export async function roomSchedule(staff: Staff, timeZone: string, dateKey: string, days = 1) {
  const [y, m, d] = dateKey.split("-").map(Number);
  const dayStart = new TZDate(y, m - 1, d, timeZone);
  const dayEnd = addDays(dayStart, days);
  const scope = coupleScope(staff);
  const [rooms, sessions] = await Promise.all([
    db.room.findMany({ where: { clinicId: staff.clinicId, active: true }, orderBy: { name: "asc" } }),
    db.session.findMany({
      // The lower bound on startsAt lets the (clinicId, startsAt) index stop at the range: with
      // only `endsAt > dayStart` it read every earlier session of the clinic (bench: 25,920 rows
      // read for 480 shown). A session lies within one day's opening hours, so a day back is safe.
      where: { clinicId: staff.clinicId, startsAt: { lt: dayEnd, gte: addDays(dayStart, -1) }, endsAt: { gt: dayStart } },
      orderBy: { startsAt: "asc" },
      // Only what the calendar shows: a busy week is ~500 rows, and mapping every column of the
      // session and its couple was a tenth of the page's CPU.
      select: {
        id: true,
        roomId: true,
        kind: true,
        status: true,
        startsAt: true,
        endsAt: true,
        coupleId: true,
        couple: { select: { partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } },
        integrations: { where: { status: { not: "CANCELLED" } }, select: { startsAt: true } },
      },
    }),
  ]);
  // Whose names the viewer may see: the front desk every couple's (no query); others only the
  // couples of this range that their scope reaches.
  const shown = [...new Set(sessions.map((s) => s.coupleId))];
  const visibleIds = seesEveryCouple(staff)
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
      label: named ? coupleNames(s.couple.partnerA, s.couple.partnerB) : null,
      coupleId: named ? s.coupleId : null,
      integrationStartsAt: s.integrations[0]?.startsAt ?? null,
    };
  });
  return { rooms, sessions: calendar, dayStart: new Date(dayStart.getTime()) };
}
