import { TZDate } from "@date-fns/tz";
import ical, { ICalEventStatus } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { SESSION_KIND_LABELS } from "../protocol/labels";
import type { SessionKind, SessionStatus } from "../protocol/types";

// A calendar feed's text (iCalendar, RFC 5545), from the sessions it shows. Written by
// ical-generator, never by hand; the clinic's zone is described by a VTIMEZONE from
// timezones-ical-library (kept in step with the tz database), and every time is written in the
// clinic's local time with that TZID, so a session at 10:00 stays at 10:00 across a
// daylight-saving change, in any calendar app and whatever the server's zone.
//
// Minimum necessary: an event says the session's kind in plain words, the room (or telehealth)
// and the partners' initials; never goals, notes, measures or anything clinical. Full names only
// when the clinic allows them, and only in a clinician's own feed (the caller decides).

/** Before now and after now, what a feed covers. */
export const FEED_WINDOW = { pastDays: 30, futureDays: 365 } as const;

/** A cancelled session stays in feeds this long after it was cancelled, as STATUS:CANCELLED, so subscribed calendars drop it. */
export const CANCELLED_KEPT_DAYS = 30;

/** Calendar apps poll; this asks them to come back no sooner (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 15 * 60;

/** One session as a feed shows it: only what the event needs. */
export type FeedSession = {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  roomName: string | null;
  /** The session's partners, in the couple's order. */
  partners: readonly { firstName: string; lastName: string }[];
};

export type FeedCalendar = {
  /** The calendar's name in the app: "Harbor Light · My sessions". */
  name: string;
  clinicId: string;
  timeZone: string;
  fullNames: boolean;
  sessions: readonly FeedSession[];
  now: Date;
};

const initial = (name: string) => {
  const first = name.trim().charAt(0);
  return first ? `${first.toLocaleUpperCase("en")}.` : "";
};

/** "S.R." for Sam Rivera. */
export function initialsOf(person: { firstName: string; lastName: string }): string {
  return `${initial(person.firstName)}${initial(person.lastName)}`;
}

/** "Couples therapy · S.R. & J.R.", or with full names when allowed. */
export function eventSummary(session: Pick<FeedSession, "kind" | "partners">, fullNames: boolean): string {
  const people = session.partners.map((p) => (fullNames ? `${p.firstName} ${p.lastName}`.trim() : initialsOf(p))).filter(Boolean);
  const kind = SESSION_KIND_LABELS[session.kind];
  return people.length > 0 ? `${kind} · ${people.join(" & ")}` : kind;
}

/** The one stable UID of a session in every feed of its clinic: it never changes when the session moves. */
export const eventUid = (sessionId: string, clinicId: string) => `${sessionId}@${clinicId}`;

/**
 * The clinic zone's VTIMEZONE and the TZID it names, or null for a zone the library does not
 * know (the times are then written in UTC, still correct). An alias ("US/Pacific") gets its
 * canonical zone's block ("America/Los_Angeles"), so events name that TZID too: the same clock.
 */
export function vtimezoneOf(timeZone: string): { tzid: string; block: string } | null {
  const found = tzlib_get_ical_block(timeZone);
  if (!Array.isArray(found) || !found[0]?.startsWith("BEGIN:VTIMEZONE")) return null;
  const tzid = /^TZID=(.+)$/.exec(found[1] ?? "")?.[1];
  return tzid ? { tzid, block: found[0] } : null;
}

export function feedCalendarText(feed: FeedCalendar): string {
  const zone = vtimezoneOf(feed.timeZone);
  const calendar = ical({
    name: feed.name,
    prodId: { company: "Harbor KAP", product: "Calendar feed", language: "EN" },
    // The generator without a calendar-wide name: ical-generator then writes each event's
    // VTIMEZONE, while DTSTAMP stays in UTC as RFC 5545 requires (a calendar-wide zone would
    // write it in local time without "Z").
    timezone: zone ? { name: null, generator: (tzid) => vtimezoneOf(tzid)?.block ?? null } : null,
    ttl: FEED_REFRESH_SECONDS,
    ...(zone && { x: { "X-WR-TIMEZONE": zone.tzid } }),
  });
  for (const s of feed.sessions) {
    calendar.createEvent({
      id: eventUid(s.id, feed.clinicId),
      sequence: s.sequence,
      // ical-generator writes a TZDate's own local time under the event's TZID.
      start: zone ? new TZDate(s.startsAt.getTime(), zone.tzid) : s.startsAt,
      end: zone ? new TZDate(s.endsAt.getTime(), zone.tzid) : s.endsAt,
      timezone: zone?.tzid ?? null,
      stamp: feed.now,
      summary: eventSummary(s, feed.fullNames),
      location: s.roomName ?? "Telehealth",
      status: s.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
