// P7 Cycle size: the typical composition, and notices (never refusals) beyond it.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { ALEX, asNew, clearance, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";
import { evaluateChange } from "@/lib/protocol/engine";
import { cycleSizeNotices, typicalComposition } from "@/lib/protocol/rules/p7-cycle-size";
import type { SessionStatus } from "@/lib/protocol/types";
import { DEFAULT_SETTINGS } from "@/lib/protocol/settings";

const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });

describe("typicalComposition", () => {
  it("a full Taking Turns cycle is 8 sessions: 2 intakes, 2 preparations, 2 medicine, 2 integrations", () => {
    const c = typicalComposition("TAKING_TURNS", "FULL", DEFAULT_SETTINGS);
    expect([c.INTAKE, c.PREPARATION, c.MEDICINE, c.INTEGRATION].map((b) => b.max)).toEqual([2, 2, 2, 2]);
    expect(c.total).toEqual({ min: 8, max: 8 });
  });

  it("a single experience is 6: 2, 2, 1, 1", () => {
    expect(typicalComposition("TAKING_TURNS", "SINGLE_EXPERIENCE", DEFAULT_SETTINGS).total).toEqual({ min: 6, max: 6 });
  });

  it("a Low Dose Together series is 6–8 medicine sessions, each with its integration", () => {
    const c = typicalComposition("LOW_DOSE_TOGETHER", "FULL", DEFAULT_SETTINGS);
    expect(c.MEDICINE).toEqual({ min: 6, max: 8 });
    expect(c.INTEGRATION).toEqual({ min: 6, max: 8 });
    expect(c.PREPARATION).toEqual({ min: 0, max: 0 });
    expect(c.total).toEqual({ min: 14, max: 18 });
  });

  it("follows the settings", () => {
    const settings = { ...DEFAULT_SETTINGS, minPreparations: { TAKING_TURNS: 3, LOW_DOSE_TOGETHER: 1 }, lowDoseSeries: { min: 4, max: 5 } };
    expect(typicalComposition("TAKING_TURNS", "FULL", settings).total.max).toBe(9);
    expect(typicalComposition("LOW_DOSE_TOGETHER", "FULL", settings).total).toEqual({ min: 11, max: 13 });
  });
});

/** A Low Dose Together series of n weekly sessions (Tuesdays from 10 Mar), each with its integration. */
function series(n: number) {
  const tuesdays = ["2026-03-10", "2026-03-17", "2026-03-24", "2026-03-31", "2026-04-07", "2026-04-14", "2026-04-21", "2026-04-28"];
  const wednesdays = ["2026-03-11", "2026-03-18", "2026-03-25", "2026-04-01", "2026-04-08", "2026-04-15", "2026-04-22", "2026-04-29"];
  return tuesdays.slice(0, n).flatMap((day, i) => [make.lowDose(`ld-${i}`, day), make.integration(`int-${i}`, `ld-${i}`, wednesdays[i])]);
}

describe("P7 cycle size", () => {
  runCases([
    { name: "a typical full cycle brings no notice", cycle: snapshot({ sessions: [] }), change: book(...fullPlan()), allowed: true },
    {
      name: "an extra preparation is allowed, with a notice",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.prep("prep-3", "2026-03-07")),
      allowed: true,
      notices: ["P7"],
    },
    {
      name: "a ninth Low Dose Together session is allowed, with notices",
      cycle: snapshot({ model: "LOW_DOSE_TOGETHER", sessions: [...without(groundwork(), "prep-1", "prep-2"), ...series(8)] }),
      change: book(make.lowDose("ld-8", "2026-05-05"), make.integration("int-8", "ld-8", "2026-05-06")),
      allowed: true,
      notices: ["P7", "P7"],
    },
  ]);

  it("the notice says how many and what is typical", () => {
    const result = evaluateChange(snapshot({ sessions: fullPlan() }), book(make.prep("prep-3", "2026-03-07")));
    expect(result.notices).toEqual([
      { rule: "P7", message: "P7: this cycle would have 3 joint preparations; a full Taking Turns cycle typically has 2. That is allowed: check it is intended." },
    ]);
    const series9 = evaluateChange(
      snapshot({ model: "LOW_DOSE_TOGETHER", sessions: [...without(groundwork(), "prep-1", "prep-2"), ...series(8)], clearances: [clearance("c-sam", SAM), clearance("c-alex", ALEX)] }),
      book(make.lowDose("ld-8", "2026-05-05"), make.integration("int-8", "ld-8", "2026-05-06")),
    );
    expect(series9.notices.map((n) => n.message).join("\n")).toMatch(/9 medicine sessions; a Low Dose Together series typically has 6–8/);
  });

  it("a cycle already beyond its size gives no new notice for an unrelated booking", () => {
    const beyond = snapshot({ sessions: [...fullPlan(), make.prep("prep-3", "2026-03-07")] });
    expect(evaluateChange(beyond, book(make.couples("ct-1", "2026-03-12"))).notices).toEqual([]);
  });

  it("couples therapy and medical evaluations do not count", () => {
    const result = evaluateChange(snapshot({ sessions: fullPlan() }), book(make.couples("ct-1", "2026-03-12"), make.evaluation("ev-1", SAM, "2026-03-13")));
    expect(result).toEqual({ violations: [], notices: [] });
  });
});

