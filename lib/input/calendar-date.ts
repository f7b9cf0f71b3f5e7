// The one reader of calendar dates that people type or put in an address: a form's date field, a
// page's ?date=, a report's range. `new Date("2027-02-31")` and `Date.UTC` roll an impossible
// date over into the next month (a booking on 31 Feb landed on 3 Mar), and a year like 9999 sends
// the calendar maths past what it can format, so every such date goes through here: strictly
// YYYY-MM-DD, a date that exists, within the bounds of its field, or a message in words.
// Plain TypeScript (no server-only): zod schemas, pages and route handlers all use it.
import { tz } from "@date-fns/tz";
import { addYears, format } from "date-fns";
import { z } from "zod";

/** A date that exists, as "YYYY-MM-DD". */
export type CalendarDate = string;

/** The first and last date a field accepts, both included. */
export type DateRange = { earliest: CalendarDate; latest: CalendarDate };

/** A field's bounds, from today's date: each field says how far back and ahead it reaches. */
export type DateBounds = (today: CalendarDate) => DateRange;

export type DateReading = { ok: true; date: CalendarDate } | { ok: false; message: string };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UTC = tz("UTC");

/** Nothing the clinic keeps (clearances, the log, the audit) is older than this. */
export const RECORDS_BEGIN: CalendarDate = "2000-01-01";

/**
 * How far the clinic books: a session (booked, moved, planned, its integration) may be up to two
 * years ahead. A year back is still accepted here so that the protocol's own P10 refusal ("a
 * session cannot be booked in the past", with the rule id) is what staff see for a recent date.
 */
export const BOOKING_HORIZON = { yearsBack: 1, yearsAhead: 2 } as const;

/** The bounds of each kind of date field. */
export const DATE_FIELDS = {
  session: (today) => ({ earliest: yearsAfter(today, -BOOKING_HORIZON.yearsBack), latest: yearsAfter(today, BOOKING_HORIZON.yearsAhead) }),
  /** A clearance's evaluation and valid-until; whether they fit the clinic's settings is record-clearance's check. */
  clearance: (today) => ({ earliest: RECORDS_BEGIN, latest: yearsAfter(today, 5) }),
  /** A range of the clinic's records to read (the substance-log report, the audit search). */
  records: (today) => ({ earliest: RECORDS_BEGIN, latest: yearsAfter(today, 1) }),
  /** A page that shows a day or a week (the room calendar, the planner's start): harmless to look far ahead, not past what dates can show. */
  browse: (today) => ({ earliest: RECORDS_BEGIN, latest: yearsAfter(today, 10) }),
  /** A birth date: in the past. */
  past: (today) => ({ earliest: "1900-01-01", latest: today }),
} satisfies Record<string, DateBounds>;

/** Today's date in UTC. Bounds years wide do not care which zone's today it is; pages that do pass the clinic's. */
export function utcToday(now = new Date()): CalendarDate {
  return now.toISOString().slice(0, 10);
}

/** A UTC instant at midnight of a real date, built without Date.UTC's 0–99 → 1900–1999 mapping. */
function utcMidnight(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

/** [year, month 1–12, day] of a date that exists, or null: the dates maths round-trips or it is not one. */
export function calendarDateParts(text: string): [number, number, number] | null {
  const m = SHAPE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utcMidnight(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? [year, month, day] : null;
}

/** The same date `years` later (earlier when negative); 29 Feb becomes 28 Feb in a common year. */
export function yearsAfter(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = calendarDateParts(date)!;
  return format(addYears(utcMidnight(y, m - 1, d), years, { in: UTC }), "yyyy-MM-dd", { in: UTC });
}

/** "31 Dec 2028". */
export function formatCalendarDate(date: CalendarDate): string {
  const [y, m, d] = calendarDateParts(date)!;
  return format(utcMidnight(y, m - 1, d), "d MMM yyyy", { in: UTC });
}

/** Why the digits are not a date: the month, or the month's length ("February 2027 has 28 days"). */
function whyNotReal(text: string): string {
  const [year, month] = text.split("-").map((part) => Number(part));
  if (month < 1 || month > 12) return `Enter a real date: there is no month ${month}.`;
  const days = utcMidnight(year, month, 0).getUTCDate();
  return `Enter a real date: ${format(utcMidnight(year, month - 1, 1), "MMMM", { in: UTC })} ${year} has ${days} days.`;
}

/**
 * Reads a date as typed: surrounding spaces are ignored, anything but YYYY-MM-DD gets `shape`
 * (the field's own words, "Enter the evaluation date as YYYY-MM-DD."), an impossible date says
 * why, and one outside `range` names the bound.
 */
export function parseCalendarDate(value: unknown, range: DateRange, shape = "Enter the date as YYYY-MM-DD."): DateReading {
  const text = typeof value === "string" ? value.trim() : "";
  if (!SHAPE.test(text)) return { ok: false, message: shape };
  if (!calendarDateParts(text)) return { ok: false, message: whyNotReal(text) };
  if (text < range.earliest) return { ok: false, message: `Choose a date no earlier than ${formatCalendarDate(range.earliest)}.` };
  if (text > range.latest) return { ok: false, message: `Choose a date no later than ${formatCalendarDate(range.latest)}.` };
  return { ok: true, date: text };
}

/** A date from a page's address, or `fallback` when it is missing or not one the page can show. */
export function calendarDateOr(value: unknown, bounds: DateBounds, today: CalendarDate, fallback: CalendarDate = today): CalendarDate {
  const reading = parseCalendarDate(value, bounds(today));
  return reading.ok ? reading.date : fallback;
}

/** A required date field in a zod schema; its bounds are worked out when the form is read. */
export function zCalendarDate(bounds: DateBounds, shape = "Enter the date as YYYY-MM-DD.") {
  return z.string({ error: shape }).transform((value, ctx) => {
    const reading = parseCalendarDate(value, bounds(utcToday()), shape);
    if (reading.ok) return reading.date;
    ctx.addIssue({ code: "custom", message: reading.message });
    return z.NEVER;
  });
}
