import "server-only";
import type { Tx } from "../db/prisma";
import { NotFoundError } from "../errors";
import { toSnapshotClearance, type ClearanceFacts } from "../clearance/in-force";
import { settingsFromClinic, type CycleSnapshot } from "../protocol";
import type { CycleFormat, KapModel, Room, SafetyDecision, SnapshotSession } from "../protocol/types";
import { SAFETY_SCREEN_MAX_DAYS } from "../protocol/settings";

/**
 * Takes the couple's row lock for the rest of the transaction. Every change to a couple's
 * schedule goes through it, so two changes to one couple cannot both pass the engine on the
 * same stale picture (P4's window, P5's alternation); the database's EXCLUDE constraints
 * cover clashes between couples. In the same statement, a share lock on the clinic's row:
 * changes to schedules take it side by side, and declaring a closure waits for them with a
 * stronger one (lockClinicForClosure), so a booking either sees a closure declared before it
 * (P10 refuses it) or is done before the closure lists the sessions inside it.
 */
export async function lockCouple(tx: Tx, coupleId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Couple" co JOIN "Clinic" cl ON cl."id" = co."clinicId" WHERE co."id" = ${coupleId}::uuid FOR UPDATE OF co FOR SHARE OF cl`;
}

/**
 * Declaring a closure: waits for the schedule changes under way (they hold the
 * clinic's row in share mode, lockCouple) and holds the next ones until it commits. NO KEY
 * UPDATE, so inserts that only refer to the clinic (audit rows, sessions' keys) go on.
 */
export async function lockClinicForClosure(tx: Tx, clinicId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Clinic" WHERE "id" = ${clinicId}::uuid FOR NO KEY UPDATE`;
}

/** A partner's clearances as the engine reads them (lib/clearance/in-force.ts). */
export const SNAPSHOT_CLEARANCES = {
  include: { psychiatrist: { select: { roles: true } }, revocation: { select: { id: true } }, supersededBy: { select: { id: true, signedAt: true } } },
} as const;

/** A session as the engine reads it: its people and whether a ride home is recorded. */
export const SNAPSHOT_SESSION_PARTS = {
  clinicians: { select: { userId: true } },
  attendees: { select: { clientId: true } },
  dosingRecords: { where: { rideHomeName: { not: null }, rideHomePhone: { not: null } }, select: { sessionId: true, clientId: true } },
} as const;

/**
 * P12: the PHQ-9s that can still decide anything. The engine holds P12 at check-in, which P10
 * allows only on the session's own clinic day, so the screen that counts was taken from `days`
 * days before today on; the panel's next medicine session is today or later, so its window
 * starts later still; and nothing is taken after now. So PHQ-9s from the longest window a clinic
 * may set (60 days, read before the clinic's own setting is known) before today are every one a
 * decision made now can need, with two days to spare for the zone's offset and a daylight-saving
 * change. A partner takes a few at most in that time.
 */
export function screenedSince(now = new Date()): Date {
  return new Date(now.getTime() - (SAFETY_SCREEN_MAX_DAYS + 2) * 24 * 60 * 60_000);
}

/**
 * The closures (issue 14) a decision made now can meet: every one not over two days ago. The
 * engine judges sessions still to come, and nothing is booked or moved into the past; a clinic
 * declares a few a year, so the whole future is a handful of rows.
 */
export function snapshotClosures(now = new Date()) {
  return {
    where: { endsAt: { gt: new Date(now.getTime() - 2 * 24 * 60 * 60_000) } },
    select: { id: true, roomId: true, startsAt: true, endsAt: true, reason: true, room: { select: { name: true } } },
  } as const;
}

type ScreenRow = { id: string; clientId: string; instrument: string; takenAt: Date; answers: number[]; reviews: { screenId: string; decision: SafetyDecision; reviewedAt: Date }[] };
type PartnerRow = { firstName: string; preferredName: string | null; clearances: ClearanceFacts[]; measures: ScreenRow[] };

