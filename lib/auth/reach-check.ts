import "server-only";
import type { Db, Tx } from "../db/prisma";
import { db } from "../db";
import type { Permission } from "./permissions";
import { clearanceWhere, coupleWhere, feedWhere, lotWhere, noteWhere, partnerWhere, roomWhere, sessionWhere, staffWhere, type Reacher } from "./reach";

// Checking that one record, named by id, is within the caller's reach (lib/auth/reach.ts): for
// server actions before they read anything else, and for domain functions that load a record.
// Out of reach and missing are the same answer, so ids cannot be probed.

/** "note": a session's note (P13), named by the session's id, reached as notes are (noteWhere). */
export type RecordKind = "couple" | "partner" | "session" | "note" | "clearance" | "staff" | "lot" | "logEntry" | "feed" | "room";

/** What the not-found answer calls each kind of record. */
export const RECORD_NAMES: Record<RecordKind, string> = {
  couple: "The couple",
  partner: "The partner",
  session: "The session",
  note: "The session",
  clearance: "The clearance",
  staff: "The staff account",
  lot: "The lot",
  logEntry: "The log entry",
  feed: "The calendar feed",
  room: "The room",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRecordId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Counts the one record if it is reached; each kind's filter comes from reach.ts. */
const COUNTERS: Record<RecordKind, (client: Db | Tx, staff: Reacher, permission: Permission, id: string) => Promise<number>> = {
  couple: (client, staff, permission, id) => counted(coupleWhere(staff, permission), (where) => client.couple.count({ where: { AND: [where, { id }] } })),
  partner: (client, staff, permission, id) => counted(partnerWhere(staff, permission), (where) => client.client.count({ where: { AND: [where, { id }] } })),
  session: (client, staff, permission, id) => counted(sessionWhere(staff, permission), (where) => client.session.count({ where: { AND: [where, { id }] } })),
  note: (client, staff, permission, id) => counted(noteWhere(staff, permission), (where) => client.session.count({ where: { AND: [where, { id }] } })),
  clearance: (client, staff, permission, id) => counted(clearanceWhere(staff, permission), (where) => client.clearance.count({ where: { AND: [where, { id }] } })),
  staff: (client, staff, permission, id) => counted(staffWhere(staff, permission), (where) => client.user.count({ where: { AND: [where, { id }] } })),
  lot: (client, staff, permission, id) => counted(lotWhere(staff, permission), (where) => client.substanceLot.count({ where: { AND: [where, { id }] } })),
  logEntry: (client, staff, permission, id) => counted(lotWhere(staff, permission), (where) => client.substanceLogEntry.count({ where: { id, lot: where } })),
  feed: (client, staff, permission, id) => counted(feedWhere(staff, permission), (where) => client.calendarFeed.count({ where: { AND: [where, { id }] } })),
  room: (client, staff, permission, id) => counted(roomWhere(staff, permission), (where) => client.room.count({ where: { AND: [where, { id }] } })),
};

function counted<W>(where: W | null, count: (where: W) => Promise<number>): Promise<number> {
  return where ? count(where) : Promise.resolve(0);
}

/** Whether the record exists and the staff member reaches it for this permission. */
export async function reachesRecord(staff: Reacher, permission: Permission, kind: RecordKind, id: unknown, client: Db | Tx = db): Promise<boolean> {
  if (!isRecordId(id)) return false;
  return (await COUNTERS[kind](client, staff, permission, id)) > 0;
}
