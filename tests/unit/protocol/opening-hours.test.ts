// Opening hours per weekday and closures (issue 14): the pure answers the engine (P10, P4), the
// planner and the board read, in the clinic's zone and across both daylight-saving changes
// (America/Los_Angeles: Sun 8 Mar 2026 has 23 hours, Sun 1 Nov 2026 has 25).
import { describe, expect, it } from "vitest";
import { evaluateChange, checkCycle } from "@/lib/protocol/engine";
import {
  closureOver,
  closureSpanWords,
  describeClosure,
  formatOpeningHours,
  hoursOn,
  isOpenDay,
  openingDays,
  weekdayHours,
  withinOpeningHours,
} from "@/lib/protocol/opening-hours";
import { nearestMedicineDays, openWindowDays } from "@/lib/protocol/rules/p4-integration-window";
import { DEFAULT_SETTINGS, settingsFromClinic, settingsToClinic, ZProtocolSettings } from "@/lib/protocol/settings";
import type { ClinicClosure, ProtocolSettings } from "@/lib/protocol/types";
import { asNew, at, fullPlan, make, snapshot, ZONE } from "./fixtures";

const hours = (opens: string, closes: string) => {
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { opensAtMinute: minute(opens), closesAtMinute: minute(closes) };
};
// Mon–Fri 08:00–20:00, Sat 09:00–13:00, Sunday's hours kept but the day closed.
const WEEK = [...Array(5).fill(hours("08:00", "20:00")), hours("09:00", "13:00"), hours("10:00", "16:00")];
const settings: ProtocolSettings = { ...DEFAULT_SETTINGS, timeZone: ZONE, hoursByWeekday: WEEK };
const closure = (id: string, from: Date, to: Date, extra: Partial<ClinicClosure> = {}): ClinicClosure => ({ id, roomId: null, startsAt: from, endsAt: to, reason: "Holidays", ...extra });
const wholeDays = (id: string, first: string, dayAfterLast: string, extra: Partial<ClinicClosure> = {}) => closure(id, at(first, "00:00"), at(dayAfterLast, "00:00"), extra);

