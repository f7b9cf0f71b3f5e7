// The engine as a whole: a change is judged by what it does, results are deterministic, the
// input is never changed, and the cycle's standing flags are available on their own.
import { describe, expect, it } from "vitest";
import { ALEX, asNew, at, clearance, completed, fullPlan, make, SAM, snapshot, without } from "./fixtures";
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
    expect(Object.keys(api.RULES)).toEqual(["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11"]);
  });
});
