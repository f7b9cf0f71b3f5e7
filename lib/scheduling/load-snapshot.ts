import "server-only";
import type { Tx } from "../db/prisma";
import { NotFoundError } from "../errors";
import { toSnapshotClearance } from "../clearance/in-force";
import { settingsFromClinic, type CycleSnapshot } from "../protocol";

/**
 * Takes the couple's row lock for the rest of the transaction. Every change to a couple's
 * schedule goes through it, so two changes to one couple cannot both pass the engine on the
 * same stale picture (P4's window, P5's alternation); the database's EXCLUDE constraints
 * cover clashes between couples.
 */
export async function lockCouple(tx: Tx, coupleId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Couple" WHERE "id" = ${coupleId}::uuid FOR UPDATE`;
}

/**
 * The protocol engine's picture of one couple (PROTOCOL.md): every session of the couple, both
 * partners' clearances, recorded rides home, the clinic's rooms and settings. `cycleId` names
 * the cycle being judged; null judges couples therapy outside any cycle.
 */
export async function loadCoupleSnapshot(tx: Tx, clinicId: string, coupleId: string, cycleId: string | null): Promise<CycleSnapshot> {
  // One statement (Prisma's relationJoins): it runs on every schedule change, and each round
  // trip to the database costs the booking more than the rows it brings.
  const clearances = {
    include: { psychiatrist: { select: { roles: true } }, revocation: { select: { id: true } }, supersededBy: { select: { id: true, signedAt: true } } },
  } as const;
  const couple = await tx.couple.findFirst({
    where: { id: coupleId, clinicId },
    include: {
      clinic: { include: { rooms: true, staff: { select: { id: true, name: true } } } },
      partnerA: { include: { clearances } },
      partnerB: { include: { clearances } },
      cycles: cycleId ? { where: { id: cycleId } } : false,
      sessions: {
        include: {
          clinicians: { select: { userId: true } },
          attendees: { select: { clientId: true } },
          dosingRecords: { where: { rideHomeName: { not: null }, rideHomePhone: { not: null } }, select: { sessionId: true, clientId: true } },
        },
      },
    },
  });
  if (!couple) throw new NotFoundError("The couple");
  const cycle = cycleId ? couple.cycles?.[0] : null;
  if (cycleId && !cycle) throw new NotFoundError("The cycle");

  return {
    // Couples therapy outside a cycle is judged for overlaps, rooms and hours only: a stand-in
    // cycle that owns no session leaves the cycle rules nothing to check.
    cycle: cycle ? { id: cycle.id, model: cycle.model, format: cycle.format } : { id: "none", model: "TAKING_TURNS", format: "FULL" },
    couple: {
      id: couple.id,
      couplesTherapistId: couple.couplesTherapistId,
      partners: [
        { id: couple.partnerAId, name: couple.partnerA.preferredName ?? couple.partnerA.firstName, kapTherapistId: couple.partnerAKapTherapistId },
        { id: couple.partnerBId, name: couple.partnerB.preferredName ?? couple.partnerB.firstName, kapTherapistId: couple.partnerBKapTherapistId },
      ],
    },
    sessions: couple.sessions.map((s) => ({
      id: s.id,
      kind: s.kind,
      status: s.status,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      roomId: s.roomId,
      journeyerId: s.journeyerId,
      medicineSessionId: s.medicineSessionId,
      clinicianIds: s.clinicians.map((c) => c.userId),
      partnerIds: s.attendees.map((a) => a.clientId),
      cycleId: s.cycleId,
    })),
    // One mapping for the engine, the clearance pages and the dosing day (a draft amendment
    // replaces nothing until the psychiatrist signs it).
    clearances: [...couple.partnerA.clearances, ...couple.partnerB.clearances].map(toSnapshotClearance),
    rideHomes: couple.sessions.flatMap((s) => s.dosingRecords),
    rooms: couple.clinic.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, dosingEquipped: r.dosingEquipped, active: r.active })),
    settings: settingsFromClinic(couple.clinic),
    staff: couple.clinic.staff,
  };
}

/** The snapshot of the cycle a session belongs to (or of its couple, for couples therapy). */
export async function loadSnapshotForSession(tx: Tx, sessionId: string, clinicId: string) {
  const session = await tx.session.findFirst({ where: { id: sessionId, clinicId }, select: { coupleId: true, cycleId: true } });
  if (!session) throw new NotFoundError("The session");
  await lockCouple(tx, session.coupleId);
  return { session, snapshot: await loadCoupleSnapshot(tx, clinicId, session.coupleId, session.cycleId) };
}
