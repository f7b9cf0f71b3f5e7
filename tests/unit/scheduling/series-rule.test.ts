import { describe, expect, test } from "vitest";
import { clinicDate, formatClinicTime, isoWeekday } from "@/lib/protocol/calendar";
import { MAX_OCCURRENCES, ruleText, seriesDays, seriesOccurrences, seriesRuleOf, ZRepeatFields, type SeriesRule } from "@/lib/scheduling/series-rule";

// A recurring series' dates: the same clinic-local time on every date, across daylight-saving
// changes in both directions, in the United States' zone and in Europe's.

const LA = "America/Los_Angeles";
const BERLIN = "Europe/Berlin";
const rule = (over: Partial<SeriesRule>): SeriesRule => ({ firstDay: "2026-03-03", startMinute: 10 * 60, everyWeeks: 1, count: 4, untilDay: null, ...over });

describe("a series' dates", () => {
  test("weekly across the spring change in Los Angeles (8 Mar 2026): 10:00 every Tuesday, the UTC hour moving by one", () => {
    const occurrences = seriesOccurrences(rule({}), 60, LA);
    expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual(["2026-03-03T18:00:00.000Z", "2026-03-10T17:00:00.000Z", "2026-03-17T17:00:00.000Z", "2026-03-24T17:00:00.000Z"]);
    for (const o of occurrences) {
      expect(formatClinicTime(o.startsAt, LA)).toBe("10:00");
      expect(formatClinicTime(o.endsAt, LA)).toBe("11:00");
      expect(isoWeekday(o.startsAt, LA)).toBe(2);
      expect(clinicDate(o.startsAt, LA)).toBe(o.day);
    }
  });

  test("every two weeks across the autumn change in Los Angeles (1 Nov 2026)", () => {
    const occurrences = seriesOccurrences(rule({ firstDay: "2026-10-20", startMinute: 17 * 60 + 30, everyWeeks: 2, count: 3 }), 60, LA);
    expect(occurrences.map((o) => o.day)).toEqual(["2026-10-20", "2026-11-03", "2026-11-17"]);
    expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual(["2026-10-21T00:30:00.000Z", "2026-11-04T01:30:00.000Z", "2026-11-18T01:30:00.000Z"]);
    for (const o of occurrences) expect(formatClinicTime(o.startsAt, LA)).toBe("17:30");
  });

  test("weekly across both changes in Berlin (29 Mar and 25 Oct 2026): 09:00 every Thursday", () => {
    const spring = seriesOccurrences(rule({ firstDay: "2026-03-19", startMinute: 9 * 60, count: 3 }), 90, BERLIN);
    expect(spring.map((o) => o.startsAt.toISOString())).toEqual(["2026-03-19T08:00:00.000Z", "2026-03-26T08:00:00.000Z", "2026-04-02T07:00:00.000Z"]);
    const autumn = seriesOccurrences(rule({ firstDay: "2026-10-22", startMinute: 9 * 60, count: 2 }), 90, BERLIN);
    expect(autumn.map((o) => o.startsAt.toISOString())).toEqual(["2026-10-22T07:00:00.000Z", "2026-10-29T08:00:00.000Z"]);
    for (const o of [...spring, ...autumn]) {
      expect(formatClinicTime(o.startsAt, BERLIN)).toBe("09:00");
      expect(formatClinicTime(o.endsAt, BERLIN)).toBe("10:30");
    }
  });

  test("12 weekly sessions across a change: all at the same local time, a week apart by the calendar", () => {
    const occurrences = seriesOccurrences(rule({ firstDay: "2026-02-24", startMinute: 19 * 60, count: 12 }), 60, LA);
    expect(occurrences).toHaveLength(12);
    expect(new Set(occurrences.map((o) => formatClinicTime(o.startsAt, LA)))).toEqual(new Set(["19:00"]));
    expect(occurrences.at(-1)!.day).toBe("2026-05-12");
  });

  test("until a date: the date itself is included, and nothing after it", () => {
    expect(seriesDays(rule({ count: null, untilDay: "2026-03-17" }), LA)).toEqual(["2026-03-03", "2026-03-10", "2026-03-17"]);
    expect(seriesDays(rule({ count: null, untilDay: "2026-03-16", everyWeeks: 2 }), LA)).toEqual(["2026-03-03"]);
  });

  test("the rule in RFC 5545's words", () => {
    expect(ruleText(rule({ count: 12 }))).toBe("FREQ=WEEKLY;INTERVAL=1;COUNT=12");
    expect(ruleText(rule({ count: null, untilDay: "2026-06-30", everyWeeks: 2 }))).toBe("FREQ=WEEKLY;INTERVAL=2;UNTIL=20260630");
  });
});

describe("the form's repeat fields", () => {
  const parse = (fields: Record<string, string>) => ZRepeatFields.safeParse({ everyWeeks: "1", ends: "count", ...fields });
  const fieldErrors = (fields: Record<string, string>) => {
    const result = parse(fields);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  test("a count of 2 to 104 is read; 500, 1 and none are field errors in words", () => {
    expect(parse({ count: "12" })).toMatchObject({ success: true, data: { everyWeeks: 1, ends: "count", count: 12 } });
    expect(parse({ count: String(MAX_OCCURRENCES) }).success).toBe(true);
    expect(fieldErrors({ count: "500" })).toEqual({ count: "A series has 2 to 104 sessions; for one session, untick Repeat." });
    expect(fieldErrors({ count: "1" })).toEqual({ count: "A series has 2 to 104 sessions; for one session, untick Repeat." });
    expect(fieldErrors({ count: "" })).toEqual({ count: "Give the number of sessions." });
    expect(fieldErrors({ count: "2.5" })).toEqual({ count: "Give a whole number of sessions." });
  });

  test("every three weeks is not offered; an end date is needed when the series ends on one", () => {
    expect(fieldErrors({ everyWeeks: "3", count: "4" })).toEqual({ everyWeeks: "Choose every week or every two weeks." });
    expect(fieldErrors({ ends: "until" })).toEqual({ untilDate: "Choose the last date." });
  });

  test("an end before the start, one that leaves a single session, or one past 104 sessions is a field error on the end date", () => {
    const repeat = (untilDate: string, everyWeeks: 1 | 2 = 1) => ({ everyWeeks, ends: "until" as const, untilDate });
    expect(seriesRuleOf("2026-03-03", "10:00", repeat("2026-03-02"), LA)).toEqual({ problem: { field: "untilDate", message: "The last date must be on or after the first (Tue 3 Mar)." } });
    expect(seriesRuleOf("2026-03-03", "10:00", repeat("2026-03-09"), LA)).toMatchObject({ problem: { field: "untilDate" } });
    expect(seriesRuleOf("2026-03-03", "10:00", repeat("2028-03-01"), LA)).toEqual({ problem: { field: "untilDate", message: "That is 105 sessions; a series has at most 104. Choose an earlier last date." } });
    expect(seriesRuleOf("2026-03-03", "10:00", repeat("2028-03-01", 2), LA)).toMatchObject({ rule: { everyWeeks: 2, untilDay: "2028-03-01", count: null, startMinute: 600 } });
  });
});
