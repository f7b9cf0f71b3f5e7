import { describe, expect, test } from "vitest";
import { dueNow, measuresDue, type DueInput, type DueSession } from "@/lib/measures/due";
import type { InstrumentId } from "@/lib/measures/instruments";

// PROTOCOL.md "Outcome measures": all three at the first intake (baseline); PHQ-9 before each
// medicine session (P12's window, 7 days); CSI-16 after each integration; all three at the end of
// the cycle. The clinic is in Los Angeles: daylight saving starts on Sun 8 Mar 2026.

const A = "partner-a";
const B = "partner-b";
const CYCLE = "cycle-1";

let serial = 0;
const session = (kind: DueSession["kind"], startsAt: string, partnerIds: string[], extra: Partial<DueSession> = {}): DueSession => ({
  id: `${kind.toLowerCase()}-${serial++}`,
  cycleId: CYCLE,
  kind,
  status: "SCHEDULED",
  startsAt: new Date(startsAt),
  partnerIds,
  journeyerId: null,
  ...extra,
});

// A Taking Turns cycle: intakes Mon 2 Mar, medicine sessions Tue 10 Mar (Sam journeys) and Tue 17 Mar (Jordan).
const intakeA = session("INTAKE", "2026-03-02T17:00:00Z", [A]);
const intakeB = session("INTAKE", "2026-03-02T19:00:00Z", [B]);
const medicine1 = session("MEDICINE_TAKING_TURNS", "2026-03-10T17:00:00Z", [A, B], { journeyerId: A });
const integration1 = session("INTEGRATION", "2026-03-11T17:00:00Z", [A, B]);
const medicine2 = session("MEDICINE_TAKING_TURNS", "2026-03-17T17:00:00Z", [A, B], { journeyerId: B });
const integration2 = session("INTEGRATION", "2026-03-18T17:00:00Z", [A, B]);
const SESSIONS = [intakeA, intakeB, session("PREPARATION", "2026-03-04T17:00:00Z", [A, B]), medicine1, integration1, medicine2, integration2];

const input = (over: Partial<DueInput> = {}): DueInput => ({
  partnerId: A,
  cycles: [{ id: CYCLE, status: "ACTIVE", createdAt: new Date("2026-02-01T00:00:00Z") }],
  sessions: SESSIONS,
  measures: [],
  timeZone: "America/Los_Angeles",
  screenDays: 7,
  now: new Date("2026-03-01T12:00:00Z"),
  ...over,
});

const taken = (instrument: InstrumentId, at: string) => ({ instrument, takenAt: new Date(at) });
const all = (at: string) => (["PHQ9", "GAD7", "CSI16"] as const).map((i) => taken(i, at));

/** "OCCASION INSTRUMENT: state" for each row, to compare tables at a glance. */
const table = (i: DueInput) => measuresDue(i).map((r) => `${r.occasion} ${r.instrument}: ${r.state}`);
const stateOf = (i: DueInput, occasion: string, instrument: InstrumentId, sessionId?: string) =>
  measuresDue(i).find((r) => r.occasion === occasion && r.instrument === instrument && (sessionId === undefined || r.sessionId === sessionId))?.state;

