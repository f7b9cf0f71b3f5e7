import "server-only";
import { z } from "zod";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";
import {
  addClinicDays,
  atClinicTime,
  clinicDate,
  closureOver,
  evaluateChange,
  formatClinicDay,
  formatClinicTime,
  formatMinuteOfDay,
  isMedicine,
  withinOpeningHours,
  type ClinicDay,
  type CycleSnapshot,
  type NewSession,
  type ProposedChange,
  type Room,
  type Violation,
} from "../protocol";
import { loadCoupleSnapshot } from "./load-snapshot";
import type { BusyTimes } from "./plan-cycle";
import { busyTimes } from "./propose-plan";
import { draftBooking, ZBookingInput, ZSessionKind } from "./session-input";

// "Find a time" (issue 14): for a couple and a kind of session, the next free slots that satisfy
// everything. Each candidate is drafted as the booking form drafts it (draftBooking: who attends,
// which clinicians, how long), checked against who is busy in the whole clinic (rooms, the
// clinicians, both partners: P8 across couples, which the engine cannot see), then judged by the
// protocol engine without writing (P1–P5, P8–P10: opening hours, rooms, the couple's own
// sessions), exactly as booking it would be. A medicine session comes with its integration on the
// first day of its window that has room (P4). The work is bounded: half-hour steps, eight weeks,
// a cap on the engine's verdicts.

export const FIND_TIME_SLOTS = 10;
export const FIND_TIME_WEEKS = 8;
const STEP_MINUTES = 30;
/** At most this many slots on one day, so the list offers several days. */
const PER_DAY = 3;
/** The engine's verdicts one search may ask for (each is well under a millisecond for a couple). */
const MAX_VERDICTS = 1500;
/** Rules whose verdict on a medicine session depends on its date and the couple's other sessions, not its time of day. */
const DAY_WIDE_RULES = new Set<Violation["rule"]>(["P1", "P2", "P3", "P5", "P6"]);

const optionalId = z.preprocess((v) => (v === "" ? null : v), z.string().uuid("Choose one from the list.").nullable().optional());

export const ZFindTimeInput = z.object({
  coupleId: z.string().uuid("Choose one from the list."),
  kind: ZSessionKind,
  partnerId: optionalId,
  journeyerId: optionalId,
  psychiatristId: optionalId,
  from: z.preprocess((v) => (v === "" ? undefined : v), zCalendarDate(DATE_FIELDS.session, "Choose a date to search from.").optional()),
});
export type TFindTimeInput = z.output<typeof ZFindTimeInput>;

type Placed = { day: ClinicDay; time: string; roomId: string | null; roomName: string };
export type FoundSlot = Placed & { label: string; integration: (Placed & { label: string }) | null };

type Interval = { start: number; end: number };

export async function findTimes(staff: Staff, input: TFindTimeInput, now = new Date()): Promise<{ slots: FoundSlot[]; searched: string }> {
  if (input.kind === "INTEGRATION") {
    throw new InvalidInputError("Please correct the highlighted fields.", { kind: ["An integration is found with its medicine session: choose the medicine session."] });
  }
  const clinic = await db.clinic.findUnique({ where: { id: staff.clinicId }, select: { timeZone: true, rooms: { where: { active: true }, select: { id: true }, take: 1 } } });
  if (!clinic) throw new NotFoundError("The clinic");
  const tz = clinic.timeZone;
  const today = clinicDate(now, tz);
  const from = input.from && input.from > today ? input.from : today;
  // The booking form's draft, with a stand-in time and room: who attends and for how long.
  const anyRoom = clinic.rooms[0]?.id ?? null;
  const { coupleId, cycleId, sessions: template } = await draftBooking(
    staff,
    ZBookingInput.parse({
      coupleId: input.coupleId, kind: input.kind, date: from, time: "12:00", roomId: anyRoom ?? "", partnerId: input.partnerId ?? "", journeyerId: input.journeyerId ?? "",
      psychiatristId: input.psychiatristId ?? "", integrationDate: from, integrationTime: "12:00", integrationRoomId: anyRoom ?? "",
    }),
  );
  const snapshot = await loadCoupleSnapshot(db, staff.clinicId, coupleId, cycleId);
  const { settings } = snapshot;
  const until = addClinicDays(from, FIND_TIME_WEEKS * 7, tz);
  const windowMax = isMedicine(template[0]) ? settings.integrationWindowDays.max : 0;
  const people = { clinicianIds: template.flatMap((s) => s.clinicianIds), partnerIds: template[0].partnerIds };
  const busy = await busyTimes(staff.clinicId, atClinicTime(from, 0, tz), atClinicTime(addClinicDays(until, windowMax + 1, tz), 0, tz), people);

  let verdicts = 0;
  const verdict = (change: ProposedChange) => {
    verdicts++;
    return evaluateChange(snapshot, change, { actor: staff, now }).violations;
  };
  const slots: FoundSlot[] = [];
  for (let day = from; day < until && slots.length < FIND_TIME_SLOTS && verdicts < MAX_VERDICTS; day = addClinicDays(day, 1, tz)) {
    let onDay = 0;
    // A day's slots do not overlap one another: each is a choice of its own, and any of them
    // (or all, one after another) can be booked.
    let freeFrom = 0;
    for (const main of candidates(template[0], day, snapshot, busy, now)) {
      if (onDay >= PER_DAY || slots.length >= FIND_TIME_SLOTS || verdicts >= MAX_VERDICTS) break;
      if (main.session.startsAt.getTime() < freeFrom) continue;
      if (!isMedicine(main.session)) {
        if (verdict({ type: "book", sessions: [main.session] }).length > 0) continue;
        slots.push({ ...main.placed, label: labelOf(main.session, main.placed, tz), integration: null });
        freeFrom = main.session.endsAt.getTime();
        onDay++;
        continue;
      }
      // The integration: the first place in the window (P4) that is free and that the engine allows beside it.
      const found = findIntegration(template[1], main.session, snapshot, busy, now, verdict, () => verdicts < MAX_VERDICTS);
      if (found && "refused" in found) {
        // Refused for what holds all day (prerequisites, clearance, whose turn: P1–P3, P5, P6) on a
        // day the couple has nothing else booked: every other time that day is refused alike.
        if (found.refused.every((v) => DAY_WIDE_RULES.has(v.rule)) && !snapshot.sessions.some((s) => clinicDate(s.startsAt, tz) === day)) break;
        continue;
      }
      const integration = found;
      if (!integration) continue;
      slots.push({ ...main.placed, label: labelOf(main.session, main.placed, tz), integration: { ...integration.placed, label: labelOf(integration.session, integration.placed, tz) } });
      freeFrom = main.session.endsAt.getTime();
      onDay++;
    }
  }
  return { slots, searched: `${formatClinicDay(from, tz)}–${formatClinicDay(addClinicDays(until, -1, tz), tz)}` };
}

