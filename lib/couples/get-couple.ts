import "server-only";
import type { Permission } from "../auth/permissions";
import { coupleWhere, type CoupleFacts, type SessionFacts } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { NotFoundError } from "../errors";

/** The couple's therapists, by name (the couple page, its edit and plan pages). */
export const COUPLE_THERAPISTS = {
  couplesTherapist: { select: { id: true, name: true } },
  partnerAKapTherapist: { select: { id: true, name: true } },
  partnerBKapTherapist: { select: { id: true, name: true } },
} as const;

/** A session as the couple's list shows it: its room, clinicians and partners. */
export const SESSION_LISTED = {
  room: { select: { name: true } },
  clinicians: { include: { user: { select: { name: true } } } },
  attendees: { select: { clientId: true, role: true } },
} as const;

/**
 * One couple with its cycles and sessions, if this staff member reaches it for the permission
 * (reading it, by default). Out of reach and missing look the same (not found), so ids cannot be
 * probed.
 */
export async function getCoupleForStaff(staff: Staff, coupleId: string, permission: Permission = "couple:read") {
  const scope = coupleWhere(staff, permission);
  if (!scope) throw new NotFoundError("The couple");
  const couple = await db.couple.findFirst({
    where: { AND: [scope, { id: coupleId }] },
    include: {
      partnerA: { include: { clearances: { select: { clientId: true, psychiatristId: true } } } },
      partnerB: { include: { clearances: { select: { clientId: true, psychiatristId: true } } } },
      ...COUPLE_THERAPISTS,
      cycles: { orderBy: { createdAt: "desc" } },
      sessions: { orderBy: { startsAt: "asc" }, include: SESSION_LISTED },
    },
  });
  if (!couple) throw new NotFoundError("The couple");
  return couple;
}

export type CoupleDetail = Awaited<ReturnType<typeof getCoupleForStaff>>;

/** The couple as reach reads it (lib/auth/reach.ts), for a page that holds it already. */
export function coupleFactsOfDetail(couple: CoupleDetail): CoupleFacts {
  return {
    couplesTherapistId: couple.couplesTherapistId,
    partners: [
      { id: couple.partnerAId, kapTherapistId: couple.partnerAKapTherapistId },
      { id: couple.partnerBId, kapTherapistId: couple.partnerBKapTherapistId },
    ],
    sessions: couple.sessions.map(sessionFactsOf),
    clearances: [...couple.partnerA.clearances, ...couple.partnerB.clearances],
  };
}

export function sessionFactsOf(s: CoupleDetail["sessions"][number]): SessionFacts {
  return { kind: s.kind, status: s.status, journeyerId: s.journeyerId, clinicianIds: s.clinicians.map((c) => c.userId), partnerIds: s.attendees.map((a) => a.clientId) };
}
