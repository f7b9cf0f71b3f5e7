// A recurring couples-therapy series (issue 14): every week or every two weeks, from a first
// date, until a date or for a number of occurrences, always at the same clinic-local time. Pure
// (no database): the booking form's fields are read here, and the dates it stands for worked out.
//
// The calendar maths is date-fns with @date-fns/tz (addClinicDays in lib/protocol/calendar.ts):
// each occurrence is the first date plus 7 or 14 calendar days in the clinic's zone, and its
// start the same wall-clock time on that date (atClinicTime), so 10:00 stays 10:00 across a
// daylight-saving change. Only weekly and fortnightly are asked for; a general RRULE engine (the
// `rrule` package) would add a dependency whose dates are "floating UTC" and need this same
// conversion to the zone anyway.
import { z } from "zod";
import { addClinicDays, atClinicTime, calendarDaysBetween, formatClinicDay, type ClinicDay } from "../protocol/calendar";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";

/** The most occurrences one series books: two years of weekly therapy. */
export const MAX_OCCURRENCES = 104;

export type SeriesRule = {
  /** The first occurrence's clinic date. */
  firstDay: ClinicDay;
  /** Minutes after local midnight, the same for every occurrence. */
  startMinute: number;
  /** 1: weekly; 2: every two weeks. */
  everyWeeks: 1 | 2;
  /** Ends after this many occurrences … */
  count: number | null;
  /** … or on this date (included), whichever the form chose. */
  untilDay: ClinicDay | null;
};

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * The form's repeat fields. "ends" chooses between a count and an end date; the other is
 * ignored, so a leftover value in the hidden field never changes the series.
 */
export const REPEAT_SHAPE = {
  everyWeeks: z.enum(["1", "2"], { message: "Choose every week or every two weeks." }).transform((v) => Number(v) as 1 | 2),
  ends: z.enum(["count", "until"], { message: "Choose how the series ends." }),
  count: z.preprocess(emptyToUndefined, z.coerce.number({ message: "Give the number of sessions." }).int("Give a whole number of sessions.").optional()),
  untilDate: z.preprocess(emptyToUndefined, zCalendarDate(DATE_FIELDS.session, "Choose the last date.").optional()),
};

type RepeatValues = { ends: "count" | "until"; count?: number | undefined; untilDate?: string | undefined };

/** The checks across the repeat fields, for any object schema that holds them. */
export function refineRepeat(v: RepeatValues, ctx: z.RefinementCtx): void {
  if (v.ends === "count") {
    if (v.count === undefined) ctx.addIssue({ code: "custom", path: ["count"], message: "Give the number of sessions." });
    else if (v.count < 2 || v.count > MAX_OCCURRENCES) {
      ctx.addIssue({ code: "custom", path: ["count"], message: `A series has 2 to ${MAX_OCCURRENCES} sessions; for one session, untick Repeat.` });
    }
  }
  if (v.ends === "until" && v.untilDate === undefined) ctx.addIssue({ code: "custom", path: ["untilDate"], message: "Choose the last date." });
}

export const ZRepeatFields = z.object(REPEAT_SHAPE).superRefine(refineRepeat);
export type TRepeatFields = z.output<typeof ZRepeatFields>;

export type SeriesRuleProblem = { field: "untilDate" | "count"; message: string };

/** The rule from the first date and time and the repeat fields; a problem with the end in words. */
export function seriesRuleOf(firstDay: ClinicDay, time: string, repeat: Pick<RepeatValues, "ends" | "count" | "untilDate"> & { everyWeeks: 1 | 2 }, timeZone: string): { rule: SeriesRule } | { problem: SeriesRuleProblem } {
  const [h, m] = time.split(":").map(Number);
  const rule: SeriesRule = {
    firstDay,
    startMinute: h * 60 + m,
    everyWeeks: repeat.everyWeeks,
    count: repeat.ends === "count" ? repeat.count ?? null : null,
    untilDay: repeat.ends === "until" ? repeat.untilDate ?? null : null,
  };
  if (rule.untilDay !== null) {
    const span = calendarDaysBetween(firstDay, rule.untilDay, timeZone);
    if (span < 0) return { problem: { field: "untilDate", message: `The last date must be on or after the first (${formatClinicDay(firstDay, timeZone)}).` } };
    const occurrences = Math.floor(span / (7 * rule.everyWeeks)) + 1;
    if (occurrences < 2) return { problem: { field: "untilDate", message: `The last date leaves one session; a series needs at least two (the next is ${formatClinicDay(addClinicDays(firstDay, 7 * rule.everyWeeks, timeZone), timeZone)}).` } };
    if (occurrences > MAX_OCCURRENCES) {
      return { problem: { field: "untilDate", message: `That is ${occurrences} sessions; a series has at most ${MAX_OCCURRENCES}. Choose an earlier last date.` } };
    }
  }
  return { rule };
}

/** The clinic dates of the series, in order (at most MAX_OCCURRENCES). */
export function seriesDays(rule: SeriesRule, timeZone: string): ClinicDay[] {
  const days: ClinicDay[] = [];
  const limit = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  for (let i = 0; i < limit; i++) {
    const day = addClinicDays(rule.firstDay, 7 * rule.everyWeeks * i, timeZone);
    if (rule.untilDay !== null && calendarDaysBetween(day, rule.untilDay, timeZone) < 0) break;
    days.push(day);
  }
  return days;
}

/** Each occurrence's start and end instants: the same wall-clock time on each date. */
export function seriesOccurrences(rule: SeriesRule, minutes: number, timeZone: string): { day: ClinicDay; startsAt: Date; endsAt: Date }[] {
  return seriesDays(rule, timeZone).map((day) => {
    const startsAt = atClinicTime(day, rule.startMinute, timeZone);
    return { day, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) };
  });
}

/** The rule in RFC 5545's words ("FREQ=WEEKLY;INTERVAL=2;COUNT=12"), kept with the series for anyone reading it later. */
export function ruleText(rule: SeriesRule): string {
  const end = rule.count !== null ? `COUNT=${rule.count}` : `UNTIL=${rule.untilDay!.replace(/-/g, "")}`;
  return `FREQ=WEEKLY;INTERVAL=${rule.everyWeeks};${end}`;
}
