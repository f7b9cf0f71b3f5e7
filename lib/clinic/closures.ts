import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { can } from "../auth/permissions";
import { reachesEveryCouple } from "../auth/reach";
import type { Staff } from "../auth/session";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";
import { asAppError } from "../db/errors";
import type { Db, Tx } from "../db/prisma";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";
import { addClinicDays, atClinicTime, calendarDaysBetween, formatClinicSlot } from "../protocol/calendar";
import { SESSION_KIND_LABELS } from "../protocol/labels";
import { closureSpanWords, describeClosure } from "../protocol/opening-hours";
import { closureOf } from "../protocol/settings";
import { lockClinicForClosure } from "../scheduling/load-snapshot";

// Closures (issue 14): a holiday of the whole clinic, or one room out of service, for a span of
// whole days or of times. The front desk and admins declare and remove them (closure:manage).
// Declaring one over booked sessions succeeds and lists those sessions: nothing is cancelled or
// moved, the people concerned are the front desk's to call. From then on the engine (P10)
// refuses new sessions in it, P4 no longer counts a day it closes as open, and the planner
// places nothing there (lib/protocol/opening-hours.ts).

/** The longest closure, in calendar days: a longer one is declared in parts. */
export const CLOSURE_MAX_DAYS = 366;
export const CLOSURE_REASON_MAX = 200;
const SHOWN_SESSIONS = 200;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const optionalTime = (message: string) =>
  z
    .string()
    .trim()
    .max(5, { error: message })
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || TIME.test(v), { error: message });

/** The form: the room ("" for the whole clinic), the first and last day, optional times, the reason. */
export const ZClosureInput = z
  .object({
    roomId: z.union([z.literal(""), z.uuid({ error: "Choose a room of this clinic, or the whole clinic." })], { error: "Choose a room of this clinic, or the whole clinic." }).default(""),
    fromDate: zCalendarDate(DATE_FIELDS.session, "Enter the first day as YYYY-MM-DD."),
    toDate: zCalendarDate(DATE_FIELDS.session, "Enter the last day as YYYY-MM-DD."),
    fromTime: optionalTime("Enter the time it starts as HH:MM, or leave both times empty for whole days."),
    toTime: optionalTime("Enter the time it ends as HH:MM, or leave both times empty for whole days."),
    reason: z
      .string({ error: "Say why the clinic or room is closed." })
      .trim()
      .min(1, { error: "Say why the clinic or room is closed (a holiday, repairs …)." })
      .max(CLOSURE_REASON_MAX, { error: `Keep the reason under ${CLOSURE_REASON_MAX} characters.` }),
  })
  .superRefine((s, ctx) => {
    if ((s.fromTime === undefined) !== (s.toTime === undefined)) {
      const path = s.fromTime === undefined ? "fromTime" : "toTime";
      ctx.addIssue({ code: "custom", path: [path], message: "Give both times, or neither for whole days." });
      return;
    }
    if (s.toDate < s.fromDate) {
      ctx.addIssue({ code: "custom", path: ["toDate"], message: "The closure must end after it starts: its last day is before its first." });
      return;
    }
    if (s.fromTime && s.toTime && s.toDate === s.fromDate && s.toTime <= s.fromTime) {
      ctx.addIssue({ code: "custom", path: ["toTime"], message: "The closure must end after it starts." });
      return;
    }
    // The zone does not change how many calendar days lie between two dates.
    if (calendarDaysBetween(s.fromDate, s.toDate, "UTC") + 1 > CLOSURE_MAX_DAYS) {
      ctx.addIssue({ code: "custom", path: ["toDate"], message: `A closure spans at most ${CLOSURE_MAX_DAYS} days; declare a longer one in parts.` });
    }
  });
export type TClosureInput = z.output<typeof ZClosureInput>;

export const ZRemoveClosure = z.object({
  closureId: z.uuid({ error: "Choose a closure from the list." }),
  confirm: z.literal("yes", { error: "Confirm that the closure should be removed." }),
});

/** A booked session inside a closure, as the closures page lists it (couple names only for those who see every couple). */
export type SessionInClosure = { id: string; kind: string; when: string; room: string; couple: string | null };

export type ClosureView = {
  id: string;
  roomId: string | null;
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  /** "the clinic is closed from Thu 24 Dec to Sat 26 Dec (Holidays)". */
  words: string;
  /** "from Thu 24 Dec to Sat 26 Dec". */
  span: string;
  sessions: SessionInClosure[];
};

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The closure's instants in the clinic's zone: whole days from the first day's midnight to the one after the last. */
export function closureSpan(input: Pick<TClosureInput, "fromDate" | "toDate" | "fromTime" | "toTime">, timeZone: string): { startsAt: Date; endsAt: Date } {
  if (input.fromTime && input.toTime) {
    return { startsAt: atClinicTime(input.fromDate, minuteOf(input.fromTime), timeZone), endsAt: atClinicTime(input.toDate, minuteOf(input.toTime), timeZone) };
  }
  return { startsAt: atClinicTime(input.fromDate, 0, timeZone), endsAt: atClinicTime(addClinicDays(input.toDate, 1, timeZone), 0, timeZone) };
}

