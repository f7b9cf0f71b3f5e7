import "server-only";
import type { Tx } from "../db/prisma";
import type { CycleSnapshot, ProposedChange } from "../protocol";
import { movesOf } from "../protocol/apply-change";
import type { Room } from "../protocol/types";

/**
 * The rooms a change books or moves sessions into, locked FOR SHARE until the transaction ends,
 * and the snapshot with those rooms as they are now. An admin's edit of a room (lib/rooms/
 * change-room.ts) holds the row FOR UPDATE while it checks the room's booked sessions: a booking
 * then waits here and is judged (P9: capacity, dosing equipment, in use) against the room as
 * edited, not as the snapshot read it a moment before; and an edit that comes after this lock
 * waits for the booking to commit, then sees its session. Shared locks do not block each other,
 * so bookings of one room still run side by side (P8's EXCLUDE constraints judge those).
 */
export async function lockRoomsOf(tx: Tx, snapshot: CycleSnapshot, change: ProposedChange): Promise<CycleSnapshot> {
  const ids = [...new Set(roomsOf(snapshot, change))].sort();
  if (ids.length === 0) return snapshot;
  // Sorted ids, locked in that order: two bookings of the same rooms never wait on each other in a cycle.
  const rows = await tx.$queryRaw<Room[]>`
    SELECT "id"::text AS "id", "name", "capacity", "dosingEquipped", "active"
      FROM "Room" WHERE "id" = ANY(${ids}::uuid[])
     ORDER BY "id"
       FOR SHARE`;
  const fresh = new Map(rows.map((r) => [r.id, r]));
  return { ...snapshot, rooms: snapshot.rooms.map((r) => fresh.get(r.id) ?? r) };
}

function roomsOf(snapshot: CycleSnapshot, change: ProposedChange): string[] {
  if (change.type === "book") return change.sessions.flatMap((s) => (s.roomId ? [s.roomId] : []));
  if (change.type === "move" || change.type === "moveMany") {
    return movesOf(change).flatMap((m) => {
      const roomId = m.roomId === undefined ? snapshot.sessions.find((s) => s.id === m.sessionId)?.roomId : m.roomId;
      return roomId ? [roomId] : [];
    });
  }
  return [];
}
