// Opening hours and closures: when the clinic can hold a session (P10: sessions lie inside the
// clinic's opening hours), which days are open (P4: only open days of a window can hold an
// integration), and what the calendar and the board shade. The one reader of a clinic's hours:
// hours per ISO weekday (settings.hoursByWeekday; without it one pair for every open weekday) and
// its closures (settings.closures: holidays of the whole clinic, rooms out of service). Pure: the
// engine, the planner, the calendar and the board all ask here, never the settings' fields.
import { addClinicDays, atClinicTime, clinicDate, clinicMinuteOfDay, formatClinicDay, formatClinicTime, formatMinuteOfDay, isoWeekday, type ClinicDay } from "./calendar";
import type { ClinicClosure, DayHours, ProtocolSettings } from "./types";

/** What the hours are read from: the settings' weekly hours and closures, in the clinic's zone. */
export type HoursSettings = Pick<ProtocolSettings, "timeZone" | "openWeekdays" | "opensAtMinute" | "closesAtMinute" | "hoursByWeekday" | "closures">;

export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** A weekday's hours (ISO weekday: 1 = Monday … 7 = Sunday), or null when the clinic is closed that weekday. */
export function weekdayHours(settings: HoursSettings, weekday: number): DayHours | null {
  if (!settings.openWeekdays.includes(weekday)) return null;
  const own = settings.hoursByWeekday?.[weekday - 1];
  return own
    ? { opensAtMinute: own.opensAtMinute, closesAtMinute: own.closesAtMinute }
    : { opensAtMinute: settings.opensAtMinute, closesAtMinute: settings.closesAtMinute };
}

/** The weekly hours on a clinic date (or an instant's date): its weekday's, closures aside; null when closed that weekday. */
export function hoursOn(settings: HoursSettings, value: Date | ClinicDay): DayHours | null {
  return weekdayHours(settings, isoWeekday(value, settings.timeZone));
}

/**
 * The closure a session in `roomId` would fall in between `start` and `end`: a closure of the whole
 * clinic, or one of that room (a session without a room, telehealth, meets only the clinic's).
 * The earliest such closure, or undefined.
 */
export function closureOver(settings: Pick<HoursSettings, "closures">, start: Date, end: Date, roomId: string | null): ClinicClosure | undefined {
  let found: ClinicClosure | undefined;
  for (const c of settings.closures ?? []) {
    if (c.roomId !== null && c.roomId !== roomId) continue;
    if (c.startsAt.getTime() >= end.getTime() || start.getTime() >= c.endsAt.getTime()) continue;
    if (!found || c.startsAt.getTime() < found.startsAt.getTime()) found = c;
  }
  return found;
}

/** Whether closures of the whole clinic cover a day's opening hours from opening to closing. */
function closedAllDay(settings: HoursSettings, day: ClinicDay, hours: DayHours): boolean {
  const zone = settings.timeZone;
  let from = atClinicTime(day, hours.opensAtMinute, zone).getTime();
  const to = atClinicTime(day, hours.closesAtMinute, zone).getTime();
  const clinicWide = (settings.closures ?? [])
    .filter((c) => c.roomId === null && c.startsAt.getTime() < to && c.endsAt.getTime() > from)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const c of clinicWide) {
    if (c.startsAt.getTime() > from) return false;
    from = Math.max(from, c.endsAt.getTime());
    if (from >= to) return true;
  }
  return false;
}

/**
 * Whether the clinic is open on a calendar date (or an instant's date): its weekday has hours, and
 * closures of the whole clinic leave some of them. A room out of service does not close the day.
 */
export function isOpenDay(value: Date | ClinicDay, settings: HoursSettings): boolean {
  const hours = hoursOn(settings, value);
  if (!hours) return false;
  if (!settings.closures?.length) return true;
  const day = typeof value === "string" ? value : clinicDate(value, settings.timeZone);
  return !closedAllDay(settings, day, hours);
}

/**
 * Whether a session lies inside its day's weekly opening hours: on an open weekday, starting no
 * earlier than that day's opening and ending no later than its closing, on the same clinic date
 * (closing at 1440 lets a session end exactly at midnight). Closures are closureOver's question.
 */
export function withinOpeningHours(start: Date, end: Date, settings: HoursSettings): boolean {
  const zone = settings.timeZone;
  if (end.getTime() <= start.getTime()) return false;
  const hours = hoursOn(settings, start);
  if (!hours) return false;
  const day = clinicDate(start, zone);
  const startMinute = clinicMinuteOfDay(start, zone);
  const endDay = clinicDate(end, zone);
  let endMinute: number;
  if (endDay === day) endMinute = clinicMinuteOfDay(end, zone);
  else if (endDay === addClinicDays(day, 1, zone) && clinicMinuteOfDay(end, zone) === 0) endMinute = 1440;
  else return false;
  return startMinute >= hours.opensAtMinute && endMinute <= hours.closesAtMinute;
}

