// lib/protocol/cycle.ts: the shared readings of a snapshot (which sessions are this cycle's, who
// doses, when a session counts as started) and the canonical order that keeps every result
// independent of how the caller listed things. The order is pinned through the engine's public
// API: it shows in the wording of P8's messages, which name the earlier session first.
import { describe, expect, it } from "vitest";
import { ALEX, asNew, at, completed, fullPlan, make, SAM, snapshot } from "./fixtures";
import { dosingPartners, MEDICINE_KIND_FOR_MODEL, MODEL_OF_MEDICINE_KIND } from "@/lib/protocol/cycle";
import { checkCycle, evaluateChange } from "@/lib/protocol/engine";
import type { SnapshotSession } from "@/lib/protocol/types";

const p8 = (sessions: SnapshotSession[]) =>
  checkCycle(snapshot({ sessions: [...fullPlan(), ...sessions] }))
    .filter((v) => v.rule === "P8")
    .map((v) => v.message);

describe("which sessions count, and how", () => {
  it("a completed medicine session has passed check-in: without a ride home recorded it is flagged (P10)", () => {
    const sessions = completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2", "med-1");
    expect(checkCycle(snapshot({ sessions }))).toEqual([
      {
        rule: "P10",
        sessionIds: ["med-1"],
        message: "P10: record a ride home for Sam before checking in Sam's medicine session on Tue 10 Mar; no driving until the next day.",
      },
    ]);
    expect(checkCycle(snapshot({ sessions, rideHomes: [{ sessionId: "med-1", clientId: SAM.id }] }))).toEqual([]);
  });

  it("a session naming this cycle's id belongs to it, like one that names no cycle", () => {
    const named = fullPlan().map((s) => ({ ...s, cycleId: "cycle-1" }));
    expect(checkCycle(snapshot({ sessions: named }))).toEqual([]);
    // Another cycle's intake does not count towards this one (P1, and so P2 counts no preparation).
    const otherIntake = named.map((s) => (s.id === "in-sam" ? { ...s, cycleId: "cycle-0" } : s));
    expect(checkCycle(snapshot({ sessions: otherIntake })).map((v) => [v.rule, v.sessionIds])).toEqual([
      ["P1", ["med-1"]],
      ["P2", ["med-1"]],
    ]);
  });

  it("a person who is not one of the partners is named as someone outside this couple (P8)", () => {
    const guest = { partnerIds: ["p-guest"] };
    expect(
      p8([
        make.couples("ct-1", "2026-03-12", "15:00", { ...guest, clinicianIds: ["t-a"] }),
        make.couples("ct-2", "2026-03-12", "15:30", { ...guest, clinicianIds: ["t-b"], roomId: "r-willow" }),
      ]),
    ).toEqual([
      "P8: the couples therapy session on Thu 12 Mar 15:00–16:00 overlaps the couples therapy session on Thu 12 Mar 15:30–16:30; both need someone outside this couple.",
    ]);
  });
});

describe("dosingPartners: who doses in a medicine session", () => {
  const cycle = snapshot({ sessions: [] });
  it("the journeyer in Taking Turns, both partners in Low Dose Together", () => {
    expect(dosingPartners(cycle, make.turns("med-1", SAM, "2026-03-10"))).toEqual([SAM]);
    expect(dosingPartners(cycle, make.lowDose("ld-1", "2026-03-10"))).toEqual([SAM, ALEX]);
  });

  it("nobody when the journeyer is not a partner, nor in a session that is not a medicine session, whatever it names", () => {
    expect(dosingPartners(cycle, make.turns("med-1", SAM, "2026-03-10", "10:00", { journeyerId: "p-guest" }))).toEqual([]);
    expect(dosingPartners(cycle, make.prep("prep-1", "2026-03-04", "09:00", { journeyerId: SAM.id }))).toEqual([]);
  });
});

