// P2 Preparation: joint preparations (a number per model, from settings), after both intakes,
// before the first medicine session; completed at check-in.
import { describe, expect, it } from "vitest";
import { checkCycle } from "@/lib/protocol/engine";
import { runCases } from "./cases";
import { ALEX, asNew, at, completed, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";

const medicine = [make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")];
const bookMedicine = { type: "book" as const, sessions: medicine.map(asNew) };
const rideHomes = [{ sessionId: "med-1", clientId: SAM.id }];

describe("P2 preparation", () => {
  runCases([
    { name: "allows a medicine session after two preparations", cycle: snapshot({ sessions: groundwork() }), change: bookMedicine, allowed: true },
    {
      name: "refuses with only one preparation",
      cycle: snapshot({ sessions: without(groundwork(), "prep-2") }),
      change: bookMedicine,
      refused: "P2",
      says: ["Sam's medicine session on Tue 10 Mar needs 2 joint preparations", "1 is booked"],
      sessions: ["med-1"],
    },
    {
      name: "a preparation before the intakes does not count",
      cycle: snapshot({ sessions: [...without(groundwork(), "prep-1"), make.prep("prep-1", "2026-02-28")] }),
      change: bookMedicine,
      refused: "P2",
      says: ["needs 2 joint preparations", "after both intakes", "1 is booked"],
    },
    {
      name: "a preparation right after both intakes counts (touching Alex's intake)",
      cycle: snapshot({ sessions: [...without(groundwork(), "prep-1"), make.prep("prep-1", "2026-03-02", "12:00")] }),
      change: bookMedicine,
      allowed: true,
    },
    {
      name: "a preparation after one partner's intake but before the other's does not count",
      cycle: snapshot({
        sessions: [
          ...without(groundwork(), "in-alex", "prep-1"),
          make.intake("in-alex", ALEX, "2026-03-03"),
          make.prep("prep-1", "2026-03-02", "12:00"),
        ],
      }),
      change: bookMedicine,
      refused: "P2",
      says: ["1 is booked after both intakes"],
    },
    {
      name: "a preparation without both partners does not count",
      cycle: snapshot({ sessions: [...without(groundwork(), "prep-2"), make.prep("prep-2", "2026-03-06", "09:00", { partnerIds: [SAM.id] })] }),
      change: bookMedicine,
      refused: "P2",
      says: ["1 is booked"],
    },
    {
      name: "a preparation after the medicine session does not count",
      cycle: snapshot({ sessions: [...without(groundwork(), "prep-2"), make.prep("prep-2", "2026-03-12")] }),
      change: bookMedicine,
      refused: "P2",
      says: ["1 is booked"],
    },
    {
      name: "the number comes from settings",
      cycle: snapshot({ sessions: groundwork(), settings: { minPreparations: { TAKING_TURNS: 3, LOW_DOSE_TOGETHER: 0 } } }),
      change: bookMedicine,
      refused: "P2",
      says: ["needs 3 joint preparations", "2 are booked"],
    },
    {
      name: "Low Dose Together needs none by default",
      cycle: snapshot({ model: "LOW_DOSE_TOGETHER", sessions: without(groundwork(), "prep-1", "prep-2") }),
      change: { type: "book", sessions: [make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")].map(asNew) },
      allowed: true,
    },
    {
      name: "Low Dose Together with a preparation set in settings",
      cycle: snapshot({ model: "LOW_DOSE_TOGETHER", sessions: without(groundwork(), "prep-1", "prep-2"), settings: { minPreparations: { TAKING_TURNS: 2, LOW_DOSE_TOGETHER: 1 } } }),
      change: { type: "book", sessions: [make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")].map(asNew) },
      refused: "P2",
      says: ["the low-dose medicine session on Tue 10 Mar needs 1 joint preparation", "0 are booked"],
    },
    {
      name: "refuses cancelling a preparation the medicine session needs",
      cycle: snapshot({ sessions: [...groundwork(), ...medicine] }),
      change: { type: "cancel", sessionId: "prep-2" },
      refused: "P2",
      says: ["needs 2 joint preparations", "1 is booked"],
    },
    {
      name: "refuses moving a preparation before the intakes",
      cycle: snapshot({ sessions: [...groundwork(), ...medicine] }),
      change: { type: "move", sessionId: "prep-1", startsAt: at("2026-02-28", "09:00"), endsAt: at("2026-02-28", "10:30") },
      refused: "P2",
      says: ["1 is booked"],
    },
    {
      name: "at check-in the preparations must be completed",
      cycle: snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1"), rideHomes }),
      change: { type: "checkIn", sessionId: "med-1" },
      refused: "P2",
      says: ["only 1 of the 2 joint preparations", "Sam's medicine session on Tue 10 Mar", "can't be checked in"],
    },
    {
      name: "at check-in, completed preparations pass",
      cycle: snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2"), rideHomes }),
      change: { type: "checkIn", sessionId: "med-1" },
      allowed: true,
    },
  ]);
});

describe("P2 messages: the counts in words, at booking and at check-in", () => {
  const checkIn = { type: "checkIn" as const, sessionId: "med-1" };
  runCases([
    {
      name: "one preparation required is said in the singular",
      cycle: snapshot({ model: "LOW_DOSE_TOGETHER", sessions: without(groundwork(), "prep-1", "prep-2"), settings: { minPreparations: { TAKING_TURNS: 2, LOW_DOSE_TOGETHER: 1 } } }),
      change: { type: "book", sessions: [make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")].map(asNew) },
      refused: "P2",
      says: ["P2: the low-dose medicine session on Tue 10 Mar needs 1 joint preparation with both partners after both intakes; 0 are booked after both intakes and before it."],
      sessions: ["ld-1"],
    },
    {
      name: "at check-in, one of two completed: 'is completed'",
      cycle: snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1"), rideHomes }),
      change: checkIn,
      refused: "P2",
      says: ["P2: only 1 of the 2 joint preparations before Sam's medicine session on Tue 10 Mar is completed, so it can't be checked in."],
      sessions: ["med-1"],
    },
    {
      name: "at check-in, none completed: 'are completed'",
      cycle: snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex"), rideHomes }),
      change: checkIn,
      refused: "P2",
      says: ["P2: only 0 of the 2 joint preparations before Sam's medicine session on Tue 10 Mar are completed, so it can't be checked in."],
      sessions: ["med-1"],
    },
    {
      name: "at check-in, two of three completed: 'are completed'",
      cycle: snapshot({
        sessions: [...completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2"), make.prep("prep-3", "2026-03-07")],
        rideHomes,
        settings: { minPreparations: { TAKING_TURNS: 3, LOW_DOSE_TOGETHER: 0 } },
      }),
      change: checkIn,
      refused: "P2",
      says: ["P2: only 2 of the 3 joint preparations before Sam's medicine session on Tue 10 Mar are completed, so it can't be checked in."],
      sessions: ["med-1"],
    },
  ]);
});

describe("P2 when settings ask for no preparation", () => {
  it("a Low Dose Together cycle without preparations breaks nothing as it stands (0 by default)", () => {
    const cycle = snapshot({
      model: "LOW_DOSE_TOGETHER",
      sessions: [...without(groundwork(), "prep-1", "prep-2"), make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")],
    });
    expect(checkCycle(cycle)).toEqual([]);
  });
  it("nor a Taking Turns cycle without preparations when its setting is 0", () => {
    const cycle = snapshot({ sessions: without(fullPlan(), "prep-1", "prep-2"), settings: { minPreparations: { TAKING_TURNS: 0, LOW_DOSE_TOGETHER: 0 } } });
    expect(checkCycle(cycle)).toEqual([]);
  });
  it("the same Taking Turns cycle with the default setting is flagged", () => {
    const cycle = snapshot({ sessions: without(fullPlan(), "prep-1", "prep-2") });
    expect(checkCycle(cycle)).toEqual([
      {
        rule: "P2",
        sessionIds: ["med-1"],
        message: "P2: Sam's medicine session on Tue 10 Mar needs 2 joint preparations with both partners after both intakes; 0 are booked after both intakes and before it.",
      },
    ]);
  });
});