function dayRun(days: number[]): string {
  const isRun = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  return isRun ? `${WEEKDAY_NAMES[days[0] - 1]}–${WEEKDAY_NAMES[days[days.length - 1] - 1]}` : days.map((d) => WEEKDAY_NAMES[d - 1]).join(", ");
}

/**
 * "Mon–Sat 08:00–20:00"; "Mon, Wed, Fri 09:00–17:00" when the days are not a run; days with other
 * hours follow after a semicolon: "Mon–Fri 08:00–20:00; Sat 09:00–13:00".
 */
export function formatOpeningHours(settings: HoursSettings): string {
  const groups = new Map<string, number[]>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const hours = weekdayHours(settings, weekday);
    if (!hours) continue;
    const key = `${formatMinuteOfDay(hours.opensAtMinute)}–${formatMinuteOfDay(hours.closesAtMinute)}`;
    groups.set(key, [...(groups.get(key) ?? []), weekday]);
  }
  if (groups.size === 0) return "closed every day";
  return [...groups].map(([hours, days]) => `${dayRun(days)} ${hours}`).join("; ");
}

/**
 * A closure's span in words, in the clinic's zone: whole days "on Thu 24 Dec" or "from Thu 24 Dec
 * to Sat 26 Dec"; times "on Tue 3 Mar 10:00–14:00" or "from Tue 3 Mar 10:00 to Wed 4 Mar 12:00".
 */
export function closureSpanWords(c: Pick<ClinicClosure, "startsAt" | "endsAt">, timeZone: string): string {
  const startDay = clinicDate(c.startsAt, timeZone);
  const startMinute = clinicMinuteOfDay(c.startsAt, timeZone);
  const endDay = clinicDate(c.endsAt, timeZone);
  const endMinute = clinicMinuteOfDay(c.endsAt, timeZone);
  if (startMinute === 0 && endMinute === 0) {
    const last = addClinicDays(endDay, -1, timeZone);
    return last === startDay ? `on ${formatClinicDay(startDay, timeZone)}` : `from ${formatClinicDay(startDay, timeZone)} to ${formatClinicDay(last, timeZone)}`;
  }
  const endsThatDay = endDay === startDay || (endMinute === 0 && endDay === addClinicDays(startDay, 1, timeZone));
  if (endsThatDay) {
    return `on ${formatClinicDay(startDay, timeZone)} ${formatClinicTime(c.startsAt, timeZone)}–${endMinute === 0 ? "24:00" : formatClinicTime(c.endsAt, timeZone)}`;
  }
  return `from ${formatClinicDay(c.startsAt, timeZone)} ${formatClinicTime(c.startsAt, timeZone)} to ${formatClinicDay(c.endsAt, timeZone)} ${formatClinicTime(c.endsAt, timeZone)}`;
}

/** "the clinic is closed from Thu 24 Dec to Sat 26 Dec (Holidays)", "Cedar is out of service on Tue 3 Mar 10:00–14:00 (Repairs)". */
export function describeClosure(c: ClinicClosure, timeZone: string): string {
  const who = c.roomId === null ? "the clinic is closed" : `${c.roomName ?? "the room"} is out of service`;
  return `${who} ${closureSpanWords(c, timeZone)} (${c.reason})`;
}

/** A closure's part of one clinic day, in minutes after local midnight (0–1440). */
export type ClosedSpan = { id: string; roomId: string | null; roomName: string | null; reason: string; fromMinute: number; toMinute: number; words: string };

/** One clinic day as the calendar and the board show it: its weekly hours, whether it is open at all, and its closures. */
export type OpeningDay = { day: ClinicDay; hours: DayHours | null; open: boolean; closures: ClosedSpan[] };

/**
 * `days` clinic days from `firstDay`: each day's opening hours (null: closed that weekday), whether
 * it is open (closures of the whole clinic may take all its hours), and the closures that touch it,
 * the clinic's and each room's, clipped to the day, so closed hours can be shaded room by room.
 */
export function openingDays(settings: HoursSettings, firstDay: ClinicDay, days: number): OpeningDay[] {
  const zone = settings.timeZone;
  return Array.from({ length: days }, (_, i) => {
    const day = addClinicDays(firstDay, i, zone);
    const dayStart = atClinicTime(day, 0, zone).getTime();
    const dayEnd = atClinicTime(addClinicDays(day, 1, zone), 0, zone).getTime();
    const closures = (settings.closures ?? [])
      .filter((c) => c.startsAt.getTime() < dayEnd && c.endsAt.getTime() > dayStart)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((c) => ({
        id: c.id,
        roomId: c.roomId,
        roomName: c.roomName ?? null,
        reason: c.reason,
        fromMinute: c.startsAt.getTime() <= dayStart ? 0 : clinicMinuteOfDay(c.startsAt, zone),
        toMinute: c.endsAt.getTime() >= dayEnd ? 1440 : clinicMinuteOfDay(c.endsAt, zone),
        words: describeClosure(c, zone),
      }));
    return { day, hours: hoursOn(settings, day), open: isOpenDay(day, settings), closures };
  });
}
