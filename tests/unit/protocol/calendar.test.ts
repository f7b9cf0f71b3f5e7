// Calendar-day maths in the clinic's zone. Instants are written as UTC strings, so each case
// states exactly which moment it means; the server's own zone must not matter (see the TZ case).
import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  addClinicDays,
  atClinicTime,
  calendarDaysBetween,
  clinicDate,
  clinicMinuteOfDay,
  formatClinicDay,
  formatClinicSlot,
  formatClinicTime,
  formatClinicTimeRange,
  formatDayChoice,
  isoWeekday,
} from "@/lib/protocol/calendar";
import { formatOpeningHours, isOpenDay, withinOpeningHours } from "@/lib/protocol/opening-hours";
import { DEFAULT_SETTINGS } from "@/lib/protocol/settings";

const LA = "America/Los_Angeles";
const LORD_HOWE = "Australia/Lord_Howe";
const AUCKLAND = "Pacific/Auckland";
const utc = (iso: string) => new Date(iso);

describe("clinicDate: the calendar date where the clinic is", () => {
  it.each([
    // Late evening in Los Angeles is already the next day in UTC.
    [LA, "2026-03-08T01:00:00Z", "2026-03-07"], // Sat 7 Mar 17:00 PST, before the spring change
    [LA, "2026-11-01T02:00:00Z", "2026-10-31"], // Sat 31 Oct 19:00 PDT, before the autumn change
    [LA, "2026-11-01T08:59:00Z", "2026-11-01"], // Sun 1 Nov 00:59 PST (after falling back)
    // East of UTC, a morning session is still the previous day in UTC.
    [AUCKLAND, "2026-03-02T19:00:00Z", "2026-03-03"], // Tue 3 Mar 08:00 NZDT
    [AUCKLAND, "2026-03-03T06:30:00Z", "2026-03-03"], // Tue 3 Mar 19:30 NZDT (late evening)
    [AUCKLAND, "2026-03-03T11:30:00Z", "2026-03-04"], // Wed 4 Mar 00:30 NZDT
    // Lord Howe moves by 30 minutes: +10:30 in winter, +11 in summer.
    [LORD_HOWE, "2026-10-04T12:45:00Z", "2026-10-04"], // 23:45 +11
    [LORD_HOWE, "2026-10-04T13:15:00Z", "2026-10-05"], // 00:15 +11
    [LORD_HOWE, "2026-07-01T13:15:00Z", "2026-07-01"], // 23:45 +10:30
    [LORD_HOWE, "2026-07-01T13:45:00Z", "2026-07-02"], // 00:15 +10:30
  ])("%s %s is %s", (zone, iso, expected) => {
    expect(clinicDate(utc(iso), zone)).toBe(expected);
  });
});

describe("calendarDaysBetween counts dates, not 24-hour spans", () => {
  it.each([
    // Saturday before the spring change to Monday: 47 hours, 2 days.
    [LA, "2026-03-07T18:00:00Z", "2026-03-09T17:00:00Z", 2],
    // Late Saturday evening before the spring change to Monday 08:00: 39 hours, 2 days.
    [LA, "2026-03-08T01:00:00Z", "2026-03-09T15:00:00Z", 2],
    // Late Saturday evening before the autumn change (already Sunday in UTC) to Monday: 2 days.
    [LA, "2026-11-01T00:00:00Z", "2026-11-02T16:00:00Z", 2],
    [LA, "2026-11-01T00:00:00Z", "2026-11-01T16:00:00Z", 1],
    // Lord Howe across its 30-minute spring shift (Sun 4 Oct 2026 has 23.5 hours).
    [LORD_HOWE, "2026-10-03T08:30:00Z", "2026-10-04T21:00:00Z", 2],
    // Auckland: Tue 08:00 to Thu 18:00 local is 2 days, though the UTC dates are 3 apart.
    [AUCKLAND, "2026-03-02T19:00:00Z", "2026-03-05T05:00:00Z", 2],
    // Auckland: Tue 18:00 to Wed 08:00 local is 1 day, though both are Tue in UTC.
    [AUCKLAND, "2026-03-03T05:00:00Z", "2026-03-03T19:00:00Z", 1],
    [LA, "2026-03-09T17:00:00Z", "2026-03-07T18:00:00Z", -2],
  ])("%s from %s to %s is %i", (zone, a, b, days) => {
    expect(calendarDaysBetween(utc(a), utc(b), zone)).toBe(days);
  });

  it("takes calendar dates too", () => {
    expect(calendarDaysBetween("2026-03-07", "2026-03-09", LA)).toBe(2);
    expect(calendarDaysBetween("2026-02-27", "2026-05-28", LA)).toBe(90);
    expect(calendarDaysBetween("2026-10-31", utc("2026-11-02T16:00:00Z"), LA)).toBe(2);
  });
});

