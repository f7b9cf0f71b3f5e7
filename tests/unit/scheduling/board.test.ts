import { describe, expect, test } from "vitest";
import { blocksOf, dayColumns, roomColumns, visibleRange, type DayOpening } from "@/app/(clinic)/calendar/_components/board-model";
import { ALL_KINDS, endOf, firstOpenWindowDay, kindsFor } from "@/components/scheduling/booking-defaults";
import type { CalendarSession } from "@/lib/sessions/room-schedule";

// The board's pure parts (issue 14): columns with their closed hours, blocks placed by the
// clinic's wall clock and sized by their length, the hours shown; and the booking form's
// defaults. America/Los_Angeles: 8 March 2026 is the spring-forward day (02:00 → 03:00).
const TZ = "America/Los_Angeles";
const CEDAR = { id: "cedar", name: "Cedar", dosingEquipped: true };
const WILLOW = { id: "willow", name: "Willow", dosingEquipped: false };
const open = (day: string, closures: DayOpening["closures"] = []): DayOpening => ({ day, hours: { opensAtMinute: 480, closesAtMinute: 1200 }, open: true, closures });

function session(id: string, roomId: string | null, start: string, minutes: number, extra: Partial<CalendarSession> = {}): CalendarSession {
  const startsAt = new Date(start);
  return { id, roomId, kind: "COUPLES_THERAPY", status: "SCHEDULED", startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), label: "Sam & Jordan Rivera", coupleId: "c", clinicians: "Jonah Reed", ...extra };
}

describe("the day board's columns", () => {
  test("a column per room, the hours before opening and after closing shaded, a room's closure only in its own column", () => {
    const day = open("2026-03-03", [
      { roomId: "cedar", fromMinute: 600, toMinute: 720, reason: "Repairs" },
      { roomId: null, fromMinute: 1080, toMinute: 1200, reason: "Staff training" },
    ]);
    const [cedar, willow] = roomColumns([CEDAR, WILLOW], day, TZ, "2026-03-03");
    expect(cedar).toMatchObject({ roomId: "cedar", title: "Cedar", dosing: true, today: true, dayName: "Tue 3 Mar", open: { from: 480, to: 1200 } });
    expect(cedar.shades).toEqual([
      { from: 0, to: 480, label: "Closed" },
      { from: 1200, to: 1440, label: "Closed" },
      { from: 600, to: 720, label: "Cedar out of service: Repairs" },
      { from: 1080, to: 1200, label: "Closed: Staff training" },
    ]);
    expect(willow.shades.map((s) => s.label)).toEqual(["Closed", "Closed", "Closed: Staff training"]);
    expect(willow.dosing).toBe(false);
  });

  test("a closed day is shaded whole: a weekday the clinic keeps closed, or a holiday", () => {
    const sunday: DayOpening = { day: "2026-03-08", hours: null, open: false, closures: [] };
    const holiday: DayOpening = { day: "2026-12-25", hours: { opensAtMinute: 480, closesAtMinute: 1200 }, open: false, closures: [] };
    expect(roomColumns([WILLOW], sunday, TZ, "2026-03-03")[0]).toMatchObject({ open: null, today: false, shades: [{ from: 0, to: 1440, label: "Closed" }] });
    expect(roomColumns([WILLOW], holiday, TZ, "2026-03-03")[0].shades).toEqual([{ from: 0, to: 1440, label: "Closed (holiday)" }]);
    // The holiday's own reason, when the day's closures name it.
    const named: DayOpening = { ...holiday, closures: [{ roomId: null, fromMinute: 0, toMinute: 1440, reason: "Christmas" }] };
    expect(roomColumns([WILLOW], named, TZ, "2026-03-03")[0].shades).toEqual([{ from: 0, to: 1440, label: "Closed: Christmas" }]);
  });

  test("a week: a column per day, of one room (its free places book it) or of a clinician (none)", () => {
    const week = ["2026-03-02", "2026-03-03"].map((d) => open(d));
    expect(dayColumns(week, TZ, "2026-03-03", CEDAR).map((c) => [c.title, c.roomId, c.today])).toEqual([["Mon 2 Mar", "cedar", false], ["Tue 3 Mar", "cedar", true]]);
    expect(dayColumns(week, TZ, "2026-03-03", null).map((c) => c.roomId)).toEqual([null, null]);
  });
});

