// Calendar-day maths in the clinic's time zone. The protocol counts days as calendar dates where
// the clinic is ("the next day" across a daylight-saving change is still the next date), so
// everything here goes through date-fns with a TZDate / tz() context and never adds 24 hours.
import { TZDate, tz } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, getISODay } from "date-fns";
import { calendarDateParts } from "../input/calendar-date";

/** A calendar date in the clinic's zone, "YYYY-MM-DD". */
export type ClinicDay = string;

/**
 * Zone maths goes through Intl and is the engine's hot path: every rule asks for the same few
 * dates, three times per evaluation. These functions are pure, so their answers are cached
 * (bounded, dropped wholesale when full).
 */
function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = args.map((a) => (a instanceof Date ? a.getTime() : String(a))).join("|");
    const hit = cache.get(key);
    // Stryker disable next-line ConditionalExpression: caching only: never using a hit (false) recomputes the same pure answer; its twin (true, answering undefined) is killed by every calendar test
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's size limit decides only when it is emptied, never an answer
    if (cache.size > 10_000) cache.clear();
    const value = fn(...args);
    cache.set(key, value);
    return value;
  };
}

// Dates reach the engine already read by lib/input/calendar-date; one that does not exist here is
// a bug, and rolling it over into the next month would hide it.
function parseDay(day: ClinicDay): [number, number, number] {
  const parts = calendarDateParts(day);
  if (!parts) throw new Error(`Not a calendar date (YYYY-MM-DD): ${day}`);
  return parts;
}

/** Noon of a calendar date in the zone: a safe anchor, never inside a DST gap. */
function dayAnchor(day: ClinicDay, timeZone: string): TZDate {
  const [y, m, d] = parseDay(day);
  return new TZDate(y, m - 1, d, 12, 0, timeZone);
}

function inZone(value: Date | ClinicDay, timeZone: string): TZDate {
  return typeof value === "string" ? dayAnchor(value, timeZone) : new TZDate(value.getTime(), timeZone);
}

/**
 * An instant's wall clock in the zone, read with one cached Intl formatter per zone. The room
 * calendar asks this for every session on the page; date-fns' format with a tz() context builds
 * several TZDate objects per call (the bench's week view spent 11% of its CPU there).
 */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: Date, timeZone: string): { year: string; month: string; day: string; hour: string; minute: string } {
  let formatter = wallClockFormats.get(timeZone);
  // Stryker disable next-line ConditionalExpression: caching only: a new formatter each call (true) reads the same parts; its twin (false, no formatter) is killed by every wall-clock test
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    wallClockFormats.set(timeZone, formatter);
  }
  // Stryker disable next-line StringLiteral: formatToParts with these options always yields all five parts, so the starting values are always overwritten
  const parts = { year: "", month: "", day: "", hour: "", minute: "" };
  // Stryker disable next-line ConditionalExpression: copying every part (true) adds only "literal", which no caller reads; its twin (false, nothing copied) is killed by every wall-clock test
  for (const part of formatter.formatToParts(instant)) if (part.type in parts) parts[part.type as keyof typeof parts] = part.value;
  return parts;
}