describe("addClinicDays keeps the wall-clock time, not 24 hours", () => {
  it("a date gives a date, across month ends and DST", () => {
    expect(addClinicDays("2026-03-07", 1, LA)).toBe("2026-03-08");
    expect(addClinicDays("2026-02-28", 1, LA)).toBe("2026-03-01");
    expect(addClinicDays("2026-03-01", -1, LA)).toBe("2026-02-28");
    expect(addClinicDays("2026-10-03", 2, LORD_HOWE)).toBe("2026-10-05");
  });

  it("an instant gives the same local time on the later date", () => {
    // Sat 10:00 PST + 1 day = Sun 10:00 PDT: 23 hours later.
    expect(addClinicDays(utc("2026-03-07T18:00:00Z"), 1, LA).toISOString()).toBe("2026-03-08T17:00:00.000Z");
    // Sat 17:00 PDT + 1 day = Sun 17:00 PST: 25 hours later.
    expect(addClinicDays(utc("2026-11-01T00:00:00Z"), 1, LA).toISOString()).toBe("2026-11-02T01:00:00.000Z");
    // Lord Howe Sat 19:00 (+10:30) + 1 day = Sun 19:00 (+11): 23.5 hours later.
    expect(addClinicDays(utc("2026-10-03T08:30:00Z"), 1, LORD_HOWE).toISOString()).toBe("2026-10-04T08:00:00.000Z");
  });
});

describe("atClinicTime", () => {
  it.each([
    ["2026-03-07", 600, LA, "2026-03-07T18:00:00.000Z"],
    ["2026-03-08", 600, LA, "2026-03-08T17:00:00.000Z"],
    ["2026-11-01", 600, LA, "2026-11-01T18:00:00.000Z"],
    ["2026-10-03", 19 * 60, LORD_HOWE, "2026-10-03T08:30:00.000Z"],
    ["2026-10-05", 8 * 60, LORD_HOWE, "2026-10-04T21:00:00.000Z"],
    ["2026-03-03", 8 * 60, AUCKLAND, "2026-03-02T19:00:00.000Z"],
    ["2026-03-03", 1440, LA, "2026-03-04T08:00:00.000Z"],
  ])("%s at minute %i in %s", (day, minute, zone, iso) => {
    expect(atClinicTime(day, minute, zone).toISOString()).toBe(iso);
  });

  it("round-trips date and minute of day", () => {
    const t = atClinicTime("2026-10-04", 17 * 60 + 30, LORD_HOWE);
    expect(clinicDate(t, LORD_HOWE)).toBe("2026-10-04");
    expect(clinicMinuteOfDay(t, LORD_HOWE)).toBe(17 * 60 + 30);
  });

  it("rejects a malformed date", () => {
    expect(() => atClinicTime("3 Mar 2026", 600, LA)).toThrow(/YYYY-MM-DD/);
  });
});

describe("isoWeekday in the clinic's zone", () => {
  it("Mon=1 … Sun=7, for instants and dates", () => {
    expect(isoWeekday("2026-03-02", LA)).toBe(1);
    expect(isoWeekday("2026-03-08", LA)).toBe(7);
    // Sat 17:00 PST is Sunday in UTC.
    expect(isoWeekday(utc("2026-03-08T01:00:00Z"), LA)).toBe(6);
    // Tue 08:00 NZDT is Monday in UTC.
    expect(isoWeekday(utc("2026-03-02T19:00:00Z"), AUCKLAND)).toBe(2);
  });
});