/** What the engine needs of a couple's row, however it was read (this loader, or a page's one read). */
export type SnapshotSource = {
  id: string;
  couplesTherapistId: string;
  partnerAId: string;
  partnerBId: string;
  partnerAKapTherapistId: string;
  partnerBKapTherapistId: string;
  partnerA: PartnerRow;
  partnerB: PartnerRow;
  cycles: { id: string; model: KapModel; format: CycleFormat }[];
  sessions: (Omit<SnapshotSession, "clinicianIds" | "partnerIds" | "cycleId"> & {
    cycleId: string | null;
    clinicians: { userId: string }[];
    attendees: { clientId: string }[];
    dosingRecords: { sessionId: string; clientId: string }[];
  })[];
  clinic: Parameters<typeof settingsFromClinic>[0] & { rooms: Room[]; staff: { id: string; name: string }[] };
};

/**
 * The protocol engine's picture of one couple (PROTOCOL.md): every session of the couple, both
 * partners' clearances and recent PHQ-9s with their safety reviews (P12), recorded rides home,
 * the clinic's rooms and settings, and its closures still to come (P10, P4). `cycleId` names the cycle being judged; null judges couples
 * therapy outside any cycle.
 */
export async function loadCoupleSnapshot(tx: Tx, clinicId: string, coupleId: string, cycleId: string | null): Promise<CycleSnapshot> {
  // One statement (Prisma's relationJoins): it runs on every schedule change, and each round
  // trip to the database costs the booking more than the rows it brings.
  const screens = {
    where: { instrument: "PHQ9", takenAt: { gte: screenedSince() } },
    select: { id: true, clientId: true, instrument: true, takenAt: true, answers: true, reviews: { select: { screenId: true, decision: true, reviewedAt: true } } },
  } as const;
  const couple = await tx.couple.findFirst({
    where: { id: coupleId, clinicId },
    include: {
      clinic: { include: { rooms: true, staff: { select: { id: true, name: true } }, closures: snapshotClosures() } },
      partnerA: { include: { clearances: SNAPSHOT_CLEARANCES, measures: screens } },
      partnerB: { include: { clearances: SNAPSHOT_CLEARANCES, measures: screens } },
      cycles: cycleId ? { where: { id: cycleId } } : false,
      sessions: { include: SNAPSHOT_SESSION_PARTS },
    },
  });
  if (!couple) throw new NotFoundError("The couple");
  return snapshotOf({ ...couple, cycles: couple.cycles ?? [] }, cycleId);
}

/**
 * The snapshot of one cycle of a couple already read (pure). Reads only the PHQ-9s recent enough
 * to decide anything, whatever else the row holds, so every reader gives the engine one picture.
 */
export function snapshotOf(couple: SnapshotSource, cycleId: string | null, now = new Date()): CycleSnapshot {
  const cycle = cycleId ? couple.cycles.find((c) => c.id === cycleId) : null;
  if (cycleId && !cycle) throw new NotFoundError("The cycle");
  const since = screenedSince(now).getTime();
  const phq9s = [...couple.partnerA.measures, ...couple.partnerB.measures].filter((m) => m.instrument === "PHQ9" && m.takenAt.getTime() >= since);

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
    rideHomes: couple.sessions.flatMap((s) => s.dosingRecords.map((r) => ({ sessionId: r.sessionId, clientId: r.clientId }))),
    rooms: couple.clinic.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, dosingEquipped: r.dosingEquipped, active: r.active })),
    settings: settingsFromClinic(couple.clinic),
    staff: couple.clinic.staff.map((s) => ({ id: s.id, name: s.name })),
    // PHQ-9 item 9 is the ninth answer (answers are each item's points, in order).
    screens: phq9s.map((m) => ({ id: m.id, clientId: m.clientId, takenAt: m.takenAt, item9: m.answers[8] ?? 0 })),
    safetyReviews: phq9s.flatMap((m) => m.reviews),
  };
}

/** The snapshot of the cycle a session belongs to (or of its couple, for couples therapy). */
export async function loadSnapshotForSession(tx: Tx, sessionId: string, clinicId: string) {
  const session = await tx.session.findFirst({ where: { id: sessionId, clinicId }, select: { coupleId: true, cycleId: true } });
  if (!session) throw new NotFoundError("The session");
  await lockCouple(tx, session.coupleId);
  return { session, snapshot: await loadCoupleSnapshot(tx, clinicId, session.coupleId, session.cycleId) };
}
