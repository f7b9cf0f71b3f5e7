import "server-only";
import { db } from "../db";
import { coupleNames } from "../couples/list-couples";

const include = {
  room: { select: { name: true } },
  couple: { select: { id: true, partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } },
  clinicians: { select: { user: { select: { name: true } } } },
} as const;

export type AgendaItem = {
  id: string;
  kind: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  coupleId: string;
  couple: string;
  clinicians: string[];
};

type Row = Awaited<ReturnType<typeof findSessions>>[number];
const findSessions = (where: NonNullable<Parameters<typeof db.session.findMany>[0]>["where"]) =>
  db.session.findMany({ where, include, orderBy: { startsAt: "asc" }, take: 200 });

function toAgenda(rows: Row[]): AgendaItem[] {
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    status: s.status,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.room?.name ?? null,
    coupleId: s.couple.id,
    couple: coupleNames(s.couple.partnerA, s.couple.partnerB),
    clinicians: s.clinicians.map((c) => c.user.name),
  }));
}

/** A clinician's own sessions in a time range. */
export async function clinicianAgenda(userId: string, from: Date, to: Date) {
  return toAgenda(await findSessions({ clinicians: { some: { userId } }, startsAt: { gte: from, lt: to }, status: { not: "CANCELLED" } }));
}

/** Every session of the clinic in a time range (the front desk's day). */
export async function clinicAgenda(clinicId: string, from: Date, to: Date) {
  return toAgenda(await findSessions({ clinicId, startsAt: { gte: from, lt: to } }));
}
