// The engine in the clinic's own zone: integration windows and clearance dates counted in
// calendar days across daylight-saving changes (America/Los_Angeles both ways, Lord Howe's
// 30-minute shift) and east of UTC (Pacific/Auckland), where a local morning is the previous
// UTC date. Several cases are chosen so that counting 24-hour spans or UTC dates would get them
// wrong.
import { describe, expect, it } from "vitest";
import { ALEX, asNew, clearance, make, SAM, snapshot } from "./fixtures";
import { evaluateChange } from "@/lib/protocol/engine";
import type { SnapshotClearance, SnapshotSession } from "@/lib/protocol/types";

type Days = { intakes: string; preps: [string, string] };

function cycleIn(zone: string, days: Days, opts: { clearances?: SnapshotClearance[]; window?: { min: number; max: number }; model?: "TAKING_TURNS" | "LOW_DOSE_TOGETHER" } = {}) {
  const sessions: SnapshotSession[] = [
    make.intake("in-sam", SAM, days.intakes, "09:00", { zone }),
    make.intake("in-alex", ALEX, days.intakes, "11:00", { zone }),
    ...(opts.model === "LOW_DOSE_TOGETHER" ? [] : [make.prep("prep-1", days.preps[0], "09:00", { zone }), make.prep("prep-2", days.preps[1], "09:00", { zone })]),
  ];
  return snapshot({
    sessions,
    model: opts.model,
    clearances: opts.clearances,
    settings: { timeZone: zone, ...(opts.window ? { integrationWindowDays: opts.window } : {}) },
  });
}

const bookTurn = (zone: string, medicineDay: string, from: string, integrationDay: string, integrationFrom: string) => ({
  type: "book" as const,
  sessions: [make.turns("med-1", SAM, medicineDay, from, { zone }), make.integration("int-1", "med-1", integrationDay, integrationFrom, { zone })].map(asNew),
});

const rules = (r: ReturnType<typeof evaluateChange>) => r.violations.map((v) => v.rule);
const messages = (r: ReturnType<typeof evaluateChange>) => r.violations.map((v) => v.message).join("\n");

describe("America/Los_Angeles, spring change (Sun 8 Mar 2026)", () => {
  const LA = "America/Los_Angeles";
  const days: Days = { intakes: "2026-03-02", preps: ["2026-03-04", "2026-03-06"] };

  it("medicine Saturday, integration Monday: 2 days (47 hours) is inside a 1–2 day window", () => {
    expect(evaluateChange(cycleIn(LA, days), bookTurn(LA, "2026-03-07", "10:00", "2026-03-09", "10:00")).violations).toEqual([]);
  });

  it("…and outside a 1–1 day window, which only Sunday would meet (the clinic is closed then: P4 names the nearest dates that work)", () => {
    const result = evaluateChange(cycleIn(LA, days, { window: { min: 1, max: 1 } }), bookTurn(LA, "2026-03-07", "10:00", "2026-03-09", "10:00"));
    expect(rules(result)).toEqual(["P4"]);
    expect(messages(result)).toContain(
      "P4: Sam's medicine session can't be on Sat 7 Mar: its integration would have to be on Sun 8 Mar, when the clinic is closed. The nearest dates that work are Fri 6 Mar and Mon 9 Mar.",
    );
  });

  it("late Saturday evening (already Sunday in UTC) to Monday 08:00 is still 2 days", () => {
    expect(evaluateChange(cycleIn(LA, days), bookTurn(LA, "2026-03-07", "17:00", "2026-03-09", "08:00")).violations).toEqual([]);
    const strict = evaluateChange(cycleIn(LA, days, { window: { min: 1, max: 1 } }), bookTurn(LA, "2026-03-07", "17:00", "2026-03-09", "08:00"));
    expect(rules(strict)).toEqual(["P4"]);
  });

  it("late Saturday evening to Tuesday 08:00 is 3 days (62 hours), outside", () => {
    const result = evaluateChange(cycleIn(LA, days), bookTurn(LA, "2026-03-07", "17:00", "2026-03-10", "08:00"));
    // Sunday is in the window but the clinic is closed: only Monday is offered.
    expect(messages(result)).toContain("P4: the integration for Sam's medicine session on Sat 7 Mar must be on Mon 9 Mar.");
  });

  it("a clearance valid until Saturday covers a session late on Saturday evening", () => {
    const clearances = [clearance("c-sam", SAM, { validUntil: "2026-03-07" })];
    expect(evaluateChange(cycleIn(LA, days, { clearances }), bookTurn(LA, "2026-03-07", "17:00", "2026-03-09", "08:00")).violations).toEqual([]);
    const expired = [clearance("c-sam", SAM, { validUntil: "2026-03-06" })];
    const result = evaluateChange(cycleIn(LA, days, { clearances: expired }), bookTurn(LA, "2026-03-07", "17:00", "2026-03-09", "08:00"));
    expect(messages(result)).toContain("P3: Sam has no medical clearance for Taking Turns valid on Sat 7 Mar");
  });
});

