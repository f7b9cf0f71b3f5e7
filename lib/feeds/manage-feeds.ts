import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/record";
import { can } from "../auth/permissions";
import { FEED_PERMISSION, feedWhere, type FeedScope } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db, type Tx } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { isTokenShaped, tokenHash } from "../measures/measure-links";

// Calendar feeds (issue 15): a staff member makes, regenerates and revokes their own; an admin
// revokes anyone's in their clinic. The token is 32 random bytes (as a measure link's), of which
// only the SHA-256 is stored: its address is shown once, when it is made.

export { isTokenShaped, tokenHash };

/** The feed's address on this server: `/feeds/<token>.ics`. */
export const feedPath = (token: string) => `/feeds/${token}.ics`;

/** The token in a feed's last path segment ("<token>.ics"), or null when it is not one of ours. */
export function tokenOfFeedFile(file: string): string | null {
  const match = /^(.+)\.ics$/.exec(file);
  return match && isTokenShaped(match[1]) ? match[1] : null;
}

export type MadeFeed = { feedId: string; path: string; scope: FeedScope; roomName: string | null };

/**
 * Makes the staff member's feed of this scope (their own sessions, a room, the clinic). A feed
 * they already have of the same scope is revoked in the same transaction: "regenerate" is making
 * it again, and the old address stops at once.
 */
export async function makeFeed(staff: Staff, scope: FeedScope, roomId: string | null = null, now = new Date()): Promise<MadeFeed & { token: string }> {
  if (!can(staff.roles, FEED_PERMISSION[scope])) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const room = scope === "ROOM" && roomId ? await tx.room.findFirst({ where: { id: roomId, clinicId: staff.clinicId }, select: { id: true, name: true } }) : null;
    if (scope === "ROOM" && !room) throw new NotFoundError("The room");
    const earlier = await revokeLive(tx, staff, { ownerId: staff.id, scope, roomId: room?.id ?? null }, now);
    const token = randomBytes(32).toString("base64url");
    const feed = await tx.calendarFeed.create({
      data: { clinicId: staff.clinicId, ownerId: staff.id, scope, roomId: room?.id ?? null, tokenHash: tokenHash(token), createdAt: now },
      select: { id: true },
    });
    await recordAudit(tx, staff, { action: earlier > 0 ? "regenerate" : "create", entity: "CalendarFeed", entityId: feed.id, outcome: "ALLOWED" });
    return { feedId: feed.id, token, path: feedPath(token), scope, roomName: room?.name ?? null };
  });
}

/** Revokes the live feeds matching `where` (at most one, by the unique index); returns how many. */
async function revokeLive(tx: Tx, staff: Staff, where: { ownerId: string; scope: FeedScope; roomId: string | null }, now: Date): Promise<number> {
  const live = await tx.calendarFeed.findMany({ where: { ...where, revokedAt: null }, select: { id: true } });
  if (live.length === 0) return 0;
  await tx.calendarFeed.updateMany({ where: { id: { in: live.map((f) => f.id) }, revokedAt: null }, data: { revokedAt: now, revokedById: staff.id } });
  return live.length;
}

/**
 * Revokes one feed: the staff member's own ("feed:subscribe"), or, for an admin, anyone's in
 * their clinic ("staff:manage"). A feed out of reach, or already revoked, is not found.
 */
export async function revokeFeed(staff: Staff, feedId: string, permission: "feed:subscribe" | "staff:manage", now = new Date()): Promise<{ revoked: true }> {
  const reach = feedWhere(staff, permission);
  if (!reach) throw new NotFoundError("The calendar feed");
  return db.$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.updateMany({ where: { AND: [reach, { id: feedId, revokedAt: null }] }, data: { revokedAt: now, revokedById: staff.id } });
    if (count === 0) throw new NotFoundError("The calendar feed");
    await recordAudit(tx, staff, { action: "revoke", entity: "CalendarFeed", entityId: feedId, outcome: "ALLOWED" });
    return { revoked: true as const };
  });
}

export type FeedRow = { id: string; scope: FeedScope; roomId: string | null; roomName: string | null; createdAt: Date; lastFetchedAt: Date | null };

/** A feed's name on the admin's staff page: "Own sessions", "Room: Cedar", "Whole clinic". */
export function feedName(feed: Pick<FeedRow, "scope" | "roomName">): string {
  if (feed.scope === "CLINICIAN") return "Own sessions";
  return feed.scope === "ROOM" ? `Room: ${feed.roomName ?? "?"}` : "Whole clinic";
}

/** A person's live feeds, for their own page or an admin's view of the account. */
export async function liveFeedsOf(ownerId: string, clinicId: string): Promise<FeedRow[]> {
  const rows = await db.calendarFeed.findMany({
    where: { ownerId, clinicId, revokedAt: null },
    select: { id: true, scope: true, roomId: true, createdAt: true, lastFetchedAt: true, room: { select: { name: true } } },
    orderBy: [{ scope: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(({ room, ...row }) => ({ ...row, roomName: room?.name ?? null }));
}
