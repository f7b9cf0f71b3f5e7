import "server-only";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
import type { Tx } from "../db/prisma";
import { NotFoundError, RuleViolationError } from "../errors";
import { formatClinicSlot } from "../protocol/calendar";
import { SESSION_KIND_LABELS } from "../protocol/labels";
import type { SessionKind } from "../protocol/types";
import type { TRoomActive, TRoomEdit } from "./rooms";

// Editing a room (issue 14) must not break a session already booked in it (P9): a capacity below
// a booked session's head count, dosing equipment taken from a room holding a medicine session,
// or a room taken out of use with sessions still to come is refused, with those sessions named.
//
// Race-safety. The check and the update run in one transaction that first locks the room's row
// (SELECT … FOR UPDATE). A booking or move takes the same row FOR SHARE before the protocol
// engine judges it, and re-reads the room then (lib/scheduling/lock-rooms.ts), so:
// - a booking already past its lock holds FOR SHARE (and its inserted session's foreign key
//   holds FOR KEY SHARE) until it commits; FOR UPDATE waits for both, and the check below, a
//   later statement, then sees its session;
// - a booking that comes while the edit holds the lock waits, and is then judged against the
//   room as edited (P9 refuses it).
// Locking the room and not the whole Session table keeps bookings of other rooms untouched; a
// SERIALIZABLE edit alone would not help, as bookings run READ COMMITTED.

/** How many of the sessions in the way a refusal names; the rest are counted. */
const NAMED = 10;

/** The room's lock may wait for bookings in it to commit: as long as a booking may take (under-protocol.ts). */
const WAIT = { timeout: 20_000, maxWait: 20_000 };

const persons = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

type Room = { id: string; name: string; capacity: number; dosingEquipped: boolean; active: boolean };
type InTheWay = { id: string; kind: SessionKind; startsAt: Date; endsAt: Date; people: number; total: number };

/** Edits a room's name, capacity and dosing equipment, unless that breaks a booked session (P9). */
export async function updateRoom(staff: Staff, input: TRoomEdit) {
  try {
    return await db.$transaction(async (tx) => {
      const { room, timeZone } = await lockRoom(tx, staff, input.roomId);
      const dropsDosing = room.dosingEquipped && !input.dosingEquipped;
      if (input.capacity < room.capacity) {
        const crowded = await sessionsInTheWay(tx, room.id, { overCapacity: input.capacity });
        if (crowded.length > 0) {
          const has = crowded[0].total === 1 ? "has" : "have";
          throw refusal(`Room ${room.name} would then hold ${persons(input.capacity)}, but ${count(crowded, "booked session")} there ${has} more`, crowded, timeZone, {
            each: (s) => ` (${persons(s.people)})`,
            then: "Lower the capacity once they are moved.",
          });
        }
      }
      if (dropsDosing) {
        const medicine = await sessionsInTheWay(tx, room.id, { medicine: true });
        if (medicine.length > 0) {
          throw refusal(`${room.name} holds ${count(medicine, "booked medicine session")}, and medicine sessions need a dosing-equipped room`, medicine, timeZone, {
            then: "Move them to another dosing room first.",
          });
        }
      }
      const updated = await tx.room.update({ where: { id: room.id }, data: { name: input.name, capacity: input.capacity, dosingEquipped: input.dosingEquipped } });
      await recordAudit(tx, staff, { action: "update", entity: "Room", entityId: room.id, outcome: "ALLOWED" });
      return updated;
    }, WAIT);
  } catch (error) {
    // A name another room has, refused by the database's unique index: in lib/db/errors.ts's words.
    throw asAppError(error);
  }
}

/**
 * Takes a room out of use (it is then offered for no booking or plan, and P9 refuses it), or back
 * into use. A room with sessions still to come stays in use until they are moved or cancelled.
 */