describe("America/Los_Angeles, autumn change (Sun 1 Nov 2026)", () => {
  const LA = "America/Los_Angeles";
  const days: Days = { intakes: "2026-10-26", preps: ["2026-10-28", "2026-10-30"] };
  const clearances = [clearance("c-sam", SAM, { evaluatedOn: "2026-10-01", validUntil: "2026-12-30" })];

  it("medicine late Saturday evening (Sunday in UTC), integration Monday: 2 days", () => {
    expect(evaluateChange(cycleIn(LA, days, { clearances }), bookTurn(LA, "2026-10-31", "17:00", "2026-11-02", "08:00")).violations).toEqual([]);
  });

  it("…not 1, even though Monday is only one UTC date later", () => {
    const result = evaluateChange(cycleIn(LA, days, { clearances, window: { min: 1, max: 1 } }), bookTurn(LA, "2026-10-31", "17:00", "2026-11-02", "08:00"));
    expect(messages(result)).toContain("P4: Sam's medicine session can't be on Sat 31 Oct: its integration would have to be on Sun 1 Nov, when the clinic is closed.");
  });

  it("the 25-hour Sunday does not push Monday 19:00 to a third day", () => {
    expect(evaluateChange(cycleIn(LA, days, { clearances }), bookTurn(LA, "2026-10-31", "10:00", "2026-11-02", "18:30")).violations).toEqual([]);
  });
});

describe("Australia/Lord_Howe, 30-minute shifts", () => {
  const LH = "Australia/Lord_Howe";

  it("spring (Sun 4 Oct 2026, 23.5 hours): Saturday evening to Monday morning is 2 days", () => {
    const days: Days = { intakes: "2026-09-28", preps: ["2026-09-30", "2026-10-02"] };
    const clearances = [clearance("c-sam", SAM, { evaluatedOn: "2026-09-01", validUntil: "2026-11-30" })];
    expect(evaluateChange(cycleIn(LH, days, { clearances }), bookTurn(LH, "2026-10-03", "17:00", "2026-10-05", "08:00")).violations).toEqual([]);
    const strict = evaluateChange(cycleIn(LH, days, { clearances, window: { min: 1, max: 1 } }), bookTurn(LH, "2026-10-03", "17:00", "2026-10-05", "08:00"));
    expect(messages(strict)).toContain("P4: Sam's medicine session can't be on Sat 3 Oct: its integration would have to be on Sun 4 Oct, when the clinic is closed.");
  });

  it("autumn (Sun 5 Apr 2026, 24.5 hours): Saturday to Monday is 2 days, Tuesday is 3", () => {
    const days: Days = { intakes: "2026-03-30", preps: ["2026-04-01", "2026-04-03"] };
    const clearances = [clearance("c-sam", SAM, { evaluatedOn: "2026-03-15", validUntil: "2026-06-01" })];
    expect(evaluateChange(cycleIn(LH, days, { clearances }), bookTurn(LH, "2026-04-04", "17:00", "2026-04-06", "08:00")).violations).toEqual([]);
    const late = evaluateChange(cycleIn(LH, days, { clearances }), bookTurn(LH, "2026-04-04", "10:00", "2026-04-07", "08:00"));
    expect(rules(late)).toEqual(["P4"]);
  });

  it("opening hours are local: Monday 08:00 after the shift is open", () => {
    const days: Days = { intakes: "2026-09-28", preps: ["2026-09-30", "2026-10-02"] };
    const cycle = cycleIn(LH, days);
    const early = { type: "book" as const, sessions: [asNew(make.couples("ct-1", "2026-10-05", "08:00", { zone: LH }))] };
    expect(evaluateChange(cycle, early).violations).toEqual([]);
    const tooEarly = { type: "book" as const, sessions: [asNew(make.couples("ct-1", "2026-10-05", "07:30", { zone: LH }))] };
    expect(messages(evaluateChange(cycle, tooEarly))).toContain("P10: The couples therapy session on Mon 5 Oct 07:30–08:30 is outside opening hours");
  });
});

describe("Pacific/Auckland, east of UTC", () => {
  const NZ = "Pacific/Auckland";
  const days: Days = { intakes: "2026-02-23", preps: ["2026-02-25", "2026-02-27"] };

  it("a Tuesday 08:00 session (Monday in UTC) with integration Thursday evening: 2 days", () => {
    const result = evaluateChange(cycleIn(NZ, days), bookTurn(NZ, "2026-03-03", "08:00", "2026-03-05", "18:00"));
    expect(result.violations).toEqual([]);
  });

  it("a clearance made on Tuesday covers a Tuesday 08:00 session (Monday in UTC)", () => {
    const clearances = [clearance("c-sam", SAM, { evaluatedOn: "2026-03-03", validUntil: "2026-05-30" })];
    expect(evaluateChange(cycleIn(NZ, days, { clearances }), bookTurn(NZ, "2026-03-03", "08:00", "2026-03-04", "08:00")).violations).toEqual([]);
  });

  it("a late-evening session lands on its local date, and so does its window", () => {
    const ldDays: Days = { intakes: "2026-02-23", preps: ["", ""] };
    const clearances = [clearance("c-sam", SAM), clearance("c-alex", ALEX)];
    const cycle = cycleIn(NZ, ldDays, { model: "LOW_DOSE_TOGETHER", clearances });
    const book = (integrationDay: string) => ({
      type: "book" as const,
      sessions: [make.lowDose("ld-1", "2026-03-03", "18:00", { zone: NZ }), make.integration("int-1", "ld-1", integrationDay, "08:00", { zone: NZ })].map(asNew),
    });
    // Wed 08:00 local is still Tuesday in UTC, the same UTC date as the session: locally 1 day.
    expect(evaluateChange(cycle, book("2026-03-04")).violations).toEqual([]);
    const late = evaluateChange(cycle, book("2026-03-06"));
    expect(messages(late)).toContain("P4: the integration for the low-dose medicine session on Tue 3 Mar must be on Wed 4 Mar or Thu 5 Mar.");
  });

  it("messages show local dates", () => {
    const result = evaluateChange(cycleIn(NZ, days, { clearances: [] }), bookTurn(NZ, "2026-03-03", "08:00", "2026-03-04", "08:00"));
    expect(messages(result)).toContain("P3: Sam has no medical clearance for Taking Turns valid on Tue 3 Mar");
  });
});
