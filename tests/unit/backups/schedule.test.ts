import { describe, expect, test } from "vitest";
import { addClinicDays } from "@/lib/protocol/calendar";
import { latestSlot, nextSlot, slotOn } from "@/lib/backups/schedule";

const LA = "America/Los_Angeles";
const at = (iso: string) => new Date(iso);

describe("the daily backup's instant, in the clinic's zone", () => {
  test.each([
    ["an ordinary winter day (PST, UTC−8)", "2026-03-07", 150, "2026-03-07T10:30:00.000Z"],
    // 2026-03-08: the clocks skip from 02:00 to 03:00; 02:30 does not exist and is taken forward.
    ["the spring-forward day: 02:30 is 03:30 PDT", "2026-03-08", 150, "2026-03-08T10:30:00.000Z"],
    ["the day after (PDT, UTC−7)", "2026-03-09", 150, "2026-03-09T09:30:00.000Z"],
    // 2026-11-01: 01:30 happens twice (PDT, then PST); the backup is the first one.
    ["the fall-back day: 01:30 is taken the first time", "2026-11-01", 90, "2026-11-01T08:30:00.000Z"],
    ["the day after the fall-back (PST)", "2026-11-02", 90, "2026-11-02T09:30:00.000Z"],
    ["midnight", "2026-06-15", 0, "2026-06-15T07:00:00.000Z"],
    ["the last minute of the day", "2026-06-15", 1439, "2026-06-16T06:59:00.000Z"],
  ])("%s", (_, day, minute, expected) => {
    expect(slotOn(day, minute, LA)).toEqual({ day, at: at(expected) });
  });

  test("a zone east of UTC: 02:30 in Kolkata is the evening before in UTC, still that clinic date's backup", () => {
    expect(slotOn("2026-01-01", 150, "Asia/Kolkata")).toEqual({ day: "2026-01-01", at: at("2025-12-31T21:00:00.000Z") });
  });
});

describe("the backup due now (latest) and the next one", () => {
  test.each([
    ["before today's time: yesterday's is the latest", "2026-11-30T10:00:00Z", "2026-11-29", "2026-11-29T10:30:00.000Z", "2026-11-30", "2026-11-30T10:30:00.000Z"],
    ["at today's time exactly: today's is due", "2026-11-30T10:30:00Z", "2026-11-30", "2026-11-30T10:30:00.000Z", "2026-12-01", "2026-12-01T10:30:00.000Z"],
    ["a minute before: not yet", "2026-11-30T10:29:00Z", "2026-11-29", "2026-11-29T10:30:00.000Z", "2026-11-30", "2026-11-30T10:30:00.000Z"],
    // 2026-12-01T05:00Z is still 30 November in Los Angeles.
    ["late evening local, already the next day in UTC", "2026-12-01T05:00:00Z", "2026-11-30", "2026-11-30T10:30:00.000Z", "2026-12-01", "2026-12-01T10:30:00.000Z"],
    ["across the month boundary", "2026-12-01T10:00:00Z", "2026-11-30", "2026-11-30T10:30:00.000Z", "2026-12-01", "2026-12-01T10:30:00.000Z"],
    ["across the year boundary", "2027-01-01T09:00:00Z", "2026-12-31", "2026-12-31T10:30:00.000Z", "2027-01-01", "2027-01-01T10:30:00.000Z"],
    ["the spring-forward night, at 03:10 PDT: the day's backup (03:30) is still to come", "2026-03-08T10:10:00Z", "2026-03-07", "2026-03-07T10:30:00.000Z", "2026-03-08", "2026-03-08T10:30:00.000Z"],
  ])("%s", (_, now, latestDay, latestAt, nextDay, nextAt) => {
    expect(latestSlot(at(now), 150, LA)).toEqual({ day: latestDay, at: at(latestAt) });
    expect(nextSlot(at(now), 150, LA)).toEqual({ day: nextDay, at: at(nextAt) });
  });

  test("in the repeated hour of the fall-back night, the day's 01:30 backup has been taken once and is not due again", () => {
    // 01:45 PST, the second time the clocks show 01:45: the day's backup was at 01:30 PDT.
    const now = at("2026-11-01T09:45:00Z");
    expect(latestSlot(now, 90, LA)).toEqual({ day: "2026-11-01", at: at("2026-11-01T08:30:00.000Z") });
    expect(nextSlot(now, 90, LA)).toEqual({ day: "2026-11-02", at: at("2026-11-02T09:30:00.000Z") });
  });

  test.each([
    ["02:30 in Los Angeles", LA, 150],
    ["01:30 in Los Angeles (repeated on the fall-back night)", LA, 90],
    ["01:30 in London (the changes are at 01:00 UTC)", "Europe/London", 90],
    ["00:00 in Kolkata (no daylight saving)", "Asia/Kolkata", 0],
  ])("over a whole year every 20 minutes (%s): exactly one backup per clinic day, the latest never after now, the next always after and the day after it", (_, zone, minute) => {
    const days: string[] = [];
    const wrong: string[] = [];
    for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 20 * 60_000) {
      const latest = latestSlot(new Date(t), minute, zone);
      const next = nextSlot(new Date(t), minute, zone);
      // Nothing is due between the two: they are consecutive days' backups.
      if (latest.at.getTime() > t || next.at.getTime() <= t || addClinicDays(latest.day, 1, zone) !== next.day) wrong.push(new Date(t).toISOString());
      if (days[days.length - 1] !== latest.day) days.push(latest.day);
    }
    expect(wrong).toEqual([]);
    // Consecutive calendar days, none skipped or repeated: 2025-12-31 (due at the start) and every day of 2026.
    expect(days).toHaveLength(366);
    expect(new Set(days).size).toBe(366);
    expect(days.every((d, i) => i === 0 || Date.parse(`${d}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`) === 86_400_000)).toBe(true);
  });
});
