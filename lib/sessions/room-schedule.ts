import "server-only";
import type { StaffRoleName } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { coupleWhere, reachesEveryCouple } from "../auth/reach";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";
import { Prisma } from "../db/prisma";
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
  /** The session's clinicians by name ("Dr. Park"; two joined by a comma): the schedule, not clinical content. */
  clinicians: string;
};

/**
 * What the board narrows to. Rooms: dosing-equipped or therapy rooms, or one room (a room's week;
 * "first": the first active room by name, a week opened before a room is chosen);
 * a clinician's sessions (the filter, or a clinician's week); one couple's (only when the viewer
 * reaches that couple: otherwise nothing, so the filter cannot tell which sessions are theirs).
 */
export type ScheduleFilters = { roomKind?: "dosing" | "therapy"; roomId?: string | "first"; clinicianId?: string; coupleId?: string };

type FrameRow = { what: "room" | "clinician"; id: string; name: string; dosingEquipped: boolean | null; capacity: number | null; roles: string[] | null };

type ScheduleRow = {
  id: string;
  roomId: string | null;
  kind: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  coupleId: string;
  aFirst: string;
  aLast: string;
  bFirst: string;
  bLast: string;
  clinicians: string | null;
};

/**
 * The sessions over `days` clinic-local days from `dateKey` ("YYYY-MM-DD"), narrowed by the
 * filters, with the couple's names only where the viewer's role allows them; and the clinic's
 * active rooms and clinicians, by name (for the board's columns, its selects and the booking form).
 * Only the visible span is read: the bench's clinic has 50,000 sessions.
 */
export async function roomSchedule(staff: Staff, timeZone: string, dateKey: string, days = 1, filters: ScheduleFilters = {}) {
  const dayStart = atClinicTime(dateKey, 0, timeZone);
  const dayEnd = atClinicTime(addClinicDays(dateKey, days, timeZone), 0, timeZone);
  const narrow: Prisma.Sql[] = [];
  if (filters.roomId === "first") {
    narrow.push(Prisma.sql`AND s."roomId" = (SELECT r."id" FROM "Room" r WHERE r."clinicId" = ${staff.clinicId}::uuid AND r."active" ORDER BY r."name" LIMIT 1)`);
  } else if (filters.roomId) narrow.push(Prisma.sql`AND s."roomId" = ${filters.roomId}::uuid`);
  if (filters.roomKind) {
    narrow.push(Prisma.sql`AND s."roomId" IN (SELECT r."id" FROM "Room" r WHERE r."clinicId" = ${staff.clinicId}::uuid AND r."dosingEquipped" = ${filters.roomKind === "dosing"})`);
  }
  if (filters.clinicianId) narrow.push(Prisma.sql`AND EXISTS (SELECT 1 FROM "SessionClinician" f WHERE f."sessionId" = s."id" AND f."userId" = ${filters.clinicianId}::uuid)`);
  if (filters.coupleId) narrow.push(Prisma.sql`AND s."coupleId" = ${filters.coupleId}::uuid`);
  const [frame, sessions] = await Promise.all([
    // The clinic's active rooms and its clinicians (therapists, psychiatrists) in one statement:
    // the bench counts each statement of the calendar page.
    db.$queryRaw<FrameRow[]>`
      SELECT 'room' AS "what", r."id"::text AS "id", r."name", r."dosingEquipped" AS "dosingEquipped", r."capacity" AS "capacity", NULL::text[] AS "roles"
        FROM "Room" r WHERE r."clinicId" = ${staff.clinicId}::uuid AND r."active"
      UNION ALL
      SELECT 'clinician', u."id"::text, u."name", NULL, NULL, u."roles"::text[]
        FROM "User" u WHERE u."clinicId" = ${staff.clinicId}::uuid AND u."active" AND u."roles" && ARRAY['THERAPIST', 'PSYCHIATRIST']::"StaffRole"[]
      ORDER BY "what" DESC, "name", "id"`,
    // Flat rows with the partners' names joined in: a busy week is ~500 sessions, and Prisma's
    // nested select (the couple, then each partner, built as JSON per row and mapped back) took
    // twice as long for the same rows. The lower bound on startsAt lets the (clinicId, startsAt)
    // index stop at the range: with only `endsAt > dayStart` it read every earlier session of the
    // clinic (bench: 25,920 rows read for 480 shown). A session lies within one day, so a day
    // back is safe.
    db.$queryRaw<ScheduleRow[]>`
      SELECT s."id"::text AS "id", s."roomId"::text AS "roomId", s."kind"::text AS "kind", s."status"::text AS "status",
             s."startsAt", s."endsAt", s."coupleId"::text AS "coupleId",
             a."firstName" AS "aFirst", a."lastName" AS "aLast", b."firstName" AS "bFirst", b."lastName" AS "bLast",
             (SELECT string_agg(u."name", ', ' ORDER BY u."name") FROM "SessionClinician" sc JOIN "User" u ON u."id" = sc."userId" WHERE sc."sessionId" = s."id") AS "clinicians"
        FROM "Session" s
        JOIN "Couple" c ON c."id" = s."coupleId"
        JOIN "Client" a ON a."id" = c."partnerAId"
        JOIN "Client" b ON b."id" = c."partnerBId"
       WHERE s."clinicId" = ${staff.clinicId}::uuid AND s."startsAt" >= ${addClinicDays(dayStart, -1, timeZone)} AND s."startsAt" < ${dayEnd} AND s."endsAt" > ${dayStart}
             ${narrow.length ? Prisma.join(narrow, " ") : Prisma.empty}
       ORDER BY s."startsAt", s."id"`,
  ]);
  // Whose names the viewer may see: the front desk every couple's (no query); others only the
  // couples of this range that their scope reaches.
  const shown = [...new Set(sessions.map((s) => s.coupleId))];
  const scope = coupleWhere(staff, "couple:read");
  const visibleIds = reachesEveryCouple(staff, "couple:read")
    ? new Set(shown)
    : new Set(scope && shown.length ? (await db.couple.findMany({ where: { AND: [scope, { id: { in: shown } }] }, select: { id: true } })).map((c) => c.id) : []);
  // A couple filter the viewer may not use shows nothing (as a couple that does not exist would).
  const rows = filters.coupleId && !visibleIds.has(filters.coupleId) ? [] : sessions;
  const calendar: CalendarSession[] = rows.map((s) => {
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
      clinicians: s.clinicians ?? "",
    };
  });
  const rooms = frame.filter((f) => f.what === "room").map((f) => ({ id: f.id, name: f.name, dosingEquipped: f.dosingEquipped === true, capacity: f.capacity ?? 0 }));
  const clinicians = frame.filter((f) => f.what === "clinician").map((f) => ({ id: f.id, name: f.name, roles: (f.roles ?? []) as StaffRoleName[] }));
  return { rooms, clinicians, sessions: calendar, dayStart };
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
