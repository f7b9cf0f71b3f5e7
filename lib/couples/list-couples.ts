import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { clinicDateOnly } from "../format/clinic-time";
import { coupleWhere } from "../auth/reach";
import { coupleStage } from "./stage";

export type CoupleRow = {
  id: string;
  names: string;
  partners: { id: string; name: string; email: string | null; phone: string | null }[];
  couplesTherapist: string;
  stage: ReturnType<typeof coupleStage>;
  nextSession: Date | null;
};

/** Couples per page of the list: a clinic group's front desk sees thousands. */
export const COUPLES_PAGE_SIZE = 50;

export type CouplePage = { rows: CoupleRow[]; total: number; page: number; pages: number };

/**
 * One page of the couples this staff member may see, optionally filtered by a partner's name or
 * email. Pages count from 1; past the last page gives the last. (Unpaged, the bench's clinic of
 * 2,000 couples made a 2.5 MB page that took 2.6 s to serve.)
 */
export async function listCouples(staff: Staff, timeZone: string, options: { query?: string; page?: number } = {}, now = new Date()): Promise<CouplePage> {
  const today = clinicDateOnly(now, timeZone);
  const scope = coupleWhere(staff, "couple:read");
  if (!scope) return { rows: [], total: 0, page: 1, pages: 1 };
  const q = (options.query ?? "").trim();
  const nameMatch = q
    ? {
        OR: (["partnerA", "partnerB"] as const).flatMap((p) => [
          { [p]: { firstName: { contains: q, mode: "insensitive" as const } } },
          { [p]: { lastName: { contains: q, mode: "insensitive" as const } } },
          { [p]: { email: { contains: q, mode: "insensitive" as const } } },
        ]),
      }
    : {};
  const where = { AND: [scope, nameMatch] };
  const total = await db.couple.count({ where });
  const pages = Math.max(1, Math.ceil(total / COUPLES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  // The page's ids first, then their details: with the details in the same statement,
  // PostgreSQL built every couple's joined details before sorting and cutting the page (1.5 s
  // for 2,000 couples).
  const pageIds = (
    await db.couple.findMany({
      where,
      skip: (page - 1) * COUPLES_PAGE_SIZE,
      take: COUPLES_PAGE_SIZE,
      select: { id: true },
      // The id last, so that pages never share or skip a couple when names repeat.
      orderBy: [{ partnerA: { lastName: "asc" } }, { partnerA: { firstName: "asc" } }, { id: "asc" }],
    })
  ).map((c) => c.id);
  const details = await db.couple.findMany({
    where: { id: { in: pageIds } },
    include: {
      partnerA: { include: { clearances: { where: clearanceInForce(today) } } },
      partnerB: { include: { clearances: { where: clearanceInForce(today) } } },
      couplesTherapist: { select: { name: true } },
      cycles: { orderBy: { createdAt: "desc" }, take: 1, include: { sessions: { include: { attendees: { select: { clientId: true } } } } } },
      sessions: { where: { startsAt: { gte: now }, status: "SCHEDULED" }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
    },
  });
  const byId = new Map(details.map((c) => [c.id, c]));
  const rows = pageIds.map((id) => {
    const c = byId.get(id)!;
    const cycle = c.cycles[0] ?? null;
    const partners = [c.partnerA, c.partnerB];
    return {
      id: c.id,
      names: coupleNames(c.partnerA, c.partnerB),
      partners: partners.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}`, email: p.email, phone: p.phone })),
      couplesTherapist: c.couplesTherapist.name,
      stage: coupleStage({
        cycle,
        sessions: (cycle?.sessions ?? []).map((s) => ({ kind: s.kind, status: s.status, partnerIds: s.attendees.map((a) => a.clientId) })),
        partnerIds: [c.partnerAId, c.partnerBId],
        clearedPartnerIds: partners.filter((p) => p.clearances.length > 0).map((p) => p.id),
      }),
      nextSession: c.sessions[0]?.startsAt ?? null,
    };
  });
  return { rows, total, page, pages };
}

export function coupleNames(a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }): string {
  return a.lastName === b.lastName ? `${a.firstName} & ${b.firstName} ${a.lastName}` : `${a.firstName} ${a.lastName} & ${b.firstName} ${b.lastName}`;
}

/** A signed, unrevoked, unsuperseded clearance that lets the partner dose and is valid today. */
export function clearanceInForce(today: Date) {
  return {
    signedAt: { not: null },
    decision: { in: ["CLEARED" as const, "CLEARED_WITH_CONDITIONS" as const] },
    revocation: { is: null },
    supersededBy: { is: null },
    validUntil: { gte: today },
    evaluatedOn: { lte: today },
  };
}

/** The couples this staff member may book for, as choices for a form. */
export async function coupleOptions(staff: Staff): Promise<{ id: string; name: string }[]> {
  const scope = coupleWhere(staff, "session:book");
  if (!scope) return [];
  const couples = await db.couple.findMany({
    where: { AND: [scope, { active: true }] },
    select: { id: true, partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } },
    orderBy: [{ partnerA: { lastName: "asc" } }],
  });
  return couples.map((c) => ({ id: c.id, name: coupleNames(c.partnerA, c.partnerB) }));
}