// The notice's words for each part of the cycle and each kind of cycle, and what is counted.
describe("P7 notices, word for word", () => {
  const notice = (message: string) => ({ rule: "P7", message });

  it("a third intake: the intakes are counted", () => {
    const result = evaluateChange(snapshot({ sessions: fullPlan() }), book(make.intake("in-sam-2", SAM, "2026-03-03")));
    expect(result).toEqual({
      violations: [],
      notices: [notice("P7: this cycle would have 3 intakes; a full Taking Turns cycle typically has 2. That is allowed: check it is intended.")],
    });
  });

  it("a third turn: 3 medicine sessions and 3 integrations, each named", () => {
    const result = evaluateChange(snapshot({ sessions: fullPlan() }), book(make.turns("med-3", SAM, "2026-03-24"), make.integration("int-3", "med-3", "2026-03-25")));
    expect(result).toEqual({
      violations: [],
      notices: [
        notice("P7: this cycle would have 3 integrations; a full Taking Turns cycle typically has 2. That is allowed: check it is intended."),
        notice("P7: this cycle would have 3 medicine sessions; a full Taking Turns cycle typically has 2. That is allowed: check it is intended."),
      ],
    });
  });

  it("a single experience is named as such", () => {
    const result = evaluateChange(snapshot({ format: "SINGLE_EXPERIENCE", sessions: groundwork() }), book(make.prep("prep-3", "2026-03-07")));
    expect(result.notices).toEqual([
      notice("P7: this cycle would have 3 joint preparations; a Taking Turns single experience typically has 2. That is allowed: check it is intended."),
    ]);
  });

  it("one preparation where a Low Dose Together series typically has none: singular, and 'none'", () => {
    const result = evaluateChange(
      snapshot({ model: "LOW_DOSE_TOGETHER", sessions: [...without(groundwork(), "prep-1", "prep-2"), ...series(6)] }),
      book(make.prep("prep-1", "2026-03-04")),
    );
    expect(result.notices).toEqual([
      notice("P7: this cycle would have 1 joint preparation; a Low Dose Together series typically has none. That is allowed: check it is intended."),
    ]);
  });

  it("a typical cycle has no notice at all", () => {
    expect(cycleSizeNotices(snapshot({ sessions: fullPlan() }))).toEqual([]);
  });

  it.each<SessionStatus>(["CANCELLED", "NO_SHOW"])("a %s session does not count toward the size", (status) => {
    const cycle = snapshot({ sessions: [...fullPlan(), { ...make.prep("prep-3", "2026-03-07"), status }] });
    expect(cycleSizeNotices(cycle)).toEqual([]);
  });

  it("a completed session counts toward the size", () => {
    const cycle = snapshot({ sessions: [...fullPlan(), { ...make.prep("prep-3", "2026-03-07"), status: "COMPLETED" }] });
    expect(cycleSizeNotices(cycle).map((n) => n.message)).toEqual([
      "P7: this cycle would have 3 joint preparations; a full Taking Turns cycle typically has 2. That is allowed: check it is intended.",
    ]);
  });
});