type ClosureRecord = { id: string; roomId: string | null; startsAt: Date; endsAt: Date; reason: string; room: { name: string } | null };

/** The booked sessions (scheduled or checked in) a closure covers: any of the clinic's for a holiday, the room's for a room. */
async function sessionsIn(client: Db | Tx, staff: Staff, closure: ClosureRecord, timeZone: string): Promise<SessionInClosure[]> {
  const rows = await client.session.findMany({
    where: {
      clinicId: staff.clinicId,
      status: { in: ["SCHEDULED", "CHECKED_IN"] },
      startsAt: { lt: closure.endsAt },
      endsAt: { gt: closure.startsAt },
      ...(closure.roomId ? { roomId: closure.roomId } : {}),
    },
    select: {
      id: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      room: { select: { name: true } },
      couple: { select: { partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: SHOWN_SESSIONS,
  });
  // Names are the schedule, not clinical content, for those who see every couple (the front desk); an admin sees times and rooms.
  const named = reachesEveryCouple(staff, "couple:read");
  return rows.map((s) => ({
    id: s.id,
    kind: SESSION_KIND_LABELS[s.kind],
    when: formatClinicSlot(s.startsAt, s.endsAt, timeZone),
    room: s.room?.name ?? "Telehealth",
    couple: named ? coupleNames(s.couple.partnerA, s.couple.partnerB) : null,
  }));
}

async function viewOf(client: Db | Tx, staff: Staff, closure: ClosureRecord, timeZone: string): Promise<ClosureView> {
  return {
    id: closure.id,
    roomId: closure.roomId,
    room: closure.room?.name ?? null,
    startsAt: closure.startsAt,
    endsAt: closure.endsAt,
    reason: closure.reason,
    words: describeClosure(closureOf(closure), timeZone),
    span: closureSpanWords(closure, timeZone),
    sessions: await sessionsIn(client, staff, closure, timeZone),
  };
}

async function clinicZone(client: Db | Tx, clinicId: string): Promise<string> {
  const clinic = await client.clinic.findUnique({ where: { id: clinicId }, select: { timeZone: true } });
  if (!clinic) throw new NotFoundError("The clinic");
  return clinic.timeZone;
}

const INCLUDE_ROOM = { room: { select: { name: true } } } as const;

/**
 * Declares a closure of the caller's clinic, or of one of its rooms. A room of another clinic is
 * answered as a room that does not exist. Booked sessions inside it stay as they are and come
 * back in the answer, for the front desk to call the people concerned. The closure and its audit
 * row commit together; bad input writes nothing.
 */
export async function declareClosure(staff: Staff, input: TClosureInput, now = new Date()): Promise<ClosureView> {
  if (!can(staff.roles, "closure:manage")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    // Bookings under way finish first, and are then among the sessions listed; later ones see the closure (P10).
    await lockClinicForClosure(tx, staff.clinicId);
    const timeZone = await clinicZone(tx, staff.clinicId);
    const room = input.roomId ? await tx.room.findFirst({ where: { id: input.roomId, clinicId: staff.clinicId }, select: { id: true } }) : null;
    if (input.roomId && !room) throw new InvalidInputError("Please correct the highlighted fields.", { roomId: ["Choose a room of this clinic, or the whole clinic."] });
    const { startsAt, endsAt } = closureSpan(input, timeZone);
    if (endsAt.getTime() <= now.getTime()) {
      throw new InvalidInputError("Please correct the highlighted fields.", { toDate: ["This closure would be over already: declare closures of days to come."] });
    }
    let closure: ClosureRecord;
    try {
      closure = await tx.closure.create({
        data: { clinicId: staff.clinicId, roomId: room?.id ?? null, startsAt, endsAt, reason: input.reason, declaredById: staff.id },
        include: INCLUDE_ROOM,
      });
    } catch (error) {
      throw asAppError(error);
    }
    await recordAudit(tx, staff, { action: "create", entity: "Closure", entityId: closure.id, outcome: "ALLOWED" });
    return viewOf(tx, staff, closure, timeZone);
  });
}

/** Removes a closure of the caller's clinic (another clinic's is answered as not found). Sessions are not touched. */
export async function removeClosure(staff: Staff, closureId: string): Promise<{ reason: string }> {
  if (!can(staff.roles, "closure:manage")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const closure = await tx.closure.findFirst({ where: { id: closureId, clinicId: staff.clinicId }, select: { id: true, reason: true } });
    if (!closure) throw new NotFoundError("The closure");
    await tx.closure.delete({ where: { id: closure.id } });
    await recordAudit(tx, staff, { action: "delete", entity: "Closure", entityId: closure.id, outcome: "ALLOWED" });
    return { reason: closure.reason };
  });
}

/** The clinic's closures not yet over, soonest first, each with the booked sessions inside it. */
export async function listUpcomingClosures(staff: Staff, now = new Date()): Promise<ClosureView[]> {
  if (!can(staff.roles, "closure:manage")) throw new ForbiddenError();
  const timeZone = await clinicZone(db, staff.clinicId);
  const closures = await db.closure.findMany({
    where: { clinicId: staff.clinicId, endsAt: { gt: now } },
    include: INCLUDE_ROOM,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 100,
  });
  return Promise.all(closures.map((c) => viewOf(db, staff, c, timeZone)));
}