export async function setRoomActive(staff: Staff, input: TRoomActive) {
  return db.$transaction(async (tx) => {
    const { room, timeZone } = await lockRoom(tx, staff, input.roomId);
    if (!input.active && room.active) {
      const booked = await sessionsInTheWay(tx, room.id, { any: true });
      if (booked.length > 0) {
        throw refusal(`${room.name} holds ${count(booked, "booked session")} still to come`, booked, timeZone, { then: "Move or cancel them before taking the room out of use." });
      }
    }
    const updated = await tx.room.update({ where: { id: room.id }, data: { active: input.active } });
    await recordAudit(tx, staff, { action: input.active ? "reactivate" : "deactivate", entity: "Room", entityId: room.id, outcome: "ALLOWED" });
    return updated;
  }, WAIT);
}

/** The room's row, locked until the transaction ends; another clinic's room is not found (P11). */
async function lockRoom(tx: Tx, staff: Staff, roomId: string): Promise<{ room: Room; timeZone: string }> {
  const [room] = await tx.$queryRaw<(Room & { timeZone: string })[]>`
    SELECT r."id"::text AS "id", r."name", r."capacity", r."dosingEquipped", r."active", c."timeZone"
      FROM "Room" r JOIN "Clinic" c ON c."id" = r."clinicId"
     WHERE r."id" = ${roomId}::uuid AND r."clinicId" = ${staff.clinicId}::uuid
       FOR UPDATE OF r`;
  if (!room) throw new NotFoundError("The room");
  const { timeZone, ...rest } = room;
  return { room: rest, timeZone };
}

/**
 * The room's booked sessions (scheduled or checked in) not yet over that a change would break,
 * soonest first, the first few of them with how many there are in all. A session's head count is
 * P9's: its partners and its clinicians.
 */
async function sessionsInTheWay(tx: Tx, roomId: string, breaks: { overCapacity?: number; medicine?: boolean; any?: boolean }): Promise<InTheWay[]> {
  const now = new Date();
  // A session lasts hours, never a day: the bound on its start lets the (roomId, startsAt) index
  // skip the room's history.
  const since = new Date(now.getTime() - 24 * 3600_000);
  return tx.$queryRaw<InTheWay[]>`
    WITH upcoming AS (
      SELECT s."id"::text AS "id", s."kind"::text AS "kind", s."startsAt", s."endsAt",
             ((SELECT count(*) FROM "SessionAttendee" a WHERE a."sessionId" = s."id")
              + (SELECT count(*) FROM "SessionClinician" k WHERE k."sessionId" = s."id"))::int AS "people"
        FROM "Session" s
       WHERE s."roomId" = ${roomId}::uuid AND s."status" IN ('SCHEDULED', 'CHECKED_IN')
         AND s."startsAt" >= ${since} AND s."endsAt" > ${now}
    )
    SELECT *, (count(*) OVER ())::int AS "total"
      FROM upcoming
     WHERE ${breaks.any === true}::boolean
        OR (${breaks.medicine === true}::boolean AND "kind" IN ('MEDICINE_TAKING_TURNS', 'MEDICINE_LOW_DOSE'))
        OR "people" > ${breaks.overCapacity ?? 2_147_483_647}::int
     ORDER BY "startsAt", "id"
     LIMIT ${NAMED}::int`;
}

function count(sessions: InTheWay[], what: string): string {
  const total = sessions[0].total;
  return `${total} ${what}${total === 1 ? "" : "s"}`;
}

/**
 * "P9: Cedar holds 2 booked sessions still to come: Couples therapy on Tue 3 Mar 10:00–11:00;
 * Integration on Wed 4 Mar 09:00–10:30. Move or cancel them …". Kinds and times only, no names:
 * an admin reaches no couple (P11), and the calendar shows them the same.
 */
function refusal(lead: string, sessions: InTheWay[], timeZone: string, words: { each?: (s: InTheWay) => string; then: string }): RuleViolationError {
  const named = sessions.map((s) => `${SESSION_KIND_LABELS[s.kind]} on ${formatClinicSlot(s.startsAt, s.endsAt, timeZone)}${words.each?.(s) ?? ""}`);
  const more = sessions[0].total - sessions.length;
  const list = more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
  return new RuleViolationError("P9", `${lead}: ${list}. ${words.then}`, sessions.map((s) => s.id));
}
