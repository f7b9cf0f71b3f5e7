import "server-only";
import type { Db, Tx } from "../db";
import { db } from "../db";
import { sessionEndAt, TOUCH_EVERY_MS, type SessionEnd, type SessionTimeouts } from "./session-timeouts";

// Server-side sessions: the JWT names one of these rows, and every request checks it. Timeouts
// and sign-out therefore hold even though a JWT cannot be taken back.

export type StaffSessionEndReason = "sign-out" | "idle" | "expired" | "account-changed";

export async function startStaffSession(userId: string, ip: string | null, now = new Date()): Promise<string> {
  const row = await db.staffSession.create({ data: { userId, ip, createdAt: now, lastSeenAt: now }, select: { id: true } });
  return row.id;
}

/**
 * The session row with its account and the account's clinic, in one statement: the request's
 * whole sign-in check reads the database once (pages then take the clinic from it).
 */
export function loadStaffSession(sessionId: string, userId: string) {
  return db.staffSession.findFirst({ where: { id: sessionId, userId }, include: { user: { include: { clinic: true } } } });
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof loadStaffSession>>>;

/**
 * Whether this session is live now; notes the request (to the half-minute) when it is, and
 * closes the row when it has timed out. Null means live.
 */
export async function checkStaffSession(row: Pick<SessionRow, "id" | "createdAt" | "lastSeenAt" | "endedAt"> | null, timeouts: SessionTimeouts, now = new Date()): Promise<SessionEnd | null> {
  if (!row) return "ended";
  const end = sessionEndAt(row, timeouts, now);
  if (end === "idle" || end === "expired") {
    await db.staffSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: now, endReason: end } });
  } else if (!end && now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.staffSession.updateMany({ where: { id: row.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return end;
}

export async function endStaffSession(sessionId: string, reason: StaffSessionEndReason, now = new Date()): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/** Ends every open session of an account: deactivated, new password or new roles. */
export async function endAllStaffSessions(tx: Tx | Db, userId: string, now = new Date()): Promise<void> {
  await tx.staffSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now, endReason: "account-changed" } });
}
