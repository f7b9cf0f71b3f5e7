// P6 Together: in Low Dose Together both partners dose and attend, so P3 holds for both.
import { describe, expect, it } from "vitest";
import { checkCycle } from "@/lib/protocol/engine";
import { runCases } from "./cases";
import { ALEX, asNew, clearance, groundwork, make, SAM, snapshot, without } from "./fixtures";

const together = (sessions = without(groundwork(), "prep-1", "prep-2"), clearances = [clearance("c-sam", SAM), clearance("c-alex", ALEX)]) =>
  snapshot({ model: "LOW_DOSE_TOGETHER", sessions, clearances });
const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });
const integration = make.integration("int-1", "ld-1", "2026-03-11");

describe("P6 together", () => {
  runCases([
    { name: "both partners, both cleared", cycle: together(), change: book(make.lowDose("ld-1", "2026-03-10"), integration), allowed: true },
    {
      name: "both partners attend",
      cycle: together(),
      change: book(make.lowDose("ld-1", "2026-03-10", "10:00", { partnerIds: [SAM.id] }), integration),
      refused: "P6",
      says: ["both partners dose together in the low-dose medicine session on Tue 10 Mar; add Alex"],
      sessions: ["ld-1"],
    },
    {
      name: "no single journeyer",
      cycle: together(),
      change: book(make.lowDose("ld-1", "2026-03-10", "10:00", { journeyerId: SAM.id }), integration),
      refused: "P6",
      says: ["both partners dose in the low-dose medicine session on Tue 10 Mar, so it can't name a single journeyer"],
    },
    {
      name: "a Low Dose Together cycle has no Taking Turns sessions",
      cycle: together(),
      change: book(make.turns("ld-1", SAM, "2026-03-10"), integration),
      refused: "P6",
      says: ["this is a Low Dose Together cycle, but Sam's medicine session on Tue 10 Mar is booked as Taking Turns"],
    },
    {
      name: "both dose, so the partner without clearance blocks it (P3 for both)",
      cycle: together(undefined, [clearance("c-sam", SAM)]),
      change: book(make.lowDose("ld-1", "2026-03-10"), integration),
      refused: "P3",
      says: ["Alex has no medical clearance for Low Dose Together valid on Tue 10 Mar"],
    },
  ]);
});

describe("P6 as the cycle stands", () => {
  const plan = (ld: ReturnType<typeof make.lowDose>) => together([...without(groundwork(), "prep-1", "prep-2"), ld, integration]);
  it("a Low Dose Together session with both partners and no journeyer breaks nothing", () => {
    expect(checkCycle(plan(make.lowDose("ld-1", "2026-03-10")))).toEqual([]);
  });
  it("one missing partner and a named journeyer are two flags on the session", () => {
    expect(checkCycle(plan(make.lowDose("ld-1", "2026-03-10", "10:00", { partnerIds: [SAM.id], journeyerId: SAM.id }))).filter((v) => v.rule === "P6")).toEqual([
      { rule: "P6", sessionIds: ["ld-1"], message: "P6: both partners dose in the low-dose medicine session on Tue 10 Mar, so it can't name a single journeyer." },
      { rule: "P6", sessionIds: ["ld-1"], message: "P6: both partners dose together in the low-dose medicine session on Tue 10 Mar; add Alex." },
    ]);
  });
});
