// lib/protocol/revocation.ts, P3: "Revoking a clearance flags every future medicine session of that
// partner." What the clearance module shows (and notifies about) when a psychiatrist revokes: the
// P3 flags of medicine sessions still to come in which that partner doses, and nothing else.
import { describe, expect, it } from "vitest";
import { ALEX, at, clearance, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";
import { checkCycle } from "@/lib/protocol/engine";
import { flagsAfterRevocation } from "@/lib/protocol/revocation";

const samHasNone = (day: string, what: string) =>
  `P3: Sam has no medical clearance for Taking Turns valid on ${day} and no medical evaluation booked before ${what}.`;
const flagged = (flags: { sessionIds: string[]; message: string }[]) => flags.map((v) => [v.sessionIds, v.message]);

describe("flagsAfterRevocation", () => {
  it("flags only the revoked partner's sessions, not the other partner's, even when those are flagged already", () => {
    // Alex holds no clearance at all: med-2 is flagged before anything is revoked.
    const cycle = snapshot({ sessions: fullPlan(), clearances: [clearance("c-sam", SAM)] });
    expect(checkCycle(cycle).map((v) => v.sessionIds)).toEqual([["med-2"]]);
    expect(flagged(flagsAfterRevocation(cycle, "c-sam", at("2026-03-01", "10:00")))).toEqual([
      [["med-1"], samHasNone("Tue 10 Mar", "Sam's medicine session on Tue 10 Mar")],
    ]);
  });

  it("in Low Dose Together both partners dose: every session is flagged, for the revoked partner only", () => {
    const sessions = [
      ...without(groundwork(), "prep-1", "prep-2"),
      make.lowDose("ld-1", "2026-03-10"),
      make.integration("int-1", "ld-1", "2026-03-11"),
      make.lowDose("ld-2", "2026-03-17"),
      make.integration("int-2", "ld-2", "2026-03-18"),
    ];
    const cycle = snapshot({ model: "LOW_DOSE_TOGETHER", sessions });
    const none = (day: string) =>
      `P3: Sam has no medical clearance for Low Dose Together valid on ${day} and no medical evaluation booked before the low-dose medicine session on ${day}.`;
    expect(flagged(flagsAfterRevocation(cycle, "c-sam", at("2026-03-01", "10:00")))).toEqual([
      [["ld-1"], none("Tue 10 Mar")],
      [["ld-2"], none("Tue 17 Mar")],
    ]);
  });

  it("a session still to come is one that has not ended: flagged a minute before its end, not at it", () => {
    // med-1 (Tue 10 Mar 10:00–13:00) is still scheduled: nobody has recorded it yet.
    expect(flagsAfterRevocation(snapshot({ sessions: fullPlan() }), "c-sam", at("2026-03-10", "12:59")).map((v) => v.sessionIds)).toEqual([["med-1"]]);
    expect(flagsAfterRevocation(snapshot({ sessions: fullPlan() }), "c-sam", at("2026-03-10", "13:00"))).toEqual([]);
  });

  it("returns P3 flags only, not the session's other flags", () => {
    // Without its second preparation, med-1 is flagged under P2 as well.
    const cycle = snapshot({ sessions: without(fullPlan(), "prep-2") });
    expect(checkCycle(cycle).map((v) => v.rule)).toEqual(["P2"]);
    expect(flagsAfterRevocation(cycle, "c-sam", at("2026-03-01", "10:00")).map((v) => [v.rule, v.sessionIds])).toEqual([["P3", ["med-1"]]]);
  });

  it("the evaluation the revoked clearance answered does not count as one still pending", () => {
    // Sam's evaluation on Fri 27 Feb led to the clearance now revoked: it cannot stand in for it.
    const evaluation = { ...make.evaluation("ev-sam", SAM, "2026-02-27"), status: "COMPLETED" as const };
    const cycle = snapshot({ sessions: [evaluation, ...fullPlan()] });
    expect(flagged(flagsAfterRevocation(cycle, "c-sam", at("2026-03-01", "10:00")))).toEqual([
      [["med-1"], samHasNone("Tue 10 Mar", "Sam's medicine session on Tue 10 Mar")],
    ]);
  });

  it("an unknown clearance flags nothing, even in a cycle already flagged", () => {
    const cycle = snapshot({ sessions: fullPlan(), clearances: [clearance("c-sam", SAM, { revoked: true }), clearance("c-alex", ALEX)] });
    expect(checkCycle(cycle).map((v) => v.rule)).toEqual(["P3"]);
    expect(flagsAfterRevocation(cycle, "c-nope", at("2026-03-01", "10:00"))).toEqual([]);
  });
});
