// P3 Clearance: each dosing partner holds a valid clearance on the session's date, or (at booking
// only, P10) has a medical evaluation booked before it.
import { describe, expect, it } from "vitest";
import { runCases, type Case } from "./cases";
import { ALEX, asNew, clearance, completed, fullPlan, groundwork, make, SAM, snapshot } from "./fixtures";
import { checkCycle, evaluateChange } from "@/lib/protocol/engine";
import type { SnapshotClearance } from "@/lib/protocol/types";

const medicine = [make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")];
const bookMedicine = { type: "book" as const, sessions: medicine.map(asNew) };
const alexCleared = clearance("c-alex", ALEX);

/** Sam journeys on Tue 10 Mar; Sam's clearances as given, Alex cleared. */
function withSamClearances(clearances: SnapshotClearance[], extraSessions = [] as ReturnType<typeof groundwork>) {
  return snapshot({ sessions: [...groundwork(), ...extraSessions], clearances: [...clearances, alexCleared] });
}
const refusedForSam = (name: string, clearances: SnapshotClearance[], extraSessions = [] as ReturnType<typeof groundwork>): Case => ({
  name,
  cycle: withSamClearances(clearances, extraSessions),
  change: bookMedicine,
  refused: "P3",
  says: ["Sam has no medical clearance for Taking Turns valid on Tue 10 Mar", "no medical evaluation booked before Sam's medicine session on Tue 10 Mar"],
  sessions: ["med-1"],
});
const allowedForSam = (name: string, clearances: SnapshotClearance[], extraSessions = [] as ReturnType<typeof groundwork>): Case => ({
  name,
  cycle: withSamClearances(clearances, extraSessions),
  change: bookMedicine,
  allowed: true,
});

describe("P3 clearance at booking", () => {
  runCases([
    allowedForSam("a valid clearance", [clearance("c-sam", SAM)]),
    allowedForSam("cleared with conditions", [clearance("c-sam", SAM, { decision: "CLEARED_WITH_CONDITIONS" })]),
    allowedForSam("valid until the session's very date", [clearance("c-sam", SAM, { validUntil: "2026-03-10" })]),
    allowedForSam("made on the session's date", [clearance("c-sam", SAM, { evaluatedOn: "2026-03-10" })]),
    allowedForSam("only the Taking Turns model", [clearance("c-sam", SAM, { models: ["TAKING_TURNS"] })]),
    allowedForSam("a superseded clearance and its valid amendment", [
      clearance("c-sam-old", SAM, { supersededById: "c-sam" }),
      clearance("c-sam", SAM, { evaluatedOn: "2026-03-01" }),
    ]),
    refusedForSam("no clearance at all", []),
    refusedForSam("not cleared", [clearance("c-sam", SAM, { decision: "NOT_CLEARED" })]),
    refusedForSam("deferred", [clearance("c-sam", SAM, { decision: "DEFERRED" })]),
    refusedForSam("another model only", [clearance("c-sam", SAM, { models: ["LOW_DOSE_TOGETHER"] })]),
    refusedForSam("revoked", [clearance("c-sam", SAM, { revoked: true })]),
    refusedForSam("superseded", [clearance("c-sam", SAM, { supersededById: "c-sam-2" })]),
    refusedForSam("not signed yet", [clearance("c-sam", SAM, { signed: false })]),
    refusedForSam("not recorded by a psychiatrist", [clearance("c-sam", SAM, { recordedByPsychiatrist: false })]),
    refusedForSam("made after the session's date", [clearance("c-sam", SAM, { evaluatedOn: "2026-03-11" })]),
    refusedForSam("expired the day before", [clearance("c-sam", SAM, { validUntil: "2026-03-09" })]),
    refusedForSam("older than the validity setting allows", [
      clearance("c-sam", SAM, { evaluatedOn: "2025-12-01", validUntil: "2026-12-01" }),
    ]),
    refusedForSam("only the other partner is cleared", [clearance("c-sam", ALEX, { id: "c-alex-2" })]),
    allowedForSam("no clearance yet, but a medical evaluation booked before", [], [make.evaluation("ev-sam", SAM, "2026-03-05")]),
    allowedForSam("an evaluation that happened, decision not yet recorded", [], [
      { ...make.evaluation("ev-sam", SAM, "2026-03-05"), status: "COMPLETED" },
    ]),
    allowedForSam("an evaluation on the same day, ending before the session", [], [make.evaluation("ev-sam", SAM, "2026-03-10", "08:00")]),
    allowedForSam("an evaluation booked in another cycle or none", [], [make.evaluation("ev-sam", SAM, "2026-03-05", "09:00", { cycleId: null })]),
    allowedForSam("an evaluation after a draft clearance", [clearance("c-sam", SAM, { evaluatedOn: "2026-03-05", signed: false })], [
      make.evaluation("ev-sam", SAM, "2026-03-05"),
    ]),
    refusedForSam("an evaluation after the session", [], [make.evaluation("ev-sam", SAM, "2026-03-12")]),
    refusedForSam("an evaluation of the other partner", [], [make.evaluation("ev-alex", ALEX, "2026-03-05")]),
    refusedForSam("a cancelled evaluation", [], [{ ...make.evaluation("ev-sam", SAM, "2026-03-05"), status: "CANCELLED" }]),
    refusedForSam("an evaluation already answered with 'not cleared'", [clearance("c-sam", SAM, { evaluatedOn: "2026-03-05", decision: "NOT_CLEARED" })], [
      { ...make.evaluation("ev-sam", SAM, "2026-03-05"), status: "COMPLETED" },
    ]),
    refusedForSam("an evaluation too long ago for its clearance to reach the session", [], [
      { ...make.evaluation("ev-sam", SAM, "2025-12-01"), status: "COMPLETED" },
    ]),
    {
      name: "Low Dose Together: both partners dose, so both need clearance (P6)",
      cycle: snapshot({
        model: "LOW_DOSE_TOGETHER",
        sessions: groundwork(),
        clearances: [clearance("c-sam", SAM), clearance("c-alex", ALEX, { models: ["TAKING_TURNS"] })],
      }),
      change: { type: "book", sessions: [make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")].map(asNew) },
      refused: "P3",
      says: ["Alex has no medical clearance for Low Dose Together valid on Tue 10 Mar"],
    },
    {
      name: "Taking Turns: the sitter needs no clearance",
      cycle: snapshot({ sessions: groundwork(), clearances: [clearance("c-sam", SAM)] }),
      change: bookMedicine,
      allowed: true,
    },
    {
      name: "moving a medicine session past the clearance's end is refused",
      cycle: snapshot({ sessions: [...groundwork(), ...medicine], clearances: [clearance("c-sam", SAM, { validUntil: "2026-03-12" })] }),
      change: {
        type: "moveMany",
        moves: [
          { sessionId: "med-1", startsAt: make.turns("x", SAM, "2026-03-13").startsAt, endsAt: make.turns("x", SAM, "2026-03-13").endsAt },
          { sessionId: "int-1", startsAt: make.integration("x", "med-1", "2026-03-14").startsAt, endsAt: make.integration("x", "med-1", "2026-03-14").endsAt },
        ],
      },
      refused: "P3",
      says: ["Sam has no medical clearance for Taking Turns valid on Fri 13 Mar"],
    },
  ]);
});

describe("P3 clearance at check-in", () => {
  const ready = completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2");
  const rideHomes = [{ sessionId: "med-1", clientId: SAM.id }];
  runCases([
    {
      name: "a valid clearance lets the session be checked in",
      cycle: snapshot({ sessions: ready, rideHomes }),
      change: { type: "checkIn", sessionId: "med-1" },
      allowed: true,
    },
    {
      name: "a booked evaluation is not enough at check-in",
      cycle: snapshot({ sessions: [...ready, { ...make.evaluation("ev-sam", SAM, "2026-03-05"), status: "COMPLETED" }], rideHomes, clearances: [alexCleared] }),
      change: { type: "checkIn", sessionId: "med-1" },
      refused: "P3",
      says: ["Sam has no medical clearance for Taking Turns valid on Tue 10 Mar", "can't be checked in", "a booked evaluation is not enough"],
      sessions: ["med-1"],
    },
    {
      name: "a clearance revoked after booking blocks check-in",
      cycle: snapshot({ sessions: ready, rideHomes, clearances: [clearance("c-sam", SAM, { revoked: true }), alexCleared] }),
      change: { type: "checkIn", sessionId: "med-1" },
      refused: "P3",
      says: ["Sam has no medical clearance", "can't be checked in"],
    },
  ]);
});

describe("P3 messages keep clinical detail from front desk", () => {
  it("says 'no clearance', never the decision or the checklist", () => {
    const result = evaluateChange(withSamClearances([clearance("c-sam", SAM, { decision: "DEFERRED" })]), bookMedicine);
    expect(result.violations[0].message).not.toMatch(/defer|condition|revok/i);
  });
});

describe("P3 flags only medicine sessions still to come", () => {
  // Sam's clearance is revoked after med-1: history stays as it was, the sessions to come are flagged.
  const revokedAfter = (med1: "COMPLETED" | "CHECKED_IN") =>
    snapshot({
      sessions: fullPlan().map((s) =>
        ["in-sam", "in-alex", "prep-1", "prep-2"].includes(s.id) ? { ...s, status: "COMPLETED" as const } : s.id === "med-1" ? { ...s, status: med1 } : s,
      ),
      rideHomes: [{ sessionId: "med-1", clientId: SAM.id }],
      clearances: [clearance("c-sam", SAM, { revoked: true }), alexCleared],
    });
  const p3 = (med1: "COMPLETED" | "CHECKED_IN") => checkCycle(revokedAfter(med1)).filter((v) => v.rule === "P3");

  it("a completed medicine session is history: a later revocation does not flag it", () => {
    expect(p3("COMPLETED")).toEqual([]);
  });
  it("a medicine session checked in but not completed is still to come: it is flagged", () => {
    expect(p3("CHECKED_IN")).toEqual([
      {
        rule: "P3",
        sessionIds: ["med-1"],
        message: "P3: Sam has no medical clearance for Taking Turns valid on Tue 10 Mar, so Sam's medicine session on Tue 10 Mar can't be checked in; a booked evaluation is not enough.",
      },
    ]);
  });
  it("a scheduled medicine session of the partner is flagged", () => {
    const cycle = snapshot({ sessions: fullPlan(), clearances: [clearance("c-sam", SAM, { revoked: true }), alexCleared] });
    expect(checkCycle(cycle).filter((v) => v.rule === "P3")).toEqual([
      {
        rule: "P3",
        sessionIds: ["med-1"],
        message: "P3: Sam has no medical clearance for Taking Turns valid on Tue 10 Mar and no medical evaluation booked before Sam's medicine session on Tue 10 Mar.",
      },
    ]);
  });
});
