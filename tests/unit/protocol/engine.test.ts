// The engine as a whole: a change is judged by what it does, results are deterministic, the
// input is never changed, and the cycle's standing flags are available on their own.
import { describe, expect, it } from "vitest";
import { ALEX, asNew, at, clearance, completed, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";
import { applyChange } from "@/lib/protocol/apply-change";
import { checkCycle, evaluateChange, sortViolations } from "@/lib/protocol/engine";
import { flagsAfterRevocation } from "@/lib/protocol/revocation";
import * as api from "@/lib/protocol";

describe("evaluateChange", () => {
  it("allows a valid plan and a valid change, with empty lists", () => {
    expect(evaluateChange(snapshot({ sessions: [] }), { type: "book", sessions: fullPlan().map(asNew) })).toEqual({ violations: [], notices: [] });
  });

  it("does not change the snapshot it is given", () => {
    const cycle = snapshot({ sessions: fullPlan() });
    const copy = structuredClone(cycle);
    evaluateChange(cycle, { type: "cancel", sessionId: "med-1" });
    evaluateChange(cycle, { type: "move", sessionId: "int-1", startsAt: at("2026-03-12", "10:00"), endsAt: at("2026-03-12", "11:30") });
    expect(cycle).toEqual(copy);
  });

  it("applies a cancelled medicine session's consequences to the state it judges", () => {
    const after = applyChange(snapshot({ sessions: fullPlan() }), { type: "cancel", sessionId: "med-1" });
    expect(after.sessions.filter((s) => s.status === "CANCELLED").map((s) => s.id).sort()).toEqual(["int-1", "med-1"]);
  });

  it("does not let an old flag block an unrelated change, but does block touching the flagged session", () => {
    // Sam's clearance was revoked after med-1 was booked: med-1 is flagged (P3).
    const cycle = snapshot({ sessions: fullPlan(), clearances: [clearance("c-sam", SAM, { revoked: true }), clearance("c-alex", ALEX)] });
    expect(checkCycle(cycle).map((v) => v.rule)).toEqual(["P3"]);
    expect(evaluateChange(cycle, { type: "book", sessions: [asNew(make.couples("ct-1", "2026-03-12"))] }).violations).toEqual([]);
    const move = evaluateChange(cycle, {
      type: "moveMany",
      moves: [
        { sessionId: "med-1", startsAt: at("2026-03-10", "11:00"), endsAt: at("2026-03-10", "14:00") },
        { sessionId: "int-1", startsAt: at("2026-03-11", "11:00"), endsAt: at("2026-03-11", "12:30") },
      ],
    });
    expect(move.violations.map((v) => v.rule)).toEqual(["P3"]);
    // Cancelling the flagged session is always possible.
    expect(evaluateChange(cycle, { type: "cancel", sessionId: "med-1" }).violations).toEqual([]);
  });

  it("refuses a change that breaks a session it does not touch", () => {
    // Cancelling a preparation leaves med-1 one short (P2), though med-1 itself is untouched.
    const result = evaluateChange(snapshot({ sessions: fullPlan() }), { type: "cancel", sessionId: "prep-2" });
    expect(result.violations).toEqual([
      {
        rule: "P2",
        sessionIds: ["med-1"],
        message: "P2: Sam's medicine session on Tue 10 Mar needs 2 joint preparations with both partners after both intakes; 1 is booked after both intakes and before it.",
      },
    ]);
  });

  it("completing a session is a fact: only its life order and who may do it can refuse it", () => {
    const cycle = snapshot({ sessions: completed(fullPlan(), "in-sam").map((s) => (s.id === "med-1" ? { ...s, status: "CHECKED_IN" as const } : s)) });
    // med-1 was checked in without its gate (say, by an older version): completing still works.
    expect(checkCycle(cycle).length).toBeGreaterThan(0);
    expect(evaluateChange(cycle, { type: "complete", sessionId: "med-1" }).violations).toEqual([]);
  });

  it("sorts by rule-book order (P9 < P10 < P11), then sessions, then message", () => {
    const result = evaluateChange(
      snapshot({ sessions: fullPlan() }),
      { type: "book", sessions: [asNew(make.turns("med-x", SAM, "2026-03-08", "10:00", { roomId: "r-oak" }))] },
      { actor: { id: "u-admin", roles: ["ADMIN"] } },
    );
    const rules = result.violations.map((v) => v.rule);
    expect(rules).toEqual(["P4", "P5", "P9", "P10", "P11"]);
    for (const v of result.violations) expect(v.message.startsWith(`${v.rule}: `)).toBe(true);
  });

  it("does not depend on the order of sessions, clearances, rooms or the change's own lists", () => {
    const cycle = snapshot({ sessions: without(fullPlan(), "prep-2", "in-alex") });
    const reversed = { ...cycle, sessions: [...cycle.sessions].reverse(), clearances: [...cycle.clearances].reverse(), rooms: [...cycle.rooms].reverse() };
    const plan = [make.turns("med-3", SAM, "2026-03-24"), make.integration("int-3", "med-3", "2026-03-27")].map(asNew);
    const a = evaluateChange(cycle, { type: "book", sessions: plan });
    const b = evaluateChange(reversed, { type: "book", sessions: [...plan].reverse() });
    expect(a.violations.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it("sortViolations drops duplicates and sorts session ids", () => {
    const v = { rule: "P8" as const, sessionIds: ["b", "a", "a"], message: "P8: x" };
    expect(sortViolations([v, { ...v, sessionIds: ["a", "b"] }])).toEqual([{ rule: "P8", sessionIds: ["a", "b"], message: "P8: x" }]);
  });
});

describe("checkCycle", () => {
  it("a valid plan has no flags", () => {
    expect(checkCycle(snapshot({ sessions: fullPlan() }))).toEqual([]);
  });

  it("lists everything the cycle breaks as it stands", () => {
    const flags = checkCycle(snapshot({ sessions: without(fullPlan(), "in-sam", "int-2") }));
    expect(flags.map((v) => v.rule)).toEqual(["P1", "P2", "P4"]);
  });
});

describe("flagsAfterRevocation (P3: revoking flags the partner's future medicine sessions)", () => {
  const plan = () => snapshot({ sessions: fullPlan() });

  it("flags the sessions where the partner doses, still to come", () => {
    const flags = flagsAfterRevocation(plan(), "c-sam", at("2026-03-01", "10:00"));
    expect(flags.map((v) => v.sessionIds)).toEqual([["med-1"]]);
    expect(flags[0].message).toMatch(/^P3: Sam has no medical clearance/);
    expect(flagsAfterRevocation(plan(), "c-alex", at("2026-03-01", "10:00")).map((v) => v.sessionIds)).toEqual([["med-2"]]);
  });

  it("does not flag what is already over, nor for an unknown clearance", () => {
    const past = snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2", "med-1") });
    expect(flagsAfterRevocation(past, "c-sam", at("2026-03-12", "10:00"))).toEqual([]);
    expect(flagsAfterRevocation(plan(), "c-nope", at("2026-03-01", "10:00"))).toEqual([]);
  });
});

describe("the public API", () => {
  it("is re-exported from lib/protocol", () => {
    for (const name of [
      "evaluateChange",
      "checkCycle",
      "consequencesOf",
      "applyChange",
      "cycleStatusPanel",
      "flagsAfterRevocation",
      "typicalComposition",
      "DEFAULT_SETTINGS",
      "ZProtocolSettings",
      "clinicDate",
      "calendarDaysBetween",
      "addClinicDays",
      "atClinicTime",
      "isoWeekday",
      "withinOpeningHours",
      "formatClinicDay",
      "formatClinicTimeRange",
      "RULES",
    ]) {
      expect(api, name).toHaveProperty(name);
    }
    expect(Object.keys(api.RULES)).toEqual(["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12"]);
  });
});

// Issue 17: what the engine's own code decides, pinned where a mutation run found it loose.
describe("sortViolations: rule-book order, then the sessions, then the message, whatever the input order", () => {
  const v = (rule: "P3" | "P8", sessionIds: string[], message: string) => ({ rule, sessionIds, message });
  // Sessions compare as their ids joined by commas: "s1,s2" comes before "s1-late" (',' < '-'),
  // though "s1s2" would not. The messages are chosen against the session order, so only the
  // right tie-break at each level gives this list.
  const sorted = [
    v("P3", ["s9"], "P3: x"),
    v("P8", ["s1", "s2"], "P8: y"),
    v("P8", ["s1", "s2"], "P8: z"),
    v("P8", ["s1-late"], "P8: a"),
    v("P8", ["s1-late"], "P8: b"),
  ];
  const permutations = <T,>(items: T[]): T[][] =>
    items.length <= 1 ? [items] : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));

  it("gives one order for all 120 orders of the same five violations", () => {
    for (const order of permutations(sorted)) expect(sortViolations(order)).toEqual(sorted);
  });

  it("drops only true duplicates: the same sessions split differently are different violations", () => {
    // ["a", "bc"] and ["ab", "c"] would both read "abc" without a separator.
    const split = [v("P8", ["ab", "c"], "P8: x"), v("P8", ["a", "bc"], "P8: x")];
    expect(sortViolations(split)).toEqual([v("P8", ["a", "bc"], "P8: x"), v("P8", ["ab", "c"], "P8: x")]);
  });
});

describe("checkCycle passes the clock to the rules", () => {
  // Mon–Fri: a medicine session on Fri 13 Mar would need its integration on the weekend (P4).
  const cycle = snapshot({ sessions: [...groundwork(), make.turns("med-1", SAM, "2026-03-13")], settings: { openWeekdays: [1, 2, 3, 4, 5] } });
  const reason = "P4: Sam's medicine session can't be on Fri 13 Mar: its integration would have to be on Sat 14 Mar or Sun 15 Mar, when the clinic is closed.";

  it("without a clock, the nearest dates on both sides are offered", () => {
    expect(checkCycle(cycle)).toEqual([{ rule: "P4", sessionIds: ["med-1"], message: `${reason} The nearest dates that work are Thu 12 Mar and Mon 16 Mar.` }]);
  });

  it("with the clock on Fri 13 Mar, Thu 12 Mar is past and is not offered", () => {
    expect(checkCycle(cycle, { now: at("2026-03-13", "08:00") })).toEqual([
      { rule: "P4", sessionIds: ["med-1"], message: `${reason} The nearest date that works is Mon 16 Mar.` },
    ]);
  });
});

describe("evaluateChange: recording what happened (complete, no-show) is refused only for the change itself", () => {
  it("a no-show of Sam's intake is recorded, though it leaves Sam's medicine session without an intake (flagged, not refused)", () => {
    const cycle = snapshot({ sessions: fullPlan() });
    const noShow = { type: "noShow" as const, sessionId: "in-sam" };
    expect(evaluateChange(cycle, noShow, { now: at("2026-03-02", "10:30") })).toEqual({ violations: [], notices: [] });
    // What the fact leaves unmet shows on the cycle as it now stands.
    expect(checkCycle(applyChange(cycle, noShow)).map((v) => [v.rule, v.sessionIds])).toEqual([
      ["P1", ["med-1"]],
      ["P2", ["med-1"]],
    ]);
  });

  it("completing a medicine session never checked in is refused for its life order only, not for the check-in gate it skipped", () => {
    // Completing med-1 straight from scheduled would leave a completed medicine session without
    // completed prerequisites or rides home; only the life order is the change's own fault.
    const result = evaluateChange(snapshot({ sessions: fullPlan() }), { type: "complete", sessionId: "med-1" }, { now: at("2026-03-10", "13:30") });
    expect(result.violations).toEqual([
      {
        rule: "P10",
        sessionIds: ["med-1"],
        message: "P10: Sam's medicine session on Tue 10 Mar is scheduled; only a checked in session can be completed.",
      },
    ]);
  });
});

describe("evaluateChange: a flag a change finds is the change's fault only for a session it books or moves", () => {
  // Sam's intake is booked in Birch, a room out of use since (P9 flags it).
  const inBirch = () => snapshot({ sessions: fullPlan().map((s) => (s.id === "in-sam" ? { ...s, roomId: "r-old" } : s)) });
  const birchFlag = { rule: "P9", sessionIds: ["in-sam"], message: "P9: room Birch is out of use; choose another room for Sam's intake on Mon 2 Mar." };

  it("checking in a flagged session is allowed: the flag stands on the cycle, the check-in did not cause it", () => {
    expect(checkCycle(inBirch())).toEqual([birchFlag]);
    expect(evaluateChange(inBirch(), { type: "checkIn", sessionId: "in-sam" }, { now: at("2026-03-02", "08:55") }).violations).toEqual([]);
  });

  it("moving it is refused while it stays in the flagged room", () => {
    const move = { type: "move" as const, sessionId: "in-sam", startsAt: at("2026-03-02", "08:00"), endsAt: at("2026-03-02", "09:00") };
    expect(evaluateChange(inBirch(), move).violations.map((v) => v.rule)).toEqual(["P9"]);
  });

  it("booking it again under the same id is refused for the double id, and the copy booked is judged in full", () => {
    const again = evaluateChange(inBirch(), { type: "book", sessions: [asNew(fullPlan()[0])].map((s) => ({ ...s, roomId: "r-old" })) });
    expect(again.violations.map((v) => v.rule)).toEqual(["P8", "P9", "P10"]);
    expect(again.violations).toContainEqual(birchFlag);
    expect(again.violations).toContainEqual({
      rule: "P10",
      sessionIds: ["in-sam"],
      message: "P10: Sam's intake on Mon 2 Mar is booked twice (session in-sam already exists).",
    });
  });
});

describe("evaluateChange: notices (P7) come in the order of their words", () => {
  /** A Low Dose Together series of n weekly sessions (Tuesdays from 10 Mar), each with its integration the next day. */
  const series = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const tuesday = new Date(Date.UTC(2026, 2, 10 + 7 * i)).toISOString().slice(0, 10);
      const wednesday = new Date(Date.UTC(2026, 2, 11 + 7 * i)).toISOString().slice(0, 10);
      return [make.lowDose(`ld-${i}`, tuesday), make.integration(`int-${i}`, `ld-${i}`, wednesday)];
    }).flat();

  it("four parts beyond their typical size give four notices, sorted by message, not by part", () => {
    const cycle = snapshot({ model: "LOW_DOSE_TOGETHER", sessions: [...without(groundwork(), "prep-1", "prep-2"), ...series(8)] });
    const change = {
      type: "book" as const,
      sessions: [
        make.intake("in-sam-2", SAM, "2026-03-03"),
        make.prep("prep-x", "2026-03-04"),
        make.lowDose("ld-8", "2026-05-05"),
        make.integration("int-8", "ld-8", "2026-05-06"),
      ].map(asNew),
    };
    const result = evaluateChange(cycle, change);
    expect(result.violations).toEqual([]);
    const tail = "That is allowed: check it is intended.";
    expect(result.notices).toEqual([
      { rule: "P7", message: `P7: this cycle would have 1 joint preparation; a Low Dose Together series typically has none. ${tail}` },
      { rule: "P7", message: `P7: this cycle would have 3 intakes; a Low Dose Together series typically has 2. ${tail}` },
      { rule: "P7", message: `P7: this cycle would have 9 integrations; a Low Dose Together series typically has 6–8. ${tail}` },
      { rule: "P7", message: `P7: this cycle would have 9 medicine sessions; a Low Dose Together series typically has 6–8. ${tail}` },
    ]);
  });
});
