import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { coupleScope } from "./access";

/**
 * One couple with its cycles and sessions, if this staff member may see it. Out of scope and
 * missing look the same (not found), so ids cannot be probed.
 */
export async function getCoupleForStaff(staff: Staff, coupleId: string) {
  const scope = coupleScope(staff);
  if (!scope) throw new NotFoundError("The couple");
  const couple = await db.couple.findFirst({
    where: { AND: [scope, { id: coupleId }] },
    include: {
      partnerA: true,
      partnerB: true,
      couplesTherapist: { select: { id: true, name: true } },
      partnerAKapTherapist: { select: { id: true, name: true } },
      partnerBKapTherapist: { select: { id: true, name: true } },
      cycles: { orderBy: { createdAt: "desc" } },
      sessions: {
        orderBy: { startsAt: "asc" },
        include: {
          room: { select: { name: true } },
          clinicians: { include: { user: { select: { name: true } } } },
          attendees: { select: { clientId: true, role: true } },
        },
      },
    },
  });
  if (!couple) throw new NotFoundError("The couple");
  return couple;
}

export type CoupleDetail = Awaited<ReturnType<typeof getCoupleForStaff>>;