describe("hours per weekday", () => {
  it("each weekday has its own hours; a day not open has none, whatever hours it keeps", () => {
    expect(weekdayHours(settings, 1)).toEqual(hours("08:00", "20:00"));
    expect(weekdayHours(settings, 6)).toEqual(hours("09:00", "13:00"));
    expect(weekdayHours(settings, 7)).toBeNull();
    expect(hoursOn(settings, "2026-03-07")).toEqual(hours("09:00", "13:00")); // a Saturday
    // Without hours per weekday, every open day has the one pair (a clinic from before them).
    expect(hoursOn({ ...DEFAULT_SETTINGS, timeZone: ZONE }, "2026-03-07")).toEqual(hours("08:00", "20:00"));
  });

  it.each([
    ["Saturday 12:00–13:00, inside Saturday's hours", "2026-03-07", "12:00", "13:00", true],
    ["Saturday 12:30–13:30, past Saturday's closing", "2026-03-07", "12:30", "13:30", false],
    ["Saturday 08:30–09:30, before Saturday's opening", "2026-03-07", "08:30", "09:30", false],
    ["Friday 18:00–20:00", "2026-03-06", "18:00", "20:00", true],
    ["Sunday 11:00–12:00: Sunday is closed, its kept hours do not count", "2026-03-08", "11:00", "12:00", false],
    // The Monday after the spring change: 08:00 is still 08:00 on the wall clock.
    ["Monday 9 Mar 08:00–09:00, after the spring change", "2026-03-09", "08:00", "09:00", true],
    ["Monday 2 Nov 19:00–20:00, after the autumn change", "2026-11-02", "19:00", "20:00", true],
    ["Saturday 31 Oct 12:00–13:30, the autumn change's eve", "2026-10-31", "12:00", "13:30", false],
  ])("%s → %s", (_name, day, from, to, inside) => {
    expect(withinOpeningHours(at(day, from), at(day, to), settings)).toBe(inside);
  });

  it("reads the hours in words, days with the same hours together", () => {
    expect(formatOpeningHours(settings)).toBe("Mon–Fri 08:00–20:00; Sat 09:00–13:00");
    expect(formatOpeningHours({ ...settings, openWeekdays: [1, 3, 5, 7] })).toBe("Mon, Wed, Fri 08:00–20:00; Sun 10:00–16:00");
    expect(formatOpeningHours(DEFAULT_SETTINGS)).toBe("Mon–Sat 08:00–20:00");
  });

  it("P10 refuses a session past its own day's closing, naming the week's hours", () => {
    const late = make.couples("ct-1", "2026-03-14", "12:30"); // Saturday 12:30–13:30
    const { violations } = evaluateChange(snapshot({ sessions: fullPlan(), settings: { hoursByWeekday: WEEK } }), { type: "book", sessions: [asNew(late)] });
    expect(violations.map((v) => v.message)).toEqual(["P10: The couples therapy session on Sat 14 Mar 12:30–13:30 is outside opening hours (Mon–Fri 08:00–20:00; Sat 09:00–13:00)."]);
    const early = make.couples("ct-2", "2026-03-14", "12:00");
    expect(evaluateChange(snapshot({ sessions: fullPlan(), settings: { hoursByWeekday: WEEK } }), { type: "book", sessions: [asNew(early)] }).violations).toEqual([]);
  });

  it("the settings keep seven days' hours; each must open before it closes, and sessions must fit the longest open day", () => {
    const parsed = (change: Partial<ProtocolSettings>) => ZProtocolSettings.safeParse({ ...DEFAULT_SETTINGS, ...change });
    expect(parsed({ hoursByWeekday: WEEK }).success).toBe(true);
    const broken = parsed({ hoursByWeekday: WEEK.map((h, i) => (i === 2 ? hours("18:00", "09:00") : h)) });
    expect(broken.success ? [] : broken.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["hoursByWeekday.2.closesAtMinute", "Wednesday: closing time must be after opening time"]]);
    // Only Saturday open, 4 hours: a 180-minute session fits, and a 5-hour one would not.
    const short = parsed({ openWeekdays: [6], hoursByWeekday: WEEK, sessionMinutes: { ...DEFAULT_SETTINGS.sessionMinutes, MEDICINE_TAKING_TURNS: 300 } });
    expect(short.success ? [] : short.error.issues.map((i) => i.message)).toEqual(["Medicine: Taking Turns (300 min) is longer than the clinic's open day (240 min)"]);
    expect(parsed({ hoursByWeekday: WEEK.slice(0, 6) }).success).toBe(false);
  });

  it("round-trips through the Clinic row: seven pairs, and the single pair the open days' earliest and latest", () => {
    const row = settingsToClinic(settings);
    expect(row).toMatchObject({ opensAtMinute: 480, closesAtMinute: 1200, weekdayOpensAtMinute: [480, 480, 480, 480, 480, 540, 600], weekdayClosesAtMinute: [1200, 1200, 1200, 1200, 1200, 780, 960] });
    expect(settingsToClinic({ ...settings, openWeekdays: [6, 7] })).toMatchObject({ opensAtMinute: 540, closesAtMinute: 960 });
    expect(settingsFromClinic({ ...row, closures: [] }).hoursByWeekday).toEqual(WEEK);
    // A row from before hours per weekday: one pair for every day.
    expect(settingsToClinic({ ...DEFAULT_SETTINGS }).weekdayOpensAtMinute).toEqual(Array(7).fill(480));
  });
});

