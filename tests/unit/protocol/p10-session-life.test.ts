// P10 Order of a session's life, opening hours, the ride home at check-in, and the past.
import { describe, expect, it } from "vitest";
import { runCases, type Case } from "./cases";
import { ALEX, asNew, at, clearance, completed, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";
import { checkCycle, evaluateChange } from "@/lib/protocol/engine";
import type { ProposedChange, SessionStatus } from "@/lib/protocol/types";

const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });
const STATUSES: SessionStatus[] = ["SCHEDULED", "CHECKED_IN", "COMPLETED", "CANCELLED", "NO_SHOW"];
const withCouplesSession = (status: SessionStatus) =>
  snapshot({ sessions: [...fullPlan(), { ...make.couples("ct-1", "2026-03-12", "15:00"), status }] });

const CHANGES: [ProposedChange, SessionStatus, string][] = [
  [{ type: "move", sessionId: "ct-1", startsAt: at("2026-03-12", "16:00"), endsAt: at("2026-03-12", "17:00") }, "SCHEDULED", "moved"],
  [{ type: "cancel", sessionId: "ct-1" }, "SCHEDULED", "cancelled"],
  [{ type: "checkIn", sessionId: "ct-1" }, "SCHEDULED", "checked in"],
  [{ type: "complete", sessionId: "ct-1" }, "CHECKED_IN", "completed"],
  [{ type: "noShow", sessionId: "ct-1" }, "SCHEDULED", "marked as a no-show"],
];
const WORDS: Record<SessionStatus, string> = {
  SCHEDULED: "scheduled",
  CHECKED_IN: "checked in",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
  NO_SHOW: "a no-show",
};

describe("P10 a session's life: scheduled → checked in → completed, or cancelled / no-show", () => {
  runCases(
    CHANGES.flatMap(([change, from, verb]) =>
      STATUSES.map((status): Case =>
        status === from
          ? { name: `${change.type} from ${status}`, cycle: withCouplesSession(status), change, allowed: true }
          : {
              name: `${change.type} from ${status} is refused`,
              cycle: withCouplesSession(status),
              change,
              refused: "P10",
              says: [`The couples therapy session on Thu 12 Mar is ${WORDS[status]}; only a ${WORDS[from]} session can be ${verb}`],
              sessions: ["ct-1"],
            },
      ),
    ),
  );
});

