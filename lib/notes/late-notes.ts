import "server-only";
import { can } from "../auth/permissions";
import { noteWhere, reachesEveryCouple } from "../auth/reach";
import type { Staff } from "../auth/session";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";
import type { Prisma } from "../db/prisma";

// P13: a completed session without a signed note for more than the clinic's noteLateHours (72 by
// default) after it ended is late, and appears on its clinician's Today page. The front desk sees
// which notes of the clinic are late (whose, which session), never what a note says.

const HOUR = 3_600_000;

/** Late: more than `lateHours` since the session ended; at exactly `lateHours` it is not late yet. */
export function isNoteLate(endsAt: Date, now: Date, lateHours: number): boolean {
  return now.getTime() - endsAt.getTime() > lateHours * HOUR;
}

/** Completed sessions that have a note to write and no signed one. A medical evaluation's record is its clearance. */
export const UNSIGNED_NOTE: Prisma.SessionWhereInput = {
  status: "COMPLETED",
  kind: { not: "MEDICAL_EVALUATION" },
  OR: [{ note: { is: null } }, { note: { is: { signedAt: null } } }],
};

const LIST_LIMIT = 200;

const SELECT = {
  id: true,
  kind: true,
  startsAt: true,
  endsAt: true,
  coupleId: true,
  couple: { select: { partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } },
  clinicians: { select: { user: { select: { name: true } } } },
} as const;

/**
 * The clinician's own completed sessions whose note is not signed, oldest first, each marked late
 * or not, with whether a draft exists and whose it is (status, not content).
 */
export async function notesToWrite(staff: Staff, now = new Date()) {
  if (!can(staff.roles, "note:write")) return [];
  const clinic = await db.clinic.findUniqueOrThrow({ where: { id: staff.clinicId }, select: { noteLateHours: true } });
  const rows = await db.session.findMany({
    where: { AND: [UNSIGNED_NOTE, { clinicId: staff.clinicId, clinicians: { some: { userId: staff.id } } }] },
    select: { ...SELECT, note: { select: { authorId: true, author: { select: { name: true } } } } },
    orderBy: [{ endsAt: "asc" }, { id: "asc" }],
    take: LIST_LIMIT,
  });
  return rows.map((s) => ({
    ...row(s),
    late: isNoteLate(s.endsAt, now, clinic.noteLateHours),
    draft: s.note ? { mine: s.note.authorId === staff.id, author: s.note.author.name } : null,
  }));
}

/** The clinic's late notes, oldest first, for the front desk: whose and which session, nothing more. */
export async function lateNotesOfClinic(staff: Staff, now = new Date()) {
  if (!reachesEveryCouple(staff, "note:status")) return [];
  const where = noteWhere(staff, "note:status");
  if (!where) return [];
  const clinic = await db.clinic.findUniqueOrThrow({ where: { id: staff.clinicId }, select: { noteLateHours: true } });
  const cutoff = new Date(now.getTime() - clinic.noteLateHours * HOUR);
  const rows = await db.session.findMany({
    where: { AND: [where, UNSIGNED_NOTE, { endsAt: { lt: cutoff } }] },
    select: SELECT,
    orderBy: [{ endsAt: "asc" }, { id: "asc" }],
    take: LIST_LIMIT,
  });
  return rows.map(row);
}

function row(s: { id: string; kind: string; startsAt: Date; endsAt: Date; coupleId: string; couple: { partnerA: { firstName: string; lastName: string }; partnerB: { firstName: string; lastName: string } }; clinicians: { user: { name: string } }[] }) {
  return { sessionId: s.id, kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt, coupleId: s.coupleId, couple: coupleNames(s.couple.partnerA, s.couple.partnerB), clinicians: s.clinicians.map((c) => c.user.name) };
}

export type NoteToWrite = Awaited<ReturnType<typeof notesToWrite>>[number];
export type LateNote = Awaited<ReturnType<typeof lateNotesOfClinic>>[number];
