import "server-only";
import { db } from "../db";

/** A psychiatrist's medical evaluations, with the clearance each produced (if any). */
export async function evaluationsFor(psychiatristId: string) {
  const sessions = await db.session.findMany({
    where: { kind: "MEDICAL_EVALUATION", clinicians: { some: { userId: psychiatristId } } },
    orderBy: { startsAt: "asc" },
    include: {
      room: { select: { name: true } },
      attendees: { include: { client: { select: { id: true, firstName: true, lastName: true } } } },
    },
  });
  const clearances = await db.clearance.findMany({
    where: { evaluationSessionId: { in: sessions.map((s) => s.id) } },
    select: { id: true, evaluationSessionId: true, decision: true, validUntil: true, signedAt: true, revocation: { select: { id: true } } },
    // The latest clearance of an evaluation (an amendment keeps its evaluation) wins in the map below.
    orderBy: { createdAt: "asc" },
  });
  const bySession = new Map(clearances.map((c) => [c.evaluationSessionId, c]));
  return sessions.map((s) => ({
    id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    status: s.status,
    room: s.room?.name ?? null,
    coupleId: s.coupleId,
    partner: s.attendees[0]?.client,
    clearance: bySession.get(s.id) ?? null,
  }));
}