/** The clinic's calendar date of an instant. */
export const clinicDate: (instant: Date, timeZone: string) => ClinicDay = memo((instant: Date, timeZone: string) => {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${year.padStart(4, "0")}-${month}-${day}`;
});

/** Calendar days from a to b in the clinic's zone (b later ⇒ positive). */
export const calendarDaysBetween: (a: Date | ClinicDay, b: Date | ClinicDay, timeZone: string) => number = memo(
  (a: Date | ClinicDay, b: Date | ClinicDay, timeZone: string) =>
    // Stryker disable next-line ObjectLiteral: inZone already gives a TZDate in the zone, and without a context date-fns works in its argument's own zone, so { in: tz(zone) } changes no answer (checked against the call without it over random instants from 1990 to 2060 in zones with odd offsets and DST)
    differenceInCalendarDays(inZone(b, timeZone), inZone(a, timeZone), { in: tz(timeZone) }),
);

const addDaysToDay = memo((day: ClinicDay, days: number, timeZone: string): ClinicDay =>
  // Stryker disable next-line ObjectLiteral: dayAnchor gives a TZDate in the zone, and without a context date-fns works in its argument's own zone, so { in: tz(zone) } changes no answer (checked against the call without it over random instants from 1990 to 2060 in zones with odd offsets and DST)
  format(addDays(dayAnchor(day, timeZone), days, { in: tz(timeZone) }), "yyyy-MM-dd", { in: tz(timeZone) }),
);

/**
 * n calendar days later in the clinic's zone: a date string gives a date string; an instant gives
 * the instant at the same wall-clock time n dates later (what "same time next week" means).
 */
export function addClinicDays(day: ClinicDay, days: number, timeZone: string): ClinicDay;
export function addClinicDays(instant: Date, days: number, timeZone: string): Date;
export function addClinicDays(value: Date | ClinicDay, days: number, timeZone: string): Date | ClinicDay {
  if (typeof value === "string") return addDaysToDay(value, days, timeZone);
  // Stryker disable next-line ObjectLiteral: inZone already gives a TZDate in the zone, and without a context date-fns works in its argument's own zone, so { in: tz(zone) } changes no answer (checked against the call without it over random instants from 1990 to 2060 in zones with odd offsets and DST)
  return new Date(addDays(inZone(value, timeZone), days, { in: tz(timeZone) }).getTime());
}

/**
 * The instant at a wall-clock time (minutes after local midnight) on a clinic date. 1440 is the
 * next midnight. A time inside a spring-forward gap resolves forward (02:30 → 03:30).
 */
export function atClinicTime(day: ClinicDay, minuteOfDay: number, timeZone: string): Date {
  // A fresh Date each call: callers may keep or change what they get.
  return new Date(atClinicTimeMs(day, minuteOfDay, timeZone));
}

// The planner asks this for every half hour it tries, the same ones plan after plan.
const atClinicTimeMs = memo((day: ClinicDay, minuteOfDay: number, timeZone: string): number => {
  const [y, m, d] = parseDay(day);
  return new TZDate(y, m - 1, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone).getTime();
});

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant or a calendar date, in the clinic's zone. */
export const isoWeekday: (value: Date | ClinicDay, timeZone: string) => number = memo((value: Date | ClinicDay, timeZone: string) =>
  // Stryker disable next-line ObjectLiteral: inZone already gives a TZDate in the zone, and without a context date-fns works in its argument's own zone, so { in: tz(zone) } changes no answer (checked against the call without it over random instants from 1990 to 2060 in zones with odd offsets and DST)
  getISODay(inZone(value, timeZone), { in: tz(timeZone) }),
);

/** Wall-clock minutes after local midnight. */
export const clinicMinuteOfDay: (instant: Date, timeZone: string) => number = memo((instant: Date, timeZone: string) => {
  const { hour, minute } = wallClock(instant, timeZone);
  return Number(hour) * 60 + Number(minute);
});

// Opening hours (open days, hours per weekday, closures) are lib/protocol/opening-hours.ts.

/** "Tue 3 Mar" for an instant (in the zone) or a calendar date. */
export const formatClinicDay: (value: Date | ClinicDay, timeZone: string) => string = memo((value: Date | ClinicDay, timeZone: string) =>
  // Stryker disable next-line ObjectLiteral: inZone already gives a TZDate in the zone, and without a context date-fns works in its argument's own zone, so { in: tz(zone) } changes no answer (checked against the call without it over random instants from 1990 to 2060 in zones with odd offsets and DST)
  format(inZone(value, timeZone), "EEE d MMM", { in: tz(timeZone) }),
);

/** "10:00" in the clinic's zone. */
export const formatClinicTime: (instant: Date, timeZone: string) => string = memo((instant: Date, timeZone: string) => {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${hour}:${minute}`;
});

/** "10:00–13:00" in the clinic's zone. */
export function formatClinicTimeRange(start: Date, end: Date, timeZone: string): string {
  return `${formatClinicTime(start, timeZone)}–${formatClinicTime(end, timeZone)}`;
}

/** "Tue 3 Mar 10:00–13:00". */
export function formatClinicSlot(start: Date, end: Date, timeZone: string): string {
  return `${formatClinicDay(start, timeZone)} ${formatClinicTimeRange(start, end, timeZone)}`;
}

/** "08:00" for a minute of the day (1440 → "24:00"). */
export function formatMinuteOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/**
 * A choice of days: "on Wed 4 Mar", "on Wed 4 Mar or Fri 6 Mar", "on Mon 2 Mar, Wed 4 Mar or
 * Fri 6 Mar". The days need not follow each other (the open days of a window skip the closed
 * ones), so each is named; only a run of more than three consecutive days reads "between Wed
 * 4 Mar and Sun 8 Mar".
 */
export function formatDayChoice(days: readonly ClinicDay[], timeZone: string): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) throw new Error("formatDayChoice needs at least one day");
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (sorted.length > 3 && calendarDaysBetween(first, last, timeZone) === sorted.length - 1) {
    return `between ${formatClinicDay(first, timeZone)} and ${formatClinicDay(last, timeZone)}`;
  }
  const names = sorted.map((day) => formatClinicDay(day, timeZone));
  return names.length === 1 ? `on ${names[0]}` : `on ${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
