import "server-only";
import { recordAudit } from "../audit/record";
import { feedSessionWhere, type FeedScope } from "../auth/reach";
import { db } from "../db";
import { publicTriesThrottled, QUEUE_ON_LOCKS } from "../measures/link-throttle";
import { CANCELLED_KEPT_DAYS, FEED_WINDOW, feedCalendarText, type FeedSession } from "./feed-calendar";
import { tokenHash } from "./manage-feeds";

// A calendar app fetches a feed (GET /feeds/<token>.ics), without a session: the token is the
// credential. Every fetch checks, in one statement, that the feed is not revoked, that its owner's
// account is active and still holds the feed's permission (lib/auth/reach.ts), so a deactivated
// account's or a changed role's feeds stop at once. Each fetch is one audit row (one INSERT);
// refused ones count towards the per-address throttle that measure links use.

/** Audit action of a fetch; refused ones are what the throttle counts. */
export const FEED_FETCH = "fetch-feed";

const FEED_TRIES = { entity: "CalendarFeed", actions: [FEED_FETCH], namespace: 4 } as const;

/** The most events one feed carries: bounds the work of one fetch (a year of a busy clinic fits). */
export const FEED_MAX_EVENTS = 5_000;

export type FeedReply = { state: "ok"; body: string } | { state: "not-found" } | { state: "throttled" };

const SCOPE_NAMES: Record<FeedScope, string> = { CLINICIAN: "My sessions", ROOM: "Room", CLINIC: "Whole clinic" };

const DAY = 24 * 3_600_000;

export async function fetchFeed(token: string | null, ip: string | null, now = new Date()): Promise<FeedReply> {
  const found = await db.$transaction(async (tx) => {
    if (await publicTriesThrottled(tx, ip, now, FEED_TRIES)) return "throttled" as const;
    const feed = token
      ? await tx.calendarFeed.findUnique({
          where: { tokenHash: tokenHash(token) },
          select: {
            id: true,
            clinicId: true,
            scope: true,
            roomId: true,
            revokedAt: true,
            owner: { select: { id: true, active: true, roles: true, clinicId: true } },
            clinic: { select: { name: true, timeZone: true, feedFullNames: true } },
            room: { select: { name: true } },
          },
        })
      : null;
    const owner = feed && { ...feed.owner, ip };
    const sessions = feed && owner && !feed.revokedAt && owner.active && owner.clinicId === feed.clinicId ? feedSessionWhere(owner, feed) : null;
    await recordAudit(tx, owner, {
      action: FEED_FETCH,
      entity: "CalendarFeed",
      entityId: feed?.id ?? null,
      clinicId: feed?.clinicId ?? null,
      ip,
      outcome: sessions ? "ALLOWED" : "DENIED",
    });
    if (!feed || !sessions) return null;
    // A fetch is a read: like read audits (recordReads), its transaction commits without waiting
    // for the disk. Calendar apps poll every few minutes; set here, in the one write it has anyway.
    await tx.$executeRaw`
      WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS setting)
      UPDATE "CalendarFeed" SET "lastFetchedAt" = ${now} FROM relaxed WHERE "id" = ${feed.id}::uuid`;
    return { feed, sessions };
  }, QUEUE_ON_LOCKS);
  if (found === "throttled") return { state: "throttled" };
  if (!found) return { state: "not-found" };
  const { feed, sessions } = found;
  const from = new Date(now.getTime() - FEED_WINDOW.pastDays * DAY);
  const to = new Date(now.getTime() + FEED_WINDOW.futureDays * DAY);
  // One statement (relationJoins): the sessions in the window, with only what an event shows.
  const rows = await db.session.findMany({
    where: {
      AND: [
        sessions,
        { startsAt: { lt: to }, endsAt: { gt: from } },
        { OR: [{ status: { not: "CANCELLED" } }, { cancelledAt: { gte: new Date(now.getTime() - CANCELLED_KEPT_DAYS * DAY) } }] },
      ],
    },
    select: {
      id: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      sequence: true,
      room: { select: { name: true } },
      attendees: { select: { clientId: true } },
      couple: { select: { partnerA: { select: { id: true, firstName: true, lastName: true } }, partnerB: { select: { id: true, firstName: true, lastName: true } } } },
    },
    orderBy: { startsAt: "asc" },
    take: FEED_MAX_EVENTS,
  });
  const events: FeedSession[] = rows.map((s) => {
    const attending = new Set(s.attendees.map((a) => a.clientId));
    return {
      id: s.id,
      kind: s.kind,
      status: s.status,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      sequence: s.sequence,
      roomName: s.room?.name ?? null,
      partners: [s.couple.partnerA, s.couple.partnerB].filter((p) => attending.has(p.id)),
    };
  });
  const scopeName = feed.scope === "ROOM" ? (feed.room?.name ?? SCOPE_NAMES.ROOM) : SCOPE_NAMES[feed.scope];
  const body = feedCalendarText({
    name: `${feed.clinic.name} · ${scopeName}`,
    clinicId: feed.clinicId,
    timeZone: feed.clinic.timeZone,
    // Full names only in a clinician's own feed, and only where the clinic allows them.
    fullNames: feed.scope === "CLINICIAN" && feed.clinic.feedFullNames,
    sessions: events,
    now,
  });
  return { state: "ok", body };
}
