// P5 Taking turns: one journeyer who is a partner, the other attends as sitter; a full cycle
// alternates journeyers; a single experience has one medicine session.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { ALEX, asNew, fullPlan, groundwork, make, SAM, snapshot } from "./fixtures";
import { checkCycle, evaluateChange } from "@/lib/protocol/engine";
import type { SessionStatus } from "@/lib/protocol/types";

const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });
const firstTurn = () => [...groundwork(), make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")];

describe("P5 taking turns", () => {
  runCases([
    { name: "Sam then Alex", cycle: snapshot({ sessions: firstTurn() }), change: book(make.turns("med-2", ALEX, "2026-03-17"), make.integration("int-2", "med-2", "2026-03-18")), allowed: true },
    {
      name: "a medicine session needs a journeyer",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-10", "10:00", { journeyerId: null }), make.integration("int-1", "med-1", "2026-03-11")),
      refused: "P5",
      says: ["the medicine session on Tue 10 Mar needs one journeyer, Sam or Alex"],
      sessions: ["med-1"],
    },
    {
      name: "the journeyer must be one of the partners",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-10", "10:00", { journeyerId: "p-stranger" }), make.integration("int-1", "med-1", "2026-03-11")),
      refused: "P5",
      says: ["the journeyer of the medicine session on Tue 10 Mar must be Sam or Alex"],
    },
    {
      name: "the other partner attends as sitter",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-10", "10:00", { partnerIds: [SAM.id] }), make.integration("int-1", "med-1", "2026-03-11")),
      refused: "P5",
      says: ["needs Sam as journeyer and Alex as sitter; add Alex"],
      sessions: ["med-1"],
    },
    {
      name: "the other partner attends as sitter when the second partner journeys too",
      cycle: snapshot({ sessions: firstTurn() }),
      change: book(make.turns("med-2", ALEX, "2026-03-17", "10:00", { partnerIds: [ALEX.id] }), make.integration("int-2", "med-2", "2026-03-18")),
      refused: "P5",
      says: ["P5: Alex's medicine session on Tue 17 Mar needs Alex as journeyer and Sam as sitter; add Sam."],
      sessions: ["med-2"],
    },
    {
      name: "a sitter who is there is enough, whichever partner journeys",
      cycle: snapshot({ sessions: firstTurn() }),
      change: book(make.turns("med-2", ALEX, "2026-03-17", "10:00", { partnerIds: [ALEX.id, SAM.id] }), make.integration("int-2", "med-2", "2026-03-18")),
      allowed: true,
    },
    {
      name: "no partner journeys twice in a row",
      cycle: snapshot({ sessions: firstTurn() }),
      change: book(make.turns("med-2", SAM, "2026-03-17"), make.integration("int-2", "med-2", "2026-03-18")),
      refused: "P5",
      says: ["Sam can't journey twice in a row (Tue 10 Mar and Tue 17 Mar); it is Alex's turn"],
      sessions: ["med-1", "med-2"],
    },
    {
      name: "no partner journeys twice in a row: the second partner's turn names the first as next",
      cycle: snapshot({ sessions: [...groundwork(), make.turns("med-1", ALEX, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")] }),
      change: book(make.turns("med-2", ALEX, "2026-03-17"), make.integration("int-2", "med-2", "2026-03-18")),
      refused: "P5",
      says: ["P5: Alex can't journey twice in a row (Tue 10 Mar and Tue 17 Mar); it is Sam's turn."],
      sessions: ["med-1", "med-2"],
    },
    {
      name: "twice in a row is judged in time order, whichever is booked first",
      cycle: snapshot({ sessions: firstTurn() }),
      change: book(make.turns("med-0", SAM, "2026-03-07", "10:00"), make.integration("int-0", "med-0", "2026-03-09")),
      refused: "P5",
      says: ["Sam can't journey twice in a row (Sat 7 Mar and Tue 10 Mar)"],
    },
    {
      name: "a third turn that alternates is allowed, with a P7 notice",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.turns("med-3", SAM, "2026-03-24"), make.integration("int-3", "med-3", "2026-03-25")),
      allowed: true,
      notices: ["P7", "P7"],
    },
    {
      name: "a cancelled turn does not count",
      cycle: snapshot({ sessions: [...firstTurn().map((s) => (s.id === "med-1" || s.id === "int-1" ? { ...s, status: "CANCELLED" as const } : s))] }),
      change: book(make.turns("med-2", SAM, "2026-03-17"), make.integration("int-2", "med-2", "2026-03-18")),
      allowed: true,
    },
    {
      name: "a single experience has one medicine session",
      cycle: snapshot({ format: "SINGLE_EXPERIENCE", sessions: firstTurn() }),
      change: book(make.turns("med-2", ALEX, "2026-03-17"), make.integration("int-2", "med-2", "2026-03-18")),
      refused: "P5",
      says: ["a single experience has one medicine session; this cycle would have 2 (Tue 10 Mar, Tue 17 Mar)"],
      sessions: ["med-1", "med-2"],
    },
    {
      name: "a single experience's one medicine session is fine",
      cycle: snapshot({ format: "SINGLE_EXPERIENCE", sessions: groundwork() }),
      change: book(make.turns("med-1", ALEX, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")),
      allowed: true,
    },
    {
      name: "a Taking Turns cycle has no low-dose sessions",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")),
      refused: "P5",
      says: ["this is a Taking Turns cycle, but the low-dose medicine session on Tue 10 Mar is booked as Low Dose Together"],
    },
    {
      name: "only a Taking Turns medicine session names a journeyer",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "15:00", { journeyerId: SAM.id })),
      refused: "P5",
      says: ["only a Taking Turns medicine session has a journeyer; the couples therapy session on Thu 12 Mar can't have one"],
      sessions: ["ct-1"],
    },
  ]);
});

describe("P5 judges only what stands, and the turns are Taking Turns sessions", () => {
  it.each<SessionStatus>(["CANCELLED", "NO_SHOW"])("a %s session that names a journeyer is history, not flagged", (status) => {
    const cycle = snapshot({ sessions: [...fullPlan(), { ...make.couples("ct-1", "2026-03-12", "15:00", { journeyerId: SAM.id }), status }] });
    expect(checkCycle(cycle).filter((v) => v.rule === "P5")).toEqual([]);
  });

  it("a standing session that names a journeyer is flagged", () => {
    const cycle = snapshot({ sessions: [...fullPlan(), make.couples("ct-1", "2026-03-12", "15:00", { journeyerId: SAM.id })] });
    expect(checkCycle(cycle).filter((v) => v.rule === "P5").map((v) => v.sessionIds)).toEqual([["ct-1"]]);
  });

  it("a low-dose session in a Taking Turns cycle is refused as such, not counted as a turn", () => {
    // Sam journeys on 10 Mar; a low-dose session on 17 Mar names Sam too. It is the wrong kind of
    // session, not a second turn of Sam's.
    const result = evaluateChange(
      snapshot({ sessions: [...groundwork(), make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")] }),
      book(make.lowDose("ld-2", "2026-03-17", "10:00", { journeyerId: SAM.id }), make.integration("int-2", "ld-2", "2026-03-18")),
    );
    expect(result.violations.filter((v) => v.rule === "P5")).toEqual([
      {
        rule: "P5",
        sessionIds: ["ld-2"],
        message: "P5: this is a Taking Turns cycle, but the low-dose medicine session on Tue 17 Mar is booked as Low Dose Together.",
      },
    ]);
  });

  it("a low-dose session does not make a second medicine session of a single experience", () => {
    const result = evaluateChange(
      snapshot({ format: "SINGLE_EXPERIENCE", sessions: [...groundwork(), make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")] }),
      book(make.lowDose("ld-2", "2026-03-17", "10:00", { journeyerId: ALEX.id }), make.integration("int-2", "ld-2", "2026-03-18")),
    );
    expect(result.violations.filter((v) => v.rule === "P5").map((v) => v.message)).toEqual([
      "P5: this is a Taking Turns cycle, but the low-dose medicine session on Tue 17 Mar is booked as Low Dose Together.",
    ]);
  });
});
