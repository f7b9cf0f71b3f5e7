// P9 Rooms: dosing-equipped and active for medicine; capacity for everyone; a room except telehealth.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { asNew, fullPlan, groundwork, make, ROOMS, SAM, snapshot } from "./fixtures";
import { checkCycle } from "@/lib/protocol/engine";
import type { SessionStatus } from "@/lib/protocol/types";

const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });
const integration = make.integration("int-1", "med-1", "2026-03-11");

describe("P9 rooms", () => {
  runCases([
    { name: "a medicine session in the dosing room", cycle: snapshot({ sessions: groundwork() }), change: book(make.turns("med-1", SAM, "2026-03-10"), integration), allowed: true },
    {
      name: "a medicine session needs a dosing-equipped room",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-10", "10:00", { roomId: "r-oak" }), integration),
      refused: "P9",
      says: ["Sam's medicine session on Tue 10 Mar needs a dosing-equipped room; Oak is not one"],
      sessions: ["med-1"],
    },
    {
      name: "a room out of use",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-10", "10:00", { roomId: "r-old" }), integration),
      refused: "P9",
      says: ["room Birch is out of use; choose another room for Sam's medicine session on Tue 10 Mar"],
    },
    {
      name: "a room's capacity counts partners and clinicians",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "15:00", { roomId: "r-willow" })),
      refused: "P9",
      says: ["room Willow holds 2 people, but the couples therapy session on Thu 12 Mar has 3"],
    },
    {
      name: "exactly at capacity is fine",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.evaluation("ev-1", SAM, "2026-03-12", "15:00", { roomId: "r-willow" })),
      allowed: true,
    },
    {
      name: "a joint preparation needs a room",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.prep("prep-3", "2026-03-07", "09:00", { roomId: null })),
      refused: "P9",
      says: ["The joint preparation on Sat 7 Mar needs a room; only a medical evaluation can be held by telehealth"],
    },
    {
      name: "a medical evaluation may be held by telehealth",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.evaluation("ev-1", SAM, "2026-03-12", "15:00", { roomId: null })),
      allowed: true,
    },
    {
      name: "a room the clinic does not have",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "15:00", { roomId: "r-nowhere" })),
      refused: "P9",
      says: ["the room booked for the couples therapy session on Thu 12 Mar is not one of the clinic's rooms"],
    },
  ]);
});

describe("P9 at its edges", () => {
  // A one-person room (a therapist's office), alongside the fixture rooms.
  const withBooth = () => ({ ...snapshot({ sessions: fullPlan() }), rooms: [...ROOMS, { id: "r-booth", name: "Booth", capacity: 1, dosingEquipped: false, active: true }] });

  runCases([
    {
      name: "a one-person room says 'person'",
      cycle: withBooth(),
      change: book(make.intake("in-x", SAM, "2026-03-12", "15:00", { roomId: "r-booth" })),
      refused: "P9",
      says: ["P9: room Booth holds 1 person, but Sam's intake on Thu 12 Mar has 2."],
      sessions: ["in-x"],
    },
  ]);

  // prep-1 (Wed 4 Mar) held in Birch, a room out of use now.
  const inBirch = (status: SessionStatus) =>
    snapshot({ sessions: fullPlan().map((s) => (s.id === "prep-1" ? { ...s, roomId: "r-old", status } : s)) });
  const p9 = (status: SessionStatus) => checkCycle(inBirch(status)).filter((v) => v.rule === "P9");

  it.each<SessionStatus>(["COMPLETED", "NO_SHOW", "CANCELLED"])("a %s session is history: a room out of use later does not flag it", (status) => {
    expect(p9(status)).toEqual([]);
  });

  it.each<SessionStatus>(["SCHEDULED", "CHECKED_IN"])("a %s session still to come is flagged in a room out of use", (status) => {
    expect(p9(status)).toEqual([
      { rule: "P9", sessionIds: ["prep-1"], message: "P9: room Birch is out of use; choose another room for the joint preparation on Wed 4 Mar." },
    ]);
  });
});
