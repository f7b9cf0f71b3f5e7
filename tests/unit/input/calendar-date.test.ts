import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BOOKING_HORIZON,
  calendarDateOr,
  calendarDateParts,
  DATE_FIELDS,
  parseCalendarDate,
  utcToday,
  yearsAfter,
  zCalendarDate,
} from "@/lib/input/calendar-date";

// Every date a person types or puts in an address is read here; the probe's impossible dates
// rolled over into other months (31 Feb → 3 Mar) or past what the calendar can show (9999).
const today = "2026-11-30";
const wide = { earliest: "0001-01-01", latest: "9999-12-31" };

describe("parseCalendarDate: strict YYYY-MM-DD, real dates only", () => {
  it.each([
    ["2027-02-28", "2027-02-28"],
    ["2028-02-29", "2028-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["2027-12-31", "2027-12-31"],
    ["  2027-03-01 ", "2027-03-01"],
  ])("%j is %s", (text, date) => {
    expect(parseCalendarDate(text, wide)).toEqual({ ok: true, date });
  });

  it.each([
    ["2027-02-31", "Enter a real date: February 2027 has 28 days."],
    ["2027-02-29", "Enter a real date: February 2027 has 28 days."],
    ["2028-02-30", "Enter a real date: February 2028 has 29 days."],
    ["1900-02-29", "Enter a real date: February 1900 has 28 days."],
    ["2027-04-31", "Enter a real date: April 2027 has 30 days."],
    ["2027-04-00", "Enter a real date: April 2027 has 30 days."],
    ["2027-13-10", "Enter a real date: there is no month 13."],
    ["2027-00-10", "Enter a real date: there is no month 0."],
  ])("%j is not a date: %s", (text, message) => {
    expect(parseCalendarDate(text, wide)).toEqual({ ok: false, message });
  });

  it.each([["27-03-01"], ["2027-3-1"], ["2027/03/01"], ["20270301"], ["2027-03-01T00:00"], ["+02027-03-01"], ["2027-03-01x"], ["２０２７-03-01"], [""], ["  "]])(
    "%j is not YYYY-MM-DD: the field's own words",
    (text) => {
      expect(parseCalendarDate(text, wide, "Enter the evaluation date as YYYY-MM-DD.")).toEqual({ ok: false, message: "Enter the evaluation date as YYYY-MM-DD." });
    },
  );

  it.each([[undefined], [null], [20270301], [["2027-03-01"]], [{}]])("%j is not text: the field's words", (value) => {
    expect(parseCalendarDate(value, wide)).toEqual({ ok: false, message: "Enter the date as YYYY-MM-DD." });
  });

  it("names the bound a date falls outside of", () => {
    const range = { earliest: "2000-01-01", latest: "2028-12-31" };
    expect(parseCalendarDate("1999-12-31", range)).toEqual({ ok: false, message: "Choose a date no earlier than 1 Jan 2000." });
    expect(parseCalendarDate("2029-01-01", range)).toEqual({ ok: false, message: "Choose a date no later than 31 Dec 2028." });
    expect(parseCalendarDate("2000-01-01", range)).toEqual({ ok: true, date: "2000-01-01" });
    expect(parseCalendarDate("2028-12-31", range)).toEqual({ ok: true, date: "2028-12-31" });
  });
});

describe("calendarDateParts: the engine's reading of a checked date", () => {
  it("splits real dates, including years below 100 that Date.UTC would move to the 1900s", () => {
    expect(calendarDateParts("2027-02-28")).toEqual([2027, 2, 28]);
    expect(calendarDateParts("0050-02-28")).toEqual([50, 2, 28]);
  });
  it.each([["2027-02-31"], ["2027-13-10"], ["2027-04-00"], ["2027-3-1"], ["0000-00-00"]])("refuses %j", (text) => {
    expect(calendarDateParts(text)).toBeNull();
  });
});

describe("the fields' bounds", () => {
  it("a session is booked at most two years ahead and one year back (P10 speaks for the recent past)", () => {
    expect(BOOKING_HORIZON).toEqual({ yearsBack: 1, yearsAhead: 2 });
    expect(DATE_FIELDS.session(today)).toEqual({ earliest: "2025-11-30", latest: "2028-11-30" });
    const range = DATE_FIELDS.session(today);
    expect(parseCalendarDate("2026-11-01", range)).toEqual({ ok: true, date: "2026-11-01" });
    expect(parseCalendarDate("9999-12-31", range)).toEqual({ ok: false, message: "Choose a date no later than 30 Nov 2028." });
    expect(parseCalendarDate("2024-01-01", range)).toEqual({ ok: false, message: "Choose a date no earlier than 30 Nov 2025." });
  });

  it("clearances, records and pages reach back to 2000; a birth date is not in the future", () => {
    expect(DATE_FIELDS.clearance(today)).toEqual({ earliest: "2000-01-01", latest: "2031-11-30" });
    expect(DATE_FIELDS.records(today)).toEqual({ earliest: "2000-01-01", latest: "2027-11-30" });
    expect(DATE_FIELDS.browse(today)).toEqual({ earliest: "2000-01-01", latest: "2036-11-30" });
    expect(parseCalendarDate("2026-12-01", DATE_FIELDS.past(today))).toEqual({ ok: false, message: "Choose a date no later than 30 Nov 2026." });
    expect(parseCalendarDate("0000-01-01", DATE_FIELDS.records(today))).toEqual({ ok: false, message: "Choose a date no earlier than 1 Jan 2000." });
  });

  it("years later keep the date, 29 Feb becomes 28 Feb", () => {
    expect(yearsAfter("2028-02-29", 1)).toBe("2029-02-28");
    expect(yearsAfter("2026-11-30", -1)).toBe("2025-11-30");
  });

  it("today is the UTC date", () => {
    expect(utcToday(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11-30");
  });
});

describe("calendarDateOr: a page's ?date= never throws", () => {
  it.each([["9999-12-31"], ["2027-02-31"], ["0000-01-01"], ["garbage"], [undefined], [["2027-03-01", "2027-03-02"]]])("%j falls back", (value) => {
    expect(calendarDateOr(value, DATE_FIELDS.browse, today)).toBe(today);
    expect(calendarDateOr(value, DATE_FIELDS.browse, today, "2026-12-01")).toBe("2026-12-01");
  });
  it("a date the page can show is kept", () => {
    expect(calendarDateOr("2031-11-24", DATE_FIELDS.browse, today)).toBe("2031-11-24");
  });
});

describe("zCalendarDate: the field error in a schema", () => {
  const schema = z.object({ date: zCalendarDate(DATE_FIELDS.session, "Choose a date.") });
  const messages = (value: unknown) => schema.safeParse({ date: value }).error?.issues.map((i) => [i.path.join("."), i.message]);

  it("passes a date inside the bounds, worked out from today", () => {
    expect(schema.parse({ date: yearsAfter(utcToday(), 1) })).toEqual({ date: yearsAfter(utcToday(), 1) });
  });

  it.each([
    ["2027-02-31", "Enter a real date: February 2027 has 28 days."],
    ["2027-13-10", "Enter a real date: there is no month 13."],
    ["2027-04-00", "Enter a real date: April 2027 has 30 days."],
    ["9999-12-31", `Choose a date no later than`],
    [undefined, "Choose a date."],
    ["tomorrow", "Choose a date."],
  ])("%j: one issue on the field", (value, message) => {
    const issues = messages(value)!;
    expect(issues).toHaveLength(1);
    expect(issues[0][0]).toBe("date");
    expect(issues[0][1].startsWith(message)).toBe(true);
  });
});