describe("withinOpeningHours (Mon–Sat 08:00–20:00 by default)", () => {
  const settings = { ...DEFAULT_SETTINGS, timeZone: LA };
  const la = (day: string, from: number, to: number) => [atClinicTime(day, from, LA), atClinicTime(day, to, LA)] as const;
  it.each([
    ["Tue 08:00–09:00", la("2026-03-03", 480, 540), true],
    ["Tue 17:00–20:00", la("2026-03-03", 1020, 1200), true],
    ["Sat before the spring change 17:00–20:00", la("2026-03-07", 1020, 1200), true],
    ["Sat before the autumn change 17:00–20:00", la("2026-10-31", 1020, 1200), true],
    ["Tue 07:30–08:30", la("2026-03-03", 450, 510), false],
    ["Tue 19:30–20:30", la("2026-03-03", 1170, 1230), false],
    ["Sunday", la("2026-03-08", 600, 660), false],
    ["ends before it starts", la("2026-03-03", 600, 540), false],
  ])("%s → %s", (_label, [start, end], expected) => {
    expect(withinOpeningHours(start, end, settings)).toBe(expected);
  });

  it("a session over midnight is outside; ending at midnight fits a clinic closing at 24:00", () => {
    const late = { ...settings, opensAtMinute: 0, closesAtMinute: 1440, openWeekdays: [1, 2, 3, 4, 5, 6, 7] };
    expect(withinOpeningHours(atClinicTime("2026-03-03", 1380, LA), atClinicTime("2026-03-04", 0, LA), late)).toBe(true);
    expect(withinOpeningHours(atClinicTime("2026-03-03", 1380, LA), atClinicTime("2026-03-04", 30, LA), late)).toBe(false);
  });

  it("isOpenDay reads the clinic's open weekdays for a date, or an instant's date in its zone", () => {
    const weekdays = { ...settings, openWeekdays: [1, 3, 5] };
    expect(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-08"].map((d) => isOpenDay(d, weekdays))).toEqual([true, false, true, false]);
    // Mon 2 Mar 06:00 UTC is still Sunday evening in Los Angeles.
    expect(isOpenDay(utc("2026-03-02T06:00:00Z"), weekdays)).toBe(false);
    expect(isOpenDay(utc("2026-03-02T06:00:00Z"), { ...weekdays, timeZone: AUCKLAND })).toBe(true);
  });

  it("uses the clinic's zone: Auckland 08:00 Tuesday is open though it is Monday evening in UTC", () => {
    const nz = { ...settings, timeZone: AUCKLAND };
    expect(withinOpeningHours(utc("2026-03-02T19:00:00Z"), utc("2026-03-02T20:00:00Z"), nz)).toBe(true);
    // Sunday 08:00 NZDT = Saturday 19:00 UTC: closed.
    expect(withinOpeningHours(utc("2026-03-07T19:00:00Z"), utc("2026-03-07T20:00:00Z"), nz)).toBe(false);
  });
});

describe("formatting for messages", () => {
  it("days, times and slots in the clinic's zone", () => {
    expect(formatClinicDay("2026-03-03", LA)).toBe("Tue 3 Mar");
    expect(formatClinicDay(utc("2026-03-08T01:00:00Z"), LA)).toBe("Sat 7 Mar");
    expect(formatClinicDay(utc("2026-03-02T19:00:00Z"), AUCKLAND)).toBe("Tue 3 Mar");
    expect(formatClinicTimeRange(utc("2026-03-03T18:00:00Z"), utc("2026-03-03T21:00:00Z"), LA)).toBe("10:00–13:00");
    expect(formatClinicSlot(utc("2026-03-02T19:00:00Z"), utc("2026-03-02T22:00:00Z"), AUCKLAND)).toBe("Tue 3 Mar 08:00–11:00");
  });

  it("day choices and opening hours", () => {
    expect(formatDayChoice(["2026-03-04", "2026-03-05"], LA)).toBe("on Wed 4 Mar or Thu 5 Mar");
    expect(formatDayChoice(["2026-03-04"], LA)).toBe("on Wed 4 Mar");
    expect(formatDayChoice(["2026-03-04", "2026-03-05", "2026-03-06"], LA)).toBe("on Wed 4 Mar, Thu 5 Mar or Fri 6 Mar");
    expect(formatDayChoice(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"], LA)).toBe("between Wed 4 Mar and Sun 8 Mar");
    // Open days of a window need not follow each other: each is named, in date order, once.
    expect(formatDayChoice(["2026-03-09", "2026-03-07"], LA)).toBe("on Sat 7 Mar or Mon 9 Mar");
    expect(formatDayChoice(["2026-03-02", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-04"], LA)).toBe("on Mon 2 Mar, Wed 4 Mar, Thu 5 Mar or Fri 6 Mar");
    expect(() => formatDayChoice([], LA)).toThrow(/at least one day/);
    expect(formatOpeningHours(DEFAULT_SETTINGS)).toBe("Mon–Sat 08:00–20:00");
    expect(formatOpeningHours({ ...DEFAULT_SETTINGS, openWeekdays: [5, 1, 3], opensAtMinute: 570 })).toBe("Mon, Wed, Fri 09:30–20:00");
  });
});

describe("the server's own time zone does not matter", () => {
  // In a child process started with TZ set: inside a test runner's worker thread (the mutation
  // run's), assigning process.env.TZ changes nothing, so the test would not test what it says.
  it("gives the same answers with TZ=Asia/Kolkata", () => {
    const calendar = path.resolve(import.meta.dirname, "../../../lib/protocol/calendar.ts");
    const script = `
      import { atClinicTime, calendarDaysBetween, clinicDate, formatClinicDay, isoWeekday } from ${JSON.stringify(pathToFileURL(calendar).href)};
      const utc = (s) => new Date(s);
      console.log(JSON.stringify([
        new Date(2026, 0, 1).getTimezoneOffset(),
        clinicDate(utc("2026-03-08T01:00:00Z"), "${LA}"),
        calendarDaysBetween(utc("2026-11-01T00:00:00Z"), utc("2026-11-02T16:00:00Z"), "${LA}"),
        atClinicTime("2026-03-03", 480, "${AUCKLAND}").toISOString(),
        formatClinicDay(utc("2026-03-03T06:30:00Z"), "${AUCKLAND}"),
        isoWeekday("2026-03-08", "${LA}"),
      ]));`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-tz-"));
    fs.writeFileSync(path.join(dir, "check.mts"), script);
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, "check.mts")], { env: { ...process.env, TZ: "Asia/Kolkata" }, encoding: "utf8", timeout: 60_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([-330, "2026-03-07", 2, "2026-03-02T19:00:00.000Z", "Tue 3 Mar", 7]);
    // Starting a Node.js with tsx takes seconds on a busy machine: the child's own 60 s, not Vitest's 5 s.
  }, 60_000);
});

describe("the wall clock read through Intl agrees with date-fns' zone maths", () => {
  // clinicDate, clinicMinuteOfDay and formatClinicTime read one cached Intl formatter (they are
  // the room calendar's hot path); date-fns with a tz() context is the reference.
  const zones = [LA, LORD_HOWE, AUCKLAND, "Asia/Kathmandu", "America/St_Johns", "Europe/London", "UTC"];
  it("for any instant from 1990 to 2060 in zones with odd offsets and DST", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const instant = new Date(ms);
        expect(clinicDate(instant, zone)).toBe(format(instant, "yyyy-MM-dd", { in: tz(zone) }));
        expect(formatClinicTime(instant, zone)).toBe(format(instant, "HH:mm", { in: tz(zone) }));
        const local = new TZDate(ms, zone);
        expect(clinicMinuteOfDay(instant, zone)).toBe(local.getHours() * 60 + local.getMinutes());
      }),
      { numRuns: 2000 },
    );
  });
  it("midnight is 00:00, never 24:00", () => {
    expect(formatClinicTime(utc("2026-06-01T07:00:00Z"), LA)).toBe("00:00");
    expect(clinicMinuteOfDay(utc("2026-06-01T07:00:00Z"), LA)).toBe(0);
  });
});

describe("the edges of the calendar's answers", () => {
  it("a clinic date always has a four-digit year", () => {
    expect(clinicDate(new Date(Date.UTC(999, 5, 1, 12)), "UTC")).toBe("0999-06-01");
  });

  it("two questions are never confused, even when their instants' digits run together alike", () => {
    // 959817600000|1773162000000 and 9598176000001|773162000000 spell the same digits without the separator.
    const [a1, b1] = [new Date(959_817_600_000), new Date(1_773_162_000_000)];
    const [a2, b2] = [new Date(9_598_176_000_001), new Date(773_162_000_000)];
    expect([a1, b1, a2, b2].map((d) => d.toISOString().slice(0, 10))).toEqual(["2000-06-01", "2026-03-10", "2274-02-26", "1994-07-02"]);
    expect(calendarDaysBetween(a1, b1, "UTC")).toBe(9413);
    expect(calendarDaysBetween(a2, b2, "UTC")).toBe(-102142);
  });

  it("a session that ends when it starts is not inside opening hours", () => {
    const tuesdayTen = atClinicTime("2026-03-03", 600, LA);
    expect(withinOpeningHours(tuesdayTen, new Date(tuesdayTen), { ...DEFAULT_SETTINGS, timeZone: LA })).toBe(false);
  });

  it("only the next midnight closes a day: ending at midnight two days later is outside, even open around the clock", () => {
    const always = { ...DEFAULT_SETTINGS, timeZone: LA, opensAtMinute: 0, closesAtMinute: 1440, openWeekdays: [1, 2, 3, 4, 5, 6, 7] };
    expect(withinOpeningHours(atClinicTime("2026-03-03", 1380, LA), atClinicTime("2026-03-05", 0, LA), always)).toBe(false);
  });

  it.each([
    [[1, 2], "Mon, Tue 08:00–20:00"],
    [[3], "Wed 08:00–20:00"],
    [[1, 2, 3], "Mon–Wed 08:00–20:00"],
    [[7, 6, 5, 4], "Thu–Sun 08:00–20:00"],
    [[2, 4, 7], "Tue, Thu, Sun 08:00–20:00"],
  ])("opening hours on days %j read %s: a run of three or more days as a range", (openWeekdays, words) => {
    expect(formatOpeningHours({ ...DEFAULT_SETTINGS, openWeekdays })).toBe(words);
  });
});