describe("P10 booking, opening hours, the ride home and the past", () => {
  const ready = completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2");
  const checkIn = { type: "checkIn" as const, sessionId: "med-1" };
  runCases([
    {
      name: "a new session is booked as scheduled",
      cycle: snapshot({ sessions: fullPlan() }),
      change: { type: "book", sessions: [{ ...asNew(make.couples("ct-1", "2026-03-12")), status: "COMPLETED" }] },
      refused: "P10",
      says: ["The couples therapy session on Thu 12 Mar must be booked as scheduled, not completed"],
    },
    {
      name: "a session id cannot be booked twice",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("prep-1", "2026-03-12")),
      refused: "P10",
      says: ["is booked twice (session prep-1 already exists)"],
    },
    {
      name: "a change must name a session of this couple",
      cycle: snapshot({ sessions: fullPlan() }),
      change: { type: "cancel", sessionId: "nope" },
      refused: "P10",
      says: ["there is no session nope in this couple's schedule"],
    },
    {
      name: "one session is not moved twice in one change",
      cycle: snapshot({ sessions: fullPlan() }),
      change: {
        type: "moveMany",
        moves: [
          { sessionId: "int-1", startsAt: at("2026-03-11", "14:00"), endsAt: at("2026-03-11", "15:30") },
          { sessionId: "int-1", startsAt: at("2026-03-12", "14:00"), endsAt: at("2026-03-12", "15:30") },
        ],
      },
      refused: "P10",
      says: ["The integration on Wed 11 Mar is moved twice in one change"],
    },
    {
      name: "closed on Sunday",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-08", "10:00")),
      refused: "P10",
      says: ["The couples therapy session on Sun 8 Mar 10:00–11:00 is outside opening hours (Mon–Sat 08:00–20:00)"],
    },
    {
      name: "past closing time",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "19:30")),
      refused: "P10",
      says: ["19:30–20:30 is outside opening hours"],
    },
    {
      name: "up to closing time is fine",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "19:00")),
      allowed: true,
    },
    {
      name: "opening hours come from settings",
      cycle: snapshot({ sessions: fullPlan(), settings: { opensAtMinute: 9 * 60 + 30, openWeekdays: [1, 2, 3, 4, 5] } }),
      change: book(make.couples("ct-1", "2026-03-12", "09:00")),
      refused: "P10",
      says: ["outside opening hours (Mon–Fri 09:30–20:00)"],
    },
    {
      name: "a session ends after it starts",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book({ ...make.couples("ct-1", "2026-03-12", "15:00"), endsAt: at("2026-03-12", "15:00") }),
      refused: "P10",
      says: ["The couples therapy session on Thu 12 Mar must end after it starts"],
    },
    {
      name: "check-in needs the journeyer's ride home",
      cycle: snapshot({ sessions: ready }),
      change: checkIn,
      refused: "P10",
      says: ["record a ride home for Sam before checking in Sam's medicine session on Tue 10 Mar; no driving until the next day"],
      sessions: ["med-1"],
    },
    {
      name: "the sitter's ride home is not the journeyer's",
      cycle: snapshot({ sessions: ready, rideHomes: [{ sessionId: "med-1", clientId: ALEX.id }] }),
      change: checkIn,
      refused: "P10",
      says: ["record a ride home for Sam"],
    },
    {
      name: "a ride home for another session does not count",
      cycle: snapshot({ sessions: ready, rideHomes: [{ sessionId: "med-2", clientId: SAM.id }] }),
      change: checkIn,
      refused: "P10",
      says: ["record a ride home for Sam"],
    },
    {
      name: "Low Dose Together: neither partner drives",
      cycle: snapshot({
        model: "LOW_DOSE_TOGETHER",
        sessions: [...completed(without(groundwork(), "prep-1", "prep-2"), "in-sam", "in-alex"), make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")],
        clearances: [clearance("c-sam", SAM), clearance("c-alex", ALEX)],
        rideHomes: [{ sessionId: "ld-1", clientId: SAM.id }],
      }),
      change: { type: "checkIn", sessionId: "ld-1" },
      refused: "P10",
      says: ["record a ride home for Alex"],
    },
    {
      name: "the whole check-in gate met",
      cycle: snapshot({ sessions: ready, rideHomes: [{ sessionId: "med-1", clientId: SAM.id }] }),
      change: checkIn,
      allowed: true,
    },
    {
      name: "with now: nothing is booked in the past",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "15:00")),
      options: { now: at("2026-03-12", "15:30") },
      refused: "P10",
      says: ["The couples therapy session on Thu 12 Mar 15:00–16:00 is in the past"],
    },
    {
      name: "with now: nothing is moved into the past",
      cycle: snapshot({ sessions: fullPlan() }),
      change: { type: "move", sessionId: "int-2", startsAt: at("2026-03-18", "10:00"), endsAt: at("2026-03-18", "11:30") },
      options: { now: at("2026-03-18", "12:00") },
      refused: "P10",
      says: ["is in the past"],
    },
    {
      name: "with now: check-in on the session's own day",
      cycle: snapshot({ sessions: ready, rideHomes: [{ sessionId: "med-1", clientId: SAM.id }] }),
      change: checkIn,
      options: { now: at("2026-03-10", "09:40") },
      allowed: true,
    },
    {
      name: "with now: no check-in on another day",
      cycle: snapshot({ sessions: ready, rideHomes: [{ sessionId: "med-1", clientId: SAM.id }] }),
      change: checkIn,
      options: { now: at("2026-03-09", "09:40") },
      refused: "P10",
      says: ["Sam's medicine session on Tue 10 Mar can be checked in only on its day"],
    },
    {
      name: "with now: not completed before it starts",
      cycle: withCouplesSession("CHECKED_IN"),
      change: { type: "complete", sessionId: "ct-1" },
      options: { now: at("2026-03-12", "14:00") },
      refused: "P10",
      says: ["The couples therapy session on Thu 12 Mar has not started yet, so it can't be completed"],
    },
    {
      name: "with now: no no-show before it starts",
      cycle: withCouplesSession("SCHEDULED"),
      change: { type: "noShow", sessionId: "ct-1" },
      options: { now: at("2026-03-12", "14:00") },
      refused: "P10",
      says: ["has not started yet, so it can't be marked as a no-show"],
    },
  ]);

  it("a no-show is a fact: it is recorded even when a later medicine session loses its intake, which is then flagged", () => {
    const cycle = snapshot({ sessions: fullPlan() });
    expect(evaluateChange(cycle, { type: "noShow", sessionId: "in-sam" }).violations).toEqual([]);
    const after = snapshot({ sessions: fullPlan().map((s) => (s.id === "in-sam" ? { ...s, status: "NO_SHOW" as const } : s)) });
    expect(checkCycle(after).map((v) => v.message)).toContain(
      "P1: Sam needs an individual intake with their KAP therapist before Sam's medicine session on Tue 10 Mar.",
    );
  });
});
