import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { evaluateChange, formatClinicDay, formatClinicTimeRange, type NewSession } from "../protocol";
import { bookSessions } from "./book-sessions";
import { loadCoupleSnapshot } from "./load-snapshot";
import { draftBooking, ZBookingInput } from "./session-input";
import { REPEAT_SHAPE, refineRepeat, ruleText, seriesOccurrences, seriesRuleOf, type SeriesRule } from "./series-rule";

// Recurring couples therapy (issue 14). A series is drafted as the booking form drafts one
// session (draftBooking: the couple's therapist, both partners, the clinic's length), then
// repeated on each date of its rule; it is booked through bookSessions, so every occurrence is a
// real session under the protocol engine and the database's EXCLUDE constraints (P8), and all
// of them are booked in one transaction or none is.

/** The booking form with Repeat ticked: couples therapy, its first date, time and room, and the rule. */
export const ZSeriesInput = z
  .object({
    coupleId: z.string().uuid("Choose one from the list."),
    date: ZBookingInput.shape.date,
    time: ZBookingInput.shape.time,
    roomId: z.string().uuid("Choose a room."),
    ...REPEAT_SHAPE,
  })
  .superRefine(refineRepeat);
export type TSeriesInput = z.output<typeof ZSeriesInput>;

export type SeriesDraft = { coupleId: string; rule: SeriesRule; timeZone: string; sessions: NewSession[] };

/** The series' sessions as the form describes them; a bad end (before the start, too many) is a field error. */
export async function draftSeries(staff: Staff, input: TSeriesInput): Promise<SeriesDraft> {
  const { coupleId, sessions } = await draftBooking(staff, ZBookingInput.parse({ coupleId: input.coupleId, kind: "COUPLES_THERAPY", date: input.date, time: input.time, roomId: input.roomId }));
  const clinic = await db.clinic.findUnique({ where: { id: staff.clinicId }, select: { timeZone: true } });
  if (!clinic) throw new NotFoundError("The clinic");
  const made = seriesRuleOf(input.date, input.time, input, clinic.timeZone);
  if ("problem" in made) throw new InvalidInputError("Please correct the highlighted fields.", { [made.problem.field]: [made.problem.message] });
  const [first] = sessions;
  const minutes = (first.endsAt.getTime() - first.startsAt.getTime()) / 60_000;
  const occurrences = seriesOccurrences(made.rule, minutes, clinic.timeZone).map((o) => ({ ...first, id: randomUUID(), startsAt: o.startsAt, endsAt: o.endsAt }));
  return { coupleId, rule: made.rule, timeZone: clinic.timeZone, sessions: occurrences };
}

export type OccurrencePreview = { day: string; label: string; clashes: string[] };

/**
 * What booking the series would meet, occurrence by occurrence, before anything is booked: the
 * protocol engine's verdict on the whole series (this couple's own sessions, opening hours,
 * rooms: P8–P10), and every other couple's session that holds the room or the therapist then
 * (P8 across couples, which only the database sees). Named in the words of a refusal.
 */
export async function previewSeries(staff: Staff, input: TSeriesInput, now = new Date()): Promise<{ occurrences: OccurrencePreview[]; general: string[] }> {
  const draft = await draftSeries(staff, input);
  const { sessions, timeZone } = draft;
  const snapshot = await loadCoupleSnapshot(db, staff.clinicId, draft.coupleId, null);
  const { violations } = evaluateChange(snapshot, { type: "book", sessions }, { actor: staff, now });
  const byId = new Map<string, string[]>(sessions.map((s) => [s.id, []]));
  const general: string[] = [];
  for (const v of violations) {
    const ours = v.sessionIds.filter((id) => byId.has(id));
    if (ours.length === 0) general.push(v.message);
    for (const id of ours) byId.get(id)!.push(v.message);
  }

  // Other couples' sessions in the series' span that share its room or therapist: one read.
  const { roomId, clinicianIds, partnerIds } = sessions[0];
  const others = await db.session.findMany({
    where: {
      clinicId: staff.clinicId,
      coupleId: { not: draft.coupleId },
      status: { not: "CANCELLED" },
      startsAt: { lt: sessions[sessions.length - 1].endsAt },
      endsAt: { gt: sessions[0].startsAt },
      OR: [...(roomId ? [{ roomId }] : []), { clinicians: { some: { userId: { in: clinicianIds } } } }, { attendees: { some: { clientId: { in: partnerIds } } } }],
    },
    select: {
      startsAt: true,
      endsAt: true,
      roomId: true,
      room: { select: { name: true } },
      clinicians: { select: { userId: true, user: { select: { name: true } } } },
      attendees: { select: { clientId: true, client: { select: { firstName: true, lastName: true } } } },
    },
    orderBy: { startsAt: "asc" },
  });
  const when = (s: { startsAt: Date; endsAt: Date }) => `${formatClinicTimeRange(s.startsAt, s.endsAt, timeZone)} on ${formatClinicDay(s.startsAt, timeZone)}`;
  for (const session of sessions) {
    const clashes = byId.get(session.id)!;
    for (const other of others.filter((o) => o.startsAt < session.endsAt && session.startsAt < o.endsAt)) {
      if (roomId && other.roomId === roomId) clashes.push(`P8: Room ${other.room!.name} is booked ${when(other)}.`);
      for (const c of other.clinicians.filter((c) => clinicianIds.includes(c.userId))) clashes.push(`P8: ${c.user.name} is booked ${when(other)}.`);
      for (const a of other.attendees.filter((a) => partnerIds.includes(a.clientId))) clashes.push(`P8: ${a.client.firstName} ${a.client.lastName} is already in a session ${when(other)}.`);
    }
  }
  return {
    occurrences: sessions.map((s) => ({ day: formatClinicDay(s.startsAt, timeZone), label: `${formatClinicDay(s.startsAt, timeZone)} ${formatClinicTimeRange(s.startsAt, s.endsAt, timeZone)}`, clashes: byId.get(s.id)! })),
    general,
  };
}

/** Books the whole series, all or nothing: one refusal (the engine's or the database's) books none. */
export async function bookSeries(staff: Staff, input: TSeriesInput) {
  const draft = await draftSeries(staff, input);
  const seriesId = randomUUID();
  const { sessionIds, notices } = await bookSessions(staff, {
    coupleId: draft.coupleId,
    cycleId: null,
    sessions: draft.sessions,
    series: { id: seriesId, rule: ruleText(draft.rule), firstDay: draft.rule.firstDay, startMinute: draft.rule.startMinute },
  });
  return { seriesId, sessionIds, notices, first: draft.sessions[0].startsAt, last: draft.sessions[draft.sessions.length - 1].startsAt, timeZone: draft.timeZone };
}