describe("blocks", () => {
  test("placed at the clinic's wall-clock start and sized by their length; cancelled ones free their place", () => {
    const columns = roomColumns([CEDAR, WILLOW], open("2026-03-03"), TZ, "2026-03-03");
    const blocks = blocksOf(
      [
        session("m", "cedar", "2026-03-03T17:00:00Z", 180, { kind: "MEDICINE_TAKING_TURNS" }),
        session("t", "willow", "2026-03-03T18:30:00Z", 60, { status: "COMPLETED", label: null }),
        session("x", "willow", "2026-03-03T21:00:00Z", 60, { status: "CANCELLED" }),
        session("tele", null, "2026-03-03T22:00:00Z", 60, { kind: "MEDICAL_EVALUATION" }),
      ],
      columns,
      "room",
      TZ,
    );
    expect(blocks).toEqual([
      {
        id: "m", column: 0, start: 540, minutes: 180, startsAt: "2026-03-03T17:00:00.000Z", roomId: "cedar", day: "2026-03-03", time: "09:00–12:00",
        kind: "MEDICINE_TAKING_TURNS", kindLabel: "Medicine: Taking Turns", label: "Sam & Jordan Rivera", clinicians: "Jonah Reed", status: "Scheduled",
      },
      {
        id: "t", column: 1, start: 630, minutes: 60, startsAt: "2026-03-03T18:30:00.000Z", roomId: "willow", day: "2026-03-03", time: "10:30–11:30",
        kind: "COUPLES_THERAPY", kindLabel: "Couples therapy", label: "Booked", clinicians: "Jonah Reed", status: "Completed",
      },
    ]);
  });

  test("a clinician's week: by day, each naming its room (or telehealth); the spring-forward day keeps wall-clock times", () => {
    const columns = dayColumns([open("2026-03-07"), open("2026-03-08"), open("2026-03-09")], TZ, "2026-03-03", null);
    const blocks = blocksOf(
      [session("sat", "cedar", "2026-03-07T18:00:00Z", 60), session("sun", null, "2026-03-08T17:00:00Z", 60), session("mon", "willow", "2026-03-09T17:00:00Z", 90)],
      columns,
      "day",
      TZ,
      new Map([["cedar", "Cedar"], ["willow", "Willow"]]),
    );
    // Sat 10:00 PST (UTC-8); Sun and Mon 10:00 PDT (UTC-7): the same wall-clock place on the board.
    expect(blocks.map((b) => [b.id, b.column, b.start, b.minutes, b.room])).toEqual([["sat", 0, 600, 60, "Cedar"], ["sun", 1, 600, 60, "Telehealth"], ["mon", 2, 600, 90, "Willow"]]);
  });

  test("the hours shown: earliest opening to latest closing, widened to whole hours around any session outside them", () => {
    const days = [open("2026-03-02"), { ...open("2026-03-03"), hours: { opensAtMinute: 540, closesAtMinute: 1290 } }, { day: "2026-03-08", hours: null, open: false, closures: [] }];
    expect(visibleRange(days, [], { from: 0, to: 1440 })).toEqual({ from: 480, to: 1320 });
    const early = blocksOf([session("e", "cedar", "2026-03-02T14:30:00Z", 30)], roomColumns([CEDAR], days[0], TZ, "x"), "room", TZ);
    expect(visibleRange(days, early, { from: 0, to: 1440 })).toEqual({ from: 360, to: 1320 });
    expect(visibleRange([{ day: "2026-03-08", hours: null, open: false, closures: [] }], [], { from: 480, to: 1200 })).toEqual({ from: 480, to: 1200 });
  });
});

describe("the booking form's defaults", () => {
  test("a couple books couples therapy, and with an open cycle its model's sessions", () => {
    expect(kindsFor(null)).toEqual(["COUPLES_THERAPY"]);
    expect(kindsFor("TAKING_TURNS")).toEqual(["COUPLES_THERAPY", "INTAKE", "PREPARATION", "MEDICAL_EVALUATION", "MEDICINE_TAKING_TURNS"]);
    expect(kindsFor("LOW_DOSE_TOGETHER").at(-1)).toBe("MEDICINE_LOW_DOSE");
    expect(ALL_KINDS).not.toContain("INTEGRATION");
  });

  test("the integration is proposed on the first open day of the window (P4), past closed weekdays and closed dates", () => {
    const monToSat = { weekdays: [1, 2, 3, 4, 5, 6] };
    expect(firstOpenWindowDay("2026-03-03", { min: 1, max: 2 }, monToSat)).toBe("2026-03-04");
    // Saturday's window: Sunday is closed, Monday is open.
    expect(firstOpenWindowDay("2026-03-07", { min: 1, max: 2 }, monToSat)).toBe("2026-03-09");
    expect(firstOpenWindowDay("2026-03-03", { min: 1, max: 2 }, { ...monToSat, closed: ["2026-03-04"] })).toBe("2026-03-05");
    // No open day in the window: its first day, for the engine to refuse in words.
    expect(firstOpenWindowDay("2026-03-06", { min: 1, max: 2 }, { weekdays: [5] })).toBe("2026-03-07");
    // Across the end of a month and of a year.
    expect(firstOpenWindowDay("2026-12-31", { min: 1, max: 1 }, { weekdays: [1, 2, 3, 4, 5, 6, 7] })).toBe("2027-01-01");
    expect(firstOpenWindowDay("", { min: 1, max: 2 }, monToSat)).toBe("");
  });

  test("when a session ends", () => {
    expect(endOf("09:00", 180)).toBe("12:00");
    expect(endOf("10:45", 90)).toBe("12:15");
    expect(endOf("23:30", 60)).toBe("00:30");
    expect(endOf("9:0", 60)).toBeNull();
  });
});