function labelOf(session: NewSession, placed: Placed, tz: string): string {
  return `${formatClinicDay(session.startsAt, tz)} ${formatClinicTime(session.startsAt, tz)}–${formatClinicTime(session.endsAt, tz)}, ${placed.roomName}`;
}

/**
 * The day's starts, every half hour inside the day's opening hours (the engine's own tests,
 * lib/protocol/opening-hours.ts: hours per weekday, closures), each with the first fitting room
 * that is free and not out of service, when the clinicians and partners are free too.
 */
function* candidates(template: NewSession, day: ClinicDay, snapshot: CycleSnapshot, busy: BusyTimes, now: Date): Generator<{ session: NewSession; placed: Placed }> {
  const { settings } = snapshot;
  const tz = settings.timeZone;
  const minutes = (template.endsAt.getTime() - template.startsAt.getTime()) / 60_000;
  const rooms = roomsFor(template, snapshot.rooms);
  const free = (key: string, slot: Interval) => !(busy.get(key) ?? []).some((b) => b.start < slot.end && slot.start < b.end);
  for (let minute = 0; minute + minutes <= 1440; minute += STEP_MINUTES) {
    const startsAt = atClinicTime(day, minute, tz);
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    if (startsAt.getTime() < now.getTime() || !withinOpeningHours(startsAt, endsAt, settings)) continue;
    const slot = { start: startsAt.getTime(), end: endsAt.getTime() };
    if (![...template.clinicianIds, ...template.partnerIds].every((id) => free(id, slot))) continue;
    // Closures (a holiday, a room out of service) are the engine's too; asking first saves its verdicts.
    const room = rooms.find((r) => !closureOver(settings, startsAt, endsAt, r?.id ?? null) && (r === null || free(r.id, slot)));
    if (room === undefined) continue;
    yield {
      session: { ...template, startsAt, endsAt, roomId: room?.id ?? null },
      placed: { day, time: formatMinuteOfDay(minute), roomId: room?.id ?? null, roomName: room?.name ?? "Telehealth" },
    };
  }
}

/** Rooms that fit the session (P9), therapy rooms before dosing rooms unless it doses; a medical evaluation may be by telehealth (null, last). */
function roomsFor(template: NewSession, rooms: Room[]): (Room | null)[] {
  const people = template.partnerIds.length + template.clinicianIds.length;
  const fits = rooms.filter((r) => r.active && r.capacity >= people && (!isMedicine(template) || r.dosingEquipped));
  const ordered = isMedicine(template) ? fits : [...fits.filter((r) => !r.dosingEquipped), ...fits.filter((r) => r.dosingEquipped)];
  return template.kind === "MEDICAL_EVALUATION" ? [...ordered, null] : ordered;
}

function findIntegration(
  template: NewSession,
  medicine: NewSession,
  snapshot: CycleSnapshot,
  busy: BusyTimes,
  now: Date,
  verdict: (change: ProposedChange) => Violation[],
  mayGoOn: () => boolean,
): { session: NewSession; placed: Placed } | { refused: Violation[] } | null {
  const { settings } = snapshot;
  const tz = settings.timeZone;
  const medicineDay = clinicDate(medicine.startsAt, tz);
  for (let n = settings.integrationWindowDays.min; n <= settings.integrationWindowDays.max; n++) {
    for (const integration of candidates({ ...template, medicineSessionId: medicine.id }, addClinicDays(medicineDay, n, tz), snapshot, busy, now)) {
      if (!mayGoOn()) return null;
      const violations = verdict({ type: "book", sessions: [medicine, integration.session] });
      if (violations.length === 0) return integration;
      // A refusal that names only the medicine session (P1–P3, say) holds wherever its integration goes.
      if (violations.some((v) => !v.sessionIds.includes(integration.session.id))) return { refused: violations };
    }
  }
  return null;
}
