// P4 Integration window: exactly one integration per medicine session, min–max calendar days
// later; medicine and integration move together; an integration is never cancelled alone.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { asNew, at, fullPlan, groundwork, make, SAM, snapshot, without, ZONE } from "./fixtures";
import { consequencesOf } from "@/lib/protocol/consequences";
import { evaluateChange } from "@/lib/protocol/engine";
import { nearestMedicineDays } from "@/lib/protocol/rules/p4-integration-window";

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
      sessions: ["int-1"],
    },
    {
      name: "only an integration links to a medicine session",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-12", "15:00", { medicineSessionId: "med-1" })),
      refused: "P4",
      says: ["only an integration belongs to a medicine session", "the couples therapy session on Thu 12 Mar"],
      sessions: ["ct-1"],
    },
    {
      name: "a medicine session cannot be moved alone, leaving its integration behind",
      cycle: plan(),
      change: { type: "move", sessionId: "med-1", ...slot("2026-03-13", "10:00", "13:00") },
      refused: "P4",
      // The clinic is closed on Sunday 15 Mar: only Saturday is offered.
      says: ["the integration for Sam's medicine session on Fri 13 Mar must be on Sat 14 Mar."],
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

// P4: the window's days are calendar days, but only days the clinic is open can hold the
// integration. The default clinic is open Mon–Sat; Sun 8 Mar is the spring change.
const monToFri = { openWeekdays: [1, 2, 3, 4, 5] };
const monWedFri = { openWeekdays: [1, 3, 5] };

describe("P4 offers only the days the clinic is open", () => {
  runCases([
    {
      name: "a refusal names only the open days of the window (no closed Sunday)",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-13"), make.integration("int-1", "med-1", "2026-03-17")),
      refused: "P4",
      says: ["P4: the integration for Sam's medicine session on Fri 13 Mar must be on Sat 14 Mar."],
      sessions: ["med-1", "int-1"],
    },
    {
      name: "a medicine session booked alone is told its integration's open days only",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-13")),
      refused: "P4",
      says: ["P4: Sam's medicine session on Fri 13 Mar needs its integration on Sat 14 Mar."],
    },
    {
      name: "an integration inside the window but on a closed day is refused, and the open day named",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-13"), make.integration("int-1", "med-1", "2026-03-15")),
      refused: "P4",
      says: ["P4: the integration for Sam's medicine session on Fri 13 Mar must be on Sat 14 Mar."],
      sessions: ["med-1", "int-1"],
      // Sunday is outside opening hours too.
      alsoRules: ["P10"],
    },
    {
      name: "across the spring change (Sun 8 Mar, closed): a Saturday session's integration is offered on Monday only",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-07")),
      refused: "P4",
      says: ["P4: Sam's medicine session on Sat 7 Mar needs its integration on Mon 9 Mar."],
    },
    {
      name: "across the spring change: Saturday to Monday is 2 calendar days (47 hours), inside",
      cycle: snapshot({ sessions: groundwork() }),
      change: book(make.turns("med-1", SAM, "2026-03-07", "16:00"), make.integration("int-1", "med-1", "2026-03-09", "08:00")),
      allowed: true,
    },
    {
      name: "a clinic closed on several days: the open days of a wide window are named one by one",
      cycle: snapshot({ sessions: groundwork(), settings: { ...monWedFri, integrationWindowDays: { min: 1, max: 5 } } }),
      change: book(make.turns("med-1", SAM, "2026-03-09")),
      refused: "P4",
      says: ["P4: Sam's medicine session on Mon 9 Mar needs its integration on Wed 11 Mar or Fri 13 Mar."],
    },
    {
      name: "a clinic closed on several days: an integration on a closed day between two open ones is refused",
      cycle: snapshot({ sessions: groundwork(), settings: { ...monWedFri, integrationWindowDays: { min: 1, max: 5 } } }),
      change: book(make.turns("med-1", SAM, "2026-03-09"), make.integration("int-1", "med-1", "2026-03-12")),
      refused: "P4",
      says: ["P4: the integration for Sam's medicine session on Mon 9 Mar must be on Wed 11 Mar or Fri 13 Mar."],
      alsoRules: ["P10"],
    },
    {
      name: "a clinic closed on several days: an integration on an open day of the window is booked",
      cycle: snapshot({ sessions: groundwork(), settings: { ...monWedFri, integrationWindowDays: { min: 1, max: 5 } } }),
      change: book(make.turns("med-1", SAM, "2026-03-09"), make.integration("int-1", "med-1", "2026-03-13")),
      allowed: true,
    },
    {
      name: "a window with no open day cannot be booked; the nearest dates before and after that work are named",
      cycle: snapshot({ sessions: groundwork(), settings: monToFri }),
      change: book(make.turns("med-1", SAM, "2026-03-13")),
      refused: "P4",
      says: [
        "P4: Sam's medicine session can't be on Fri 13 Mar: its integration would have to be on Sat 14 Mar or Sun 15 Mar, when the clinic is closed. The nearest dates that work are Thu 12 Mar and Mon 16 Mar.",
      ],
      sessions: ["med-1"],
    },
    {
      name: "a window with no open day: an integration after it does not help",
      cycle: snapshot({ sessions: groundwork(), settings: monToFri }),
      change: book(make.turns("med-1", SAM, "2026-03-13"), make.integration("int-1", "med-1", "2026-03-16")),
      refused: "P4",
      says: ["P4: Sam's medicine session can't be on Fri 13 Mar", "The nearest dates that work are Thu 12 Mar and Mon 16 Mar."],
      sessions: ["med-1", "int-1"],
    },
    {
      name: "a window with no open day, across the spring change: Sat 7 Mar's 1-day window is the closed Sunday",
      cycle: snapshot({ sessions: groundwork(), settings: { integrationWindowDays: { min: 1, max: 1 } } }),
      change: book(make.turns("med-1", SAM, "2026-03-07")),
      refused: "P4",
      says: ["P4: Sam's medicine session can't be on Sat 7 Mar: its integration would have to be on Sun 8 Mar, when the clinic is closed. The nearest dates that work are Fri 6 Mar and Mon 9 Mar."],
    },
    {
      name: "a window with no open day: with the clock known, a date already past is not offered",
      cycle: snapshot({ sessions: groundwork(), settings: monToFri }),
      change: book(make.turns("med-1", SAM, "2026-03-13")),
      options: { now: at("2026-03-13", "08:00") },
      refused: "P4",
      says: ["P4: Sam's medicine session can't be on Fri 13 Mar", "The nearest date that works is Mon 16 Mar."],
    },
    {
      name: "a window with no open day, and no date that works with these settings: says so",
      cycle: snapshot({ sessions: groundwork(), settings: { ...monWedFri, integrationWindowDays: { min: 1, max: 1 } } }),
      change: book(make.turns("med-1", SAM, "2026-03-09")),
      refused: "P4",
      says: ["P4: Sam's medicine session can't be on Mon 9 Mar: its integration would have to be on Tue 10 Mar, when the clinic is closed. No date works with the clinic's open days and an integration 1 day after"],
    },
    {
      name: "a medicine session cannot be moved (with its integration) onto a date whose window holds no open day",
      cycle: snapshot({ sessions: fullPlan(), settings: monToFri }),
      change: {
        type: "moveMany",
        moves: [
          { sessionId: "med-1", ...slot("2026-03-13", "10:00", "13:00") },
          { sessionId: "int-1", ...slot("2026-03-16", "10:00", "11:30") },
        ],
      },
      refused: "P4",
      says: ["P4: Sam's medicine session can't be on Fri 13 Mar", "The nearest dates that work are Thu 12 Mar and Mon 16 Mar."],
      sessions: ["med-1", "int-1"],
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

// The boundaries of P4 (issue 17): each side of each limit, and the exact result where the
// result is the behaviour.
describe("P4 at its boundaries", () => {
  runCases([
    {
      name: "with a 0-day minimum, an integration may start exactly when its medicine session ends",
      cycle: snapshot({ sessions: groundwork(), settings: { integrationWindowDays: { min: 0, max: 2 } } }),
      // Sam's medicine session is 10:00–13:00; the integration starts at 13:00 in another room.
      change: book(med, make.integration("int-1", "med-1", "2026-03-10", "13:00")),
      allowed: true,
    },
    {
      name: "with a 0-day minimum, an integration starting a minute before the medicine session ends is refused",
      cycle: snapshot({ sessions: groundwork(), settings: { integrationWindowDays: { min: 0, max: 2 } } }),
      change: book(med, make.integration("int-1", "med-1", "2026-03-10", "12:59")),
      refused: "P4",
      says: ["P4: the integration for Sam's medicine session on Tue 10 Mar must start after it ends at 13:00."],
      sessions: ["med-1", "int-1"],
      alsoRules: ["P8"],
    },
    {
      name: "a window with no open day: with the clock known, today itself is still offered",
      cycle: snapshot({ sessions: groundwork(), settings: monToFri }),
      change: book(make.turns("med-1", SAM, "2026-03-13")),
      options: { now: at("2026-03-12", "08:00") },
      refused: "P4",
      says: ["P4: Sam's medicine session can't be on Fri 13 Mar", "The nearest dates that work are Thu 12 Mar and Mon 16 Mar."],
    },
  ]);

  it("a session of another kind linked to a medicine session is refused alone, and is not counted as its integration", () => {
    const result = evaluateChange(plan(), book(make.couples("ct-1", "2026-03-12", "15:00", { medicineSessionId: "med-1" })));
    // Sam's medicine session still has exactly one integration (int-1): no "2 integrations".
    expect(result.violations).toEqual([
      {
        rule: "P4",
        sessionIds: ["ct-1"],
        message: "P4: only an integration belongs to a medicine session; the couples therapy session on Thu 12 Mar can't.",
      },
    ]);
  });

  it("an integration for one partner only is flagged on the integration, naming the partner to add", () => {
    const result = evaluateChange(
      snapshot({ sessions: groundwork() }),
      book(med, make.integration("int-1", "med-1", "2026-03-11", "10:00", { partnerIds: [SAM.id] })),
    );
    expect(result.violations).toEqual([
      { rule: "P4", sessionIds: ["int-1"], message: "P4: The integration on Wed 11 Mar is for both partners; add Alex." },
    ]);
  });
});

// Open days repeat weekly, so a week either way finds a date that works or shows there is none.
describe("nearestMedicineDays", () => {
  // Open Monday and Tuesday, integration the next day: only a Monday works (its integration is on
  // the Tuesday); a Tuesday's integration would fall on a closed Wednesday.
  const mondaysOnly = { openWeekdays: [1, 2], opensAtMinute: 480, closesAtMinute: 1200, integrationWindowDays: { min: 1, max: 1 }, timeZone: ZONE };

  it("finds the dates exactly a week before and after when only that weekday works", () => {
    expect(nearestMedicineDays("2026-03-09", mondaysOnly)).toEqual(["2026-03-02", "2026-03-16"]);
  });

  it("offers a date exactly on the earliest allowed day", () => {
    expect(nearestMedicineDays("2026-03-09", mondaysOnly, "2026-03-02")).toEqual(["2026-03-02", "2026-03-16"]);
  });

  it("offers no date before the earliest allowed day, and still the one after", () => {
    expect(nearestMedicineDays("2026-03-09", mondaysOnly, "2026-03-03")).toEqual(["2026-03-16"]);
  });

  it("finds nothing when no weekday works", () => {
    expect(nearestMedicineDays("2026-03-09", { ...mondaysOnly, openWeekdays: [1] })).toEqual([]);
  });
});
