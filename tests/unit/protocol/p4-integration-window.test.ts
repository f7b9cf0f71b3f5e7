// P4 Integration window: exactly one integration per medicine session, min–max calendar days
// later; medicine and integration move together; an integration is never cancelled alone.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { asNew, at, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";
import { consequencesOf } from "@/lib/protocol/consequences";
import { evaluateChange } from "@/lib/protocol/engine";

const med = make.turns("med-1", SAM, "2026-03-10");
const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });
const plan = () => snapshot({ sessions: fullPlan() });
const slot = (day: string, from: string, to: string) => ({ startsAt: at(day, from), endsAt: at(day, to) });

describe("P4 integration window", () => {
  runCases([
    { name: "integration the next day", cycle: snapshot({ sessions: groundwork() }), change: book(med, make.integration("int-1", "med-1", "2026-03-11")), allowed: true },
    { name: "integration two days later", cycle: snapshot({ sessions: groundwork() }), change: book(med, make.integration("int-1", "med-1", "2026-03-12")), allowed: true },
    {
      name: "a medicine session cannot be booked without its integration",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(med),
      refused: "P4",
      says: ["P4: Sam's medicine session on Tue 10 Mar needs its integration on Wed 11 Mar or Thu 12 Mar."],
      sessions: ["med-1"],
    },
    {
      name: "integration three days later is outside the window (the rule book's example sentence)",
      cycle: snapshot({ sessions: without(groundwork(), "prep-1", "prep-2"), settings: { minPreparations: { TAKING_TURNS: 0, LOW_DOSE_TOGETHER: 0 } } }),
      change: book(make.turns("med-1", SAM, "2026-03-03"), make.integration("int-1", "med-1", "2026-03-06")),
      refused: "P4",
      says: ["P4: the integration for Sam's medicine session on Tue 3 Mar must be on Wed 4 Mar or Thu 5 Mar."],
      sessions: ["med-1", "int-1"],
    },
    {
      name: "integration on the same day is outside a 1–2 day window",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(med, make.integration("int-1", "med-1", "2026-03-10", "14:00")),
      refused: "P4",
      says: ["must be on Wed 11 Mar or Thu 12 Mar"],
    },
    {
      name: "with a 0-day minimum, a same-day integration must still start after the medicine session ends",
      cycle: snapshot({ sessions: groundwork(), settings: { integrationWindowDays: { min: 0, max: 2 } } }),
      change: book(med, make.integration("int-1", "med-1", "2026-03-10", "12:00", { roomId: "r-willow", clinicianIds: [] })),
      refused: "P4",
      says: ["must start after it ends at 13:00"],
      // The partners would be in both sessions at once.
      alsoRules: ["P8"],
    },
    {
      name: "the window comes from settings",
      cycle: snapshot({ sessions: groundwork(), settings: { integrationWindowDays: { min: 1, max: 3 } } }),
      change: book(med, make.integration("int-1", "med-1", "2026-03-13")),
      allowed: true,
    },
    {
      name: "a wider window is spelled out in the message",
      cycle: snapshot({ sessions: groundwork(), settings: { integrationWindowDays: { min: 1, max: 3 } } }),
      change: book(med, make.integration("int-1", "med-1", "2026-03-14")),
      refused: "P4",
      says: ["must be on Wed 11 Mar, Thu 12 Mar or Fri 13 Mar"],
    },
    {
      name: "exactly one integration: a second one is refused",
      cycle: plan(),
      change: book(make.integration("int-1b", "med-1", "2026-03-12")),
      refused: "P4",
      says: ["Sam's medicine session on Tue 10 Mar has 2 integrations; it must have exactly one"],
      sessions: ["med-1", "int-1", "int-1b"],
    },
    {
      name: "an integration must belong to a medicine session of this couple",
      cycle: plan(),
      change: book(make.integration("int-x", "someone-elses-medicine", "2026-03-12")),
      refused: "P4",
      says: ["The integration on Thu 12 Mar must belong to one of this couple's medicine sessions"],
    },
    {
      name: "an integration cannot belong to a preparation",
      cycle: plan(),
      change: book(make.integration("int-x", "prep-1", "2026-03-12")),
      refused: "P4",
      says: ["must belong to one of this couple's medicine sessions"],
    },
    {
      name: "an integration is for both partners",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(med, make.integration("int-1", "med-1", "2026-03-11", "10:00", { partnerIds: [SAM.id] })),
      refused: "P4",
      says: ["is for both partners; add Alex"],
    },
    {
      name: "only an integration links to a medicine session",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-12", "15:00", { medicineSessionId: "med-1" })),
      refused: "P4",
      says: ["only an integration belongs to a medicine session", "the couples therapy session on Thu 12 Mar"],
    },
    {
      name: "a medicine session cannot be moved alone, leaving its integration behind",
      cycle: plan(),
      change: { type: "move", sessionId: "med-1", ...slot("2026-03-13", "10:00", "13:00") },
      refused: "P4",
      says: ["the integration for Sam's medicine session on Fri 13 Mar must be on Sat 14 Mar or Sun 15 Mar"],
      sessions: ["med-1", "int-1"],
    },
    {
      name: "a medicine session and its integration move together",
      cycle: plan(),
      change: {
        type: "moveMany",
        moves: [
          { sessionId: "med-1", ...slot("2026-03-12", "10:00", "13:00") },
          { sessionId: "int-1", ...slot("2026-03-13", "10:00", "11:30") },
        ],
      },
      allowed: true,
    },
    {
      name: "an integration moves inside its window",
      cycle: plan(),
      change: { type: "move", sessionId: "int-1", ...slot("2026-03-12", "10:00", "11:30") },
      allowed: true,
    },
    {
      name: "an integration cannot be moved out of its window",
      cycle: plan(),
      change: { type: "move", sessionId: "int-1", ...slot("2026-03-13", "10:00", "11:30") },
      refused: "P4",
      says: ["the integration for Sam's medicine session on Tue 10 Mar must be on Wed 11 Mar or Thu 12 Mar"],
      sessions: ["med-1", "int-1"],
    },
    {
      name: "an integration cannot be cancelled while its medicine session stands",
      cycle: plan(),
      change: { type: "cancel", sessionId: "int-1" },
      refused: "P4",
      says: ["Sam's medicine session on Tue 10 Mar needs its integration"],
    },
    {
      name: "cancelling the medicine session is allowed: its integration goes with it",
      cycle: plan(),
      change: { type: "cancel", sessionId: "med-1" },
      allowed: true,
    },
    {
      name: "a live integration of a cancelled medicine session is flagged when touched",
      cycle: snapshot({ sessions: [...without(fullPlan(), "med-1"), { ...make.turns("med-1", SAM, "2026-03-10"), status: "CANCELLED" }] }),
      change: { type: "move", sessionId: "int-1", ...slot("2026-03-12", "10:00", "11:30") },
      refused: "P4",
      says: ["The integration on Thu 12 Mar belongs to Sam's medicine session on Tue 10 Mar, which is cancelled; cancel the integration too"],
    },
  ]);
});