describe("closures", () => {
  const holiday = wholeDays("h", "2026-03-10", "2026-03-12"); // Tue 10 and Wed 11 Mar
  const cedarRepairs = closure("r", at("2026-03-13", "10:00"), at("2026-03-13", "14:00"), { roomId: "r-dose", roomName: "Cedar", reason: "Repairs" });
  const withClosures = { ...settings, closures: [holiday, cedarRepairs] };

  it("a closure of the whole clinic meets every room and telehealth; a room's only that room; touching ends do not meet", () => {
    expect(closureOver(withClosures, at("2026-03-10", "09:00"), at("2026-03-10", "10:00"), "r-oak")?.id).toBe("h");
    expect(closureOver(withClosures, at("2026-03-10", "09:00"), at("2026-03-10", "10:00"), null)?.id).toBe("h");
    expect(closureOver(withClosures, at("2026-03-13", "13:00"), at("2026-03-13", "15:00"), "r-dose")?.id).toBe("r");
    expect(closureOver(withClosures, at("2026-03-13", "13:00"), at("2026-03-13", "15:00"), "r-oak")).toBeUndefined();
    expect(closureOver(withClosures, at("2026-03-13", "14:00"), at("2026-03-13", "15:00"), "r-dose")).toBeUndefined();
    expect(closureOver(withClosures, at("2026-03-09", "19:00"), at("2026-03-10", "00:00"), "r-oak")).toBeUndefined();
  });

  it("a day is closed when closures of the whole clinic cover all its hours, even in pieces; a room's closure closes no day", () => {
    expect(["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"].map((d) => isOpenDay(d, withClosures))).toEqual([true, false, false, true, true]);
    const morning = closure("m", at("2026-03-16", "07:00"), at("2026-03-16", "12:00"));
    const afternoon = closure("a", at("2026-03-16", "12:00"), at("2026-03-16", "20:00"));
    expect(isOpenDay("2026-03-16", { ...settings, closures: [morning] })).toBe(true);
    expect(isOpenDay("2026-03-16", { ...settings, closures: [afternoon, morning] })).toBe(false);
    // Saturday closes at 13:00: a closure until 13:00 takes all of it.
    expect(isOpenDay("2026-03-14", { ...settings, closures: [closure("s", at("2026-03-14", "09:00"), at("2026-03-14", "13:00"))] })).toBe(false);
  });

  it("whole days across both daylight-saving changes are whole days, in words and on the board", () => {
    const spring = wholeDays("s", "2026-03-07", "2026-03-10"); // Sat 7 – Mon 9 Mar, over the 23-hour Sunday
    const autumn = wholeDays("f", "2026-11-01", "2026-11-02"); // the 25-hour Sunday alone
    expect(spring.endsAt.getTime() - spring.startsAt.getTime()).toBe(71 * 3600_000);
    expect(autumn.endsAt.getTime() - autumn.startsAt.getTime()).toBe(25 * 3600_000);
    expect(closureSpanWords(spring, ZONE)).toBe("from Sat 7 Mar to Mon 9 Mar");
    expect(closureSpanWords(autumn, ZONE)).toBe("on Sun 1 Nov");
    expect(describeClosure(cedarRepairs, ZONE)).toBe("Cedar is out of service on Fri 13 Mar 10:00–14:00 (Repairs)");
    expect(describeClosure(closure("x", at("2026-03-13", "18:00"), at("2026-03-16", "09:00")), ZONE)).toBe("the clinic is closed from Fri 13 Mar 18:00 to Mon 16 Mar 09:00 (Holidays)");
    const days = openingDays({ ...settings, closures: [spring] }, "2026-03-06", 5);
    expect(days.map((d) => [d.day, d.open, d.closures.map((c) => [c.fromMinute, c.toMinute])])).toEqual([
      ["2026-03-06", true, []],
      ["2026-03-07", false, [[0, 1440]]],
      ["2026-03-08", false, [[0, 1440]]],
      ["2026-03-09", false, [[0, 1440]]],
      ["2026-03-10", true, []],
    ]);
    expect(days[1].hours).toEqual(hours("09:00", "13:00"));
    expect(days[2].hours).toBeNull();
  });

  it("the board's days clip each closure to the day, room by room, with its words", () => {
    const evening = closure("e", at("2026-03-13", "18:00"), at("2026-03-14", "10:00"));
    const [friday, saturday] = openingDays({ ...settings, closures: [evening, cedarRepairs] }, "2026-03-13", 2);
    expect(friday.closures.map(({ id, roomId, roomName, fromMinute, toMinute }) => ({ id, roomId, roomName, fromMinute, toMinute }))).toEqual([
      { id: "r", roomId: "r-dose", roomName: "Cedar", fromMinute: 600, toMinute: 840 },
      { id: "e", roomId: null, roomName: null, fromMinute: 1080, toMinute: 1440 },
    ]);
    expect(saturday.closures).toEqual([
      { id: "e", roomId: null, roomName: null, reason: "Holidays", fromMinute: 0, toMinute: 600, words: "the clinic is closed from Fri 13 Mar 18:00 to Sat 14 Mar 10:00 (Holidays)" },
    ]);
    expect([friday.open, saturday.open]).toEqual([true, true]);
  });

  it("P10 refuses booking or moving a session into a closure, naming it; the same room outside it, or another room, is fine", () => {
    const cycle = snapshot({ sessions: fullPlan(), settings: { closures: [holiday, cedarRepairs] } });
    const inHoliday = make.couples("ct-1", "2026-03-11", "15:00");
    expect(evaluateChange(cycle, { type: "book", sessions: [asNew(inHoliday)] }).violations.map((v) => [v.rule, v.message])).toContainEqual([
      "P10",
      "P10: The couples therapy session on Wed 11 Mar 15:00–16:00 falls in a closure: the clinic is closed from Tue 10 Mar to Wed 11 Mar (Holidays).",
    ]);
    const inCedar = make.couples("ct-2", "2026-03-13", "13:00", { roomId: "r-dose" });
    expect(evaluateChange(cycle, { type: "book", sessions: [asNew(inCedar)] }).violations.map((v) => v.message)).toEqual([
      "P10: The couples therapy session on Fri 13 Mar 13:00–14:00 falls in a closure: Cedar is out of service on Fri 13 Mar 10:00–14:00 (Repairs).",
    ]);
    expect(evaluateChange(cycle, { type: "book", sessions: [asNew({ ...inCedar, roomId: "r-oak" })] }).violations).toEqual([]);
    expect(evaluateChange(cycle, { type: "book", sessions: [asNew(make.couples("ct-3", "2026-03-13", "14:00", { roomId: "r-dose" }))] }).violations).toEqual([]);
    const couples = make.couples("ct-4", "2026-03-12", "15:00");
    const withCouples = snapshot({ sessions: [...fullPlan(), couples], settings: { closures: [holiday, cedarRepairs] } });
    const move = { type: "move" as const, sessionId: "ct-4", startsAt: at("2026-03-10", "15:00"), endsAt: at("2026-03-10", "16:00") };
    expect(evaluateChange(withCouples, move).violations.map((v) => v.rule)).toEqual(["P10"]);
  });

  it("a session booked before its closure was declared is flagged, but does not block other changes of the couple", () => {
    // The medicine session of Tue 10 Mar and its integration of Wed 11 Mar lie in the holiday.
    const cycle = snapshot({ sessions: fullPlan(), settings: { closures: [holiday] } });
    expect(checkCycle(cycle).filter((v) => v.rule === "P10").flatMap((v) => v.sessionIds)).toEqual(["int-1", "med-1"]);
    const unrelated = make.couples("ct-1", "2026-03-20", "15:00");
    expect(evaluateChange(cycle, { type: "book", sessions: [asNew(unrelated)] }).violations).toEqual([]);
  });

  it("P4: a day the clinic is closed all day is not an open day of a window; the nearest dates look past a long closure", () => {
    const closedWednesday = { ...settings, closures: [wholeDays("w", "2026-03-11", "2026-03-12")] };
    expect(openWindowDays("2026-03-10", settings)).toEqual(["2026-03-11", "2026-03-12"]);
    expect(openWindowDays("2026-03-10", closedWednesday)).toEqual(["2026-03-12"]);
    const integrationOnHoliday = snapshot({ sessions: fullPlan(), settings: { closures: [wholeDays("w", "2026-03-11", "2026-03-12")] } });
    expect(checkCycle(integrationOnHoliday).filter((v) => v.rule === "P4").map((v) => v.message)).toEqual(["P4: the integration for Sam's medicine session on Tue 10 Mar must be on Thu 12 Mar."]);
    // Three weeks closed: the first date that works is after them.
    const long = { ...settings, integrationWindowDays: { min: 1, max: 1 }, closures: [wholeDays("l", "2026-03-09", "2026-03-30")] };
    expect(nearestMedicineDays("2026-03-16", long)).toEqual(["2026-03-06", "2026-03-30"]);
  });
});