describe("medicine kinds and models", () => {
  it("each model has its medicine session kind, and back", () => {
    expect(MEDICINE_KIND_FOR_MODEL).toEqual({ TAKING_TURNS: "MEDICINE_TAKING_TURNS", LOW_DOSE_TOGETHER: "MEDICINE_LOW_DOSE" });
    for (const [model, kind] of Object.entries(MEDICINE_KIND_FOR_MODEL)) expect(MODEL_OF_MEDICINE_KIND[kind]).toBe(model);
  });
});

describe("the canonical order of sessions: by start, then end, then id, then everything else", () => {
  const both = <T,>(a: T, b: T): [T[], T[]] => [
    [a, b],
    [b, a],
  ];
  const couples = (id: string, from: string, to: string) => ({ ...make.couples(id, "2026-03-12"), startsAt: at("2026-03-12", from), endsAt: at("2026-03-12", to) });

  it("the same start: the one that ends first comes first", () => {
    const long = couples("ct-a", "15:00", "16:00");
    const short = couples("ct-z", "15:00", "15:30");
    for (const order of both(long, short)) {
      expect(p8(order)).toEqual([
        "P8: the couples therapy session on Thu 12 Mar 15:00–15:30 overlaps the couples therapy session on Thu 12 Mar 15:00–16:00; both need room Oak, Alex, Sam and Dr Park.",
      ]);
    }
  });

  it("the same end: the one that starts first comes first, whatever the ids", () => {
    const early = couples("ct-z", "15:00", "16:00");
    const late = couples("ct-a", "15:30", "16:00");
    for (const order of both(early, late)) {
      expect(p8(order)).toEqual([
        "P8: the couples therapy session on Thu 12 Mar 15:00–16:00 overlaps the couples therapy session on Thu 12 Mar 15:30–16:00; both need room Oak, Alex, Sam and Dr Park.",
      ]);
    }
  });

  it("the same slot: the smaller id comes first, however each session's fields happen to be listed", () => {
    // The couples session's fields start with its kind, the intake's with its id: compared as
    // whole records the intake would come first, by id the couples session does.
    const { kind, ...rest } = make.couples("a-couples", "2026-03-12", "15:00");
    const couplesKindFirst = { kind, ...rest };
    const intake = make.intake("b-intake", SAM, "2026-03-12", "15:00");
    for (const order of both<SnapshotSession>(couplesKindFirst, intake)) {
      expect(p8(order)).toEqual([
        "P8: the couples therapy session on Thu 12 Mar 15:00–16:00 overlaps Sam's intake on Thu 12 Mar 15:00–16:00; both need room Oak and Sam.",
      ]);
    }
  });

  it("the same slot and the same id (a refused booking): the result still does not depend on the order", () => {
    const intake = make.intake("dup", SAM, "2026-03-12", "15:00");
    const session = make.couples("dup", "2026-03-12", "15:00");
    const [a, b] = both(intake, session).map((order) => evaluateChange(snapshot({ sessions: fullPlan() }), { type: "book", sessions: order.map(asNew) }));
    expect(b).toEqual(a);
    expect(a.violations.filter((v) => v.rule === "P8")).toEqual([
      {
        rule: "P8",
        sessionIds: ["dup"],
        message: "P8: the couples therapy session on Thu 12 Mar 15:00–16:00 overlaps Sam's intake on Thu 12 Mar 15:00–16:00; both need room Oak and Sam.",
      },
    ]);
  });

  it("a session's clinicians are read in id order: P8 names shared clinicians the same way whatever order they are listed in", () => {
    for (const [x, y] of both(["t-kap-sam", "t-couple"], ["t-couple", "t-kap-sam"])) {
      expect(
        p8([
          make.couples("ct-1", "2026-03-12", "15:00", { clinicianIds: x }),
          make.couples("ct-2", "2026-03-12", "15:30", { clinicianIds: y, partnerIds: [], roomId: "r-dose" }),
        ]),
      ).toEqual([
        "P8: the couples therapy session on Thu 12 Mar 15:00–16:00 overlaps the couples therapy session on Thu 12 Mar 15:30–16:30; both need Dr Park and Dr Kim.",
      ]);
    }
  });
});