describe("consequencesOf: cancelling a medicine session cancels its integration", () => {
  it("names the integration to cancel with a medicine session", () => {
    expect(consequencesOf(plan(), { type: "cancel", sessionId: "med-1" })).toEqual({ cancelIntegrationIds: ["int-1"] });
    expect(consequencesOf(plan(), { type: "noShow", sessionId: "med-2" })).toEqual({ cancelIntegrationIds: ["int-2"] });
  });

  it("names nothing for other sessions and other changes", () => {
    expect(consequencesOf(plan(), { type: "cancel", sessionId: "prep-1" })).toEqual({ cancelIntegrationIds: [] });
    expect(consequencesOf(plan(), { type: "cancel", sessionId: "int-1" })).toEqual({ cancelIntegrationIds: [] });
    expect(consequencesOf(plan(), { type: "checkIn", sessionId: "med-1" })).toEqual({ cancelIntegrationIds: [] });
    expect(consequencesOf(plan(), { type: "cancel", sessionId: "nope" })).toEqual({ cancelIntegrationIds: [] });
  });

  it("skips integrations already cancelled", () => {
    const cycle = snapshot({
      sessions: [...fullPlan(), { ...make.integration("int-old", "med-1", "2026-03-12"), status: "CANCELLED" }],
    });
    expect(consequencesOf(cycle, { type: "cancel", sessionId: "med-1" }).cancelIntegrationIds).toEqual(["int-1"]);
  });

  it("without the consequence, the cancelled medicine session would leave a stray integration", () => {
    // What the caller would get by cancelling the medicine session but not its integration.
    const cancelledAlone = snapshot({ sessions: fullPlan().map((s) => (s.id === "med-1" ? { ...s, status: "CANCELLED" as const } : s)) });
    const touch = evaluateChange(cancelledAlone, { type: "move", sessionId: "int-1", ...slot("2026-03-11", "10:00", "11:30") });
    expect(touch.violations.map((v) => v.rule)).toContain("P4");
  });
});