describe("which measures are due, per partner", () => {
  test("before anything is taken: the baseline is due; the rest waits for its sessions", () => {
    expect(table(input())).toEqual([
      "BASELINE PHQ9: due",
      "BASELINE GAD7: due",
      "BASELINE CSI16: due",
      "BEFORE_MEDICINE PHQ9: upcoming",
      "AFTER_INTEGRATION CSI16: upcoming",
      "AFTER_INTEGRATION CSI16: upcoming",
      "END_OF_CYCLE PHQ9: upcoming",
      "END_OF_CYCLE GAD7: upcoming",
      "END_OF_CYCLE CSI16: upcoming",
    ]);
  });

  test("the sitter is not screened: only the journeyer's medicine session asks for a PHQ-9 (P12)", () => {
    const a = measuresDue(input()).filter((r) => r.occasion === "BEFORE_MEDICINE");
    const b = measuresDue(input({ partnerId: B })).filter((r) => r.occasion === "BEFORE_MEDICINE");
    expect(a.map((r) => r.sessionId)).toEqual([medicine1.id]);
    expect(b.map((r) => r.sessionId)).toEqual([medicine2.id]);
  });

  test("Low Dose Together: both partners dose, so both are screened before each session", () => {
    const m = session("MEDICINE_LOW_DOSE", "2026-03-10T17:00:00Z", [A, B]);
    for (const partnerId of [A, B]) {
      const rows = measuresDue(input({ partnerId, sessions: [intakeA, intakeB, m] })).filter((r) => r.occasion === "BEFORE_MEDICINE");
      expect(rows.map((r) => r.sessionId)).toEqual([m.id]);
    }
  });

  test("the baseline opens 30 days before the first intake: earlier, it is upcoming", () => {
    expect(stateOf(input({ now: new Date("2026-01-15T12:00:00Z") }), "BASELINE", "PHQ9")).toBe("upcoming");
    // 30 calendar days before Mon 2 Mar is Sat 31 Jan, from midnight clinic time.
    const atOpening = input({ measures: [taken("PHQ9", "2026-01-31T08:00:00Z")] });
    expect(stateOf(atOpening, "BASELINE", "PHQ9")).toBe("done");
    expect(stateOf(input({ measures: [taken("PHQ9", "2026-01-31T07:59:00Z")] }), "BASELINE", "PHQ9")).toBe("due");
  });

  test("no intake booked yet: the baseline waits for it", () => {
    expect(stateOf(input({ sessions: [] }), "BASELINE", "GAD7")).toBe("upcoming");
  });

  test("taken at the intake, the baseline is done for each instrument taken", () => {
    const i = input({ now: new Date("2026-03-03T12:00:00Z"), measures: [taken("PHQ9", "2026-03-02T17:30:00Z"), taken("CSI16", "2026-03-02T17:40:00Z")] });
    expect(stateOf(i, "BASELINE", "PHQ9")).toBe("done");
    expect(stateOf(i, "BASELINE", "GAD7")).toBe("due");
    expect(stateOf(i, "BASELINE", "CSI16")).toBe("done");
  });

  test("a baseline never taken by the first medicine session is missed", () => {
    expect(stateOf(input({ now: new Date("2026-03-10T17:01:00Z") }), "BASELINE", "GAD7")).toBe("missed");
  });

  test("P12's window: from the date 7 days before the medicine session (clinic time) until it starts", () => {
    const now = new Date("2026-03-09T12:00:00Z");
    // Tue 10 Mar − 7 days = Tue 3 Mar, from 00:00 PST (08:00Z).
    expect(stateOf(input({ now, measures: [taken("PHQ9", "2026-03-03T08:00:00Z")] }), "BEFORE_MEDICINE", "PHQ9")).toBe("done");
    expect(stateOf(input({ now, measures: [taken("PHQ9", "2026-03-03T07:59:00Z")] }), "BEFORE_MEDICINE", "PHQ9")).toBe("due");
    // Taken as the session starts counts; after it has started, it does not.
    const atStart = new Date("2026-03-10T17:00:00Z");
    expect(stateOf(input({ now: atStart, measures: [taken("PHQ9", "2026-03-10T17:00:00Z")] }), "BEFORE_MEDICINE", "PHQ9")).toBe("done");
    expect(stateOf(input({ now: new Date("2026-03-10T18:00:00Z"), measures: [taken("PHQ9", "2026-03-10T17:01:00Z")] }), "BEFORE_MEDICINE", "PHQ9")).toBe("missed");
    // Before the window opens it is upcoming.
    expect(stateOf(input({ now: new Date("2026-03-02T12:00:00Z") }), "BEFORE_MEDICINE", "PHQ9")).toBe("upcoming");
  });

  test("the window counts calendar days across the change to daylight time", () => {
    // A medicine session on Mon 9 Mar (after the change on Sun 8 Mar): the window opens Mon 2 Mar at 00:00 PST.
    const m = session("MEDICINE_TAKING_TURNS", "2026-03-09T17:00:00Z", [A, B], { journeyerId: A });
    const rows = measuresDue(input({ sessions: [intakeA, m] })).filter((r) => r.occasion === "BEFORE_MEDICINE");
    expect(rows[0].opens).toEqual(new Date("2026-03-02T08:00:00Z"));
  });

  test("CSI-16 after each integration, until the next medicine session; never taken, it is missed", () => {
    const afterFirst = input({ now: new Date("2026-03-12T12:00:00Z"), measures: [taken("CSI16", "2026-03-11T18:30:00Z")] });
    expect(stateOf(afterFirst, "AFTER_INTEGRATION", "CSI16", integration1.id)).toBe("done");
    expect(stateOf(afterFirst, "AFTER_INTEGRATION", "CSI16", integration2.id)).toBe("upcoming");
    // Taken before the integration started: not after it.
    expect(stateOf(input({ now: new Date("2026-03-12T12:00:00Z"), measures: [taken("CSI16", "2026-03-11T16:59:00Z")] }), "AFTER_INTEGRATION", "CSI16", integration1.id)).toBe("due");
    expect(stateOf(input({ now: new Date("2026-03-17T17:01:00Z") }), "AFTER_INTEGRATION", "CSI16", integration1.id)).toBe("missed");
    // After the last integration the window stays open.
    expect(stateOf(input({ now: new Date("2026-06-01T12:00:00Z") }), "AFTER_INTEGRATION", "CSI16", integration2.id)).toBe("due");
  });

  test("cancelled and no-show sessions ask for nothing", () => {
    const sessions = SESSIONS.map((s) => (s.id === medicine1.id ? { ...s, status: "CANCELLED" as const } : s.id === integration1.id ? { ...s, status: "NO_SHOW" as const } : s));
    const rows = measuresDue(input({ sessions }));
    expect(rows.filter((r) => r.occasion === "BEFORE_MEDICINE")).toEqual([]);
    expect(rows.filter((r) => r.occasion === "AFTER_INTEGRATION").map((r) => r.sessionId)).toEqual([integration2.id]);
  });

  test("the end of the cycle: all three once it is completed, from its last session on", () => {
    const cycles = [{ id: CYCLE, status: "COMPLETED" as const, createdAt: new Date("2026-02-01T00:00:00Z") }];
    const done = input({ cycles, now: new Date("2026-03-25T12:00:00Z"), measures: [...all("2026-03-02T17:30:00Z"), taken("CSI16", "2026-03-18T18:30:00Z")] });
    expect(measuresDue(done).filter((r) => r.occasion === "END_OF_CYCLE").map((r) => `${r.instrument}: ${r.state}`)).toEqual(["PHQ9: due", "GAD7: due", "CSI16: done"]);
    expect(dueNow(measuresDue(done))).toEqual(["PHQ9", "GAD7"]);
  });

  test("the open cycle counts over an older completed one; no cycle, nothing is due", () => {
    const older = { id: "older", status: "COMPLETED" as const, createdAt: new Date("2025-01-01T00:00:00Z") };
    const rows = measuresDue(input({ cycles: [older, { id: CYCLE, status: "PLANNING", createdAt: new Date("2026-02-01T00:00:00Z") }] }));
    expect(rows.find((r) => r.occasion === "BASELINE")?.sessionId).toBe(intakeA.id);
    expect(measuresDue(input({ cycles: [] }))).toEqual([]);
    expect(measuresDue(input({ cycles: [{ id: CYCLE, status: "CANCELLED", createdAt: new Date() }] }))).toEqual([]);
  });

  test("what a link would ask for now: each instrument due, once", () => {
    expect(dueNow(measuresDue(input()))).toEqual(["PHQ9", "GAD7", "CSI16"]);
    expect(dueNow(measuresDue(input({ measures: all("2026-03-01T10:00:00Z") })))).toEqual([]);
  });
});
