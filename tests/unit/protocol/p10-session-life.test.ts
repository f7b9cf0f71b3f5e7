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
  [{ type: "moveMany", moves: [{ sessionId: "ct-1", startsAt: at("2026-03-12", "16:00"), endsAt: at("2026-03-12", "17:00") }] }, "SCHEDULED", "moved"],
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
      sessions: ["ct-1"],
    },
    {
      name: "a session id cannot be booked twice",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("prep-1", "2026-03-12")),
      refused: "P10",
      says: ["P10: The couples therapy session on Thu 12 Mar is booked twice (session prep-1 already exists)."],
      sessions: ["prep-1"],
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
      sessions: ["ct-1"],
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

describe("P10 booking: each new id once, booked as scheduled", () => {
  runCases([
    {
      name: "one change cannot book the same new id twice",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "15:00"), make.couples("ct-1", "2026-03-13", "15:00")),
      refused: "P10",
      says: ["P10: The couples therapy session on Fri 13 Mar is booked twice (session ct-1 already exists)."],
      sessions: ["ct-1"],
    },
    {
      name: "two new sessions with their own ids are booked together",
      cycle: snapshot({ sessions: fullPlan() }),
      change: book(make.couples("ct-1", "2026-03-12", "15:00"), make.couples("ct-2", "2026-03-13", "15:00")),
      allowed: true,
    },
    {
      name: "a new session that says it is scheduled is booked",
      cycle: snapshot({ sessions: fullPlan() }),
      change: { type: "book", sessions: [{ ...asNew(make.couples("ct-1", "2026-03-12")), status: "SCHEDULED" }] },
      allowed: true,
    },
  ]);
});

describe("P10 opening hours bind sessions still to come, not history", () => {
  // The clinic closes at 19:30 from now on; a 19:00–20:00 session on Thu 12 Mar was in the old hours.
  const late = (status: SessionStatus) =>
    snapshot({
      sessions: [...fullPlan(), { ...make.couples("ct-1", "2026-03-12", "19:00"), status }],
      settings: { closesAtMinute: 19 * 60 + 30 },
    });
  const p10 = (status: SessionStatus) => checkCycle(late(status)).filter((v) => v.rule === "P10");
  const flagged = {
    rule: "P10",
    sessionIds: ["ct-1"],
    message: "P10: The couples therapy session on Thu 12 Mar 19:00–20:00 is outside opening hours (Mon–Sat 08:00–19:30).",
  };

  it.each(["SCHEDULED", "CHECKED_IN"] as const)("a %s session outside opening hours is flagged", (status) => {
    expect(p10(status)).toEqual([flagged]);
  });
  it.each(["COMPLETED", "CANCELLED", "NO_SHOW"] as const)("a %s session outside opening hours is history: not flagged", (status) => {
    expect(p10(status)).toEqual([]);
  });
  it("a cancelled session's times are not judged either (one that ends when it starts)", () => {
    const cycle = snapshot({
      sessions: [...fullPlan(), { ...make.couples("ct-1", "2026-03-12", "15:00"), endsAt: at("2026-03-12", "15:00"), status: "CANCELLED" }],
    });
    expect(checkCycle(cycle)).toEqual([]);
  });
});

describe("P10 against the clock (now): the allowed side and the exact boundary", () => {
  const plan = () => snapshot({ sessions: fullPlan() });
  const bookAt15 = book(make.couples("ct-1", "2026-03-12", "15:00"));
  const inThePast = "P10: The couples therapy session on Thu 12 Mar 15:00–16:00 is in the past.";
  const moveInt2 = { type: "move" as const, sessionId: "int-2", startsAt: at("2026-03-18", "10:00"), endsAt: at("2026-03-18", "11:30") };
  const ready = completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2");
  const readyToCheckIn = () => snapshot({ sessions: ready, rideHomes: [{ sessionId: "med-1", clientId: SAM.id }] });
  const checkIn = { type: "checkIn" as const, sessionId: "med-1" };
  const onlyOnItsDay = "P10: Sam's medicine session on Tue 10 Mar can be checked in only on its day.";
  const complete = { type: "complete" as const, sessionId: "ct-1" };
  const noShow = { type: "noShow" as const, sessionId: "ct-1" };

  runCases([
    // Booking: nothing starts before now; starting at now or later is fine.
    { name: "booking a session that starts later is allowed", cycle: plan(), change: bookAt15, options: { now: at("2026-03-12", "14:59") }, allowed: true },
    { name: "booking a session that starts exactly now is allowed", cycle: plan(), change: bookAt15, options: { now: at("2026-03-12", "15:00") }, allowed: true },
    {
      name: "booking a session that started a minute ago is refused",
      cycle: plan(),
      change: bookAt15,
      options: { now: at("2026-03-12", "15:01") },
      refused: "P10",
      says: [inThePast],
      sessions: ["ct-1"],
    },
    // Moving: the new start is what counts, at now or later.
    { name: "moving a session to later is allowed", cycle: plan(), change: moveInt2, options: { now: at("2026-03-18", "09:00") }, allowed: true },
    { name: "moving a session to start exactly now is allowed", cycle: plan(), change: moveInt2, options: { now: at("2026-03-18", "10:00") }, allowed: true },
    {
      name: "moving a session to a minute ago is refused",
      cycle: plan(),
      change: moveInt2,
      options: { now: at("2026-03-18", "10:01") },
      refused: "P10",
      says: ["P10: The integration on Wed 18 Mar 10:00–11:30 is in the past."],
      sessions: ["int-2"],
    },
    {
      name: "moving a session whose old time is long gone to the future is allowed (only the new start counts)",
      cycle: plan(),
      change: { type: "move", sessionId: "prep-2", startsAt: at("2026-03-07", "09:00"), endsAt: at("2026-03-07", "10:30") },
      options: { now: at("2026-03-06", "12:00") },
      allowed: true,
    },
    // Cancelling is not held to the clock.
    { name: "cancelling a session before it starts is allowed", cycle: withCouplesSession("SCHEDULED"), change: { type: "cancel", sessionId: "ct-1" }, options: { now: at("2026-03-12", "09:00") }, allowed: true },
    // Check-in: any time on the session's own clinic day, midnight to midnight in the clinic's zone.
    { name: "check-in at the first minute of its day", cycle: readyToCheckIn(), change: checkIn, options: { now: at("2026-03-10", "00:00") }, allowed: true },
    { name: "check-in late on its day, after its start", cycle: readyToCheckIn(), change: checkIn, options: { now: at("2026-03-10", "23:59") }, allowed: true },
    {
      name: "no check-in at the last minute of the day before",
      cycle: readyToCheckIn(),
      change: checkIn,
      options: { now: at("2026-03-09", "23:59") },
      refused: "P10",
      says: [onlyOnItsDay],
      sessions: ["med-1"],
    },
    {
      name: "no check-in at the first minute of the day after",
      cycle: readyToCheckIn(),
      change: checkIn,
      options: { now: at("2026-03-11", "00:00") },
      refused: "P10",
      says: [onlyOnItsDay],
      sessions: ["med-1"],
    },
    // Completing: from its start on, on its day or any later day.
    { name: "completing at the session's start is allowed", cycle: withCouplesSession("CHECKED_IN"), change: complete, options: { now: at("2026-03-12", "15:00") }, allowed: true },
    { name: "completing after the session's end is allowed", cycle: withCouplesSession("CHECKED_IN"), change: complete, options: { now: at("2026-03-12", "16:10") }, allowed: true },
    { name: "completing on a later day is allowed (it is not checked in)", cycle: withCouplesSession("CHECKED_IN"), change: complete, options: { now: at("2026-03-13", "09:00") }, allowed: true },
    {
      name: "completing a minute before the start is refused",
      cycle: withCouplesSession("CHECKED_IN"),
      change: complete,
      options: { now: at("2026-03-12", "14:59") },
      refused: "P10",
      says: ["P10: The couples therapy session on Thu 12 Mar has not started yet, so it can't be completed."],
      sessions: ["ct-1"],
    },
    // A no-show: likewise.
    { name: "a no-show at the session's start is allowed", cycle: withCouplesSession("SCHEDULED"), change: noShow, options: { now: at("2026-03-12", "15:00") }, allowed: true },
    { name: "a no-show recorded on a later day is allowed", cycle: withCouplesSession("SCHEDULED"), change: noShow, options: { now: at("2026-03-13", "09:00") }, allowed: true },
    {
      name: "a no-show a minute before the start is refused",
      cycle: withCouplesSession("SCHEDULED"),
      change: noShow,
      options: { now: at("2026-03-12", "14:59") },
      refused: "P10",
      says: ["P10: The couples therapy session on Thu 12 Mar has not started yet, so it can't be marked as a no-show."],
      sessions: ["ct-1"],
    },
  ]);

  it("in one change, only the move into the past is refused", () => {
    const change: ProposedChange = {
      type: "moveMany",
      moves: [
        { sessionId: "int-1", startsAt: at("2026-03-11", "14:00"), endsAt: at("2026-03-11", "15:30") },
        { sessionId: "int-2", startsAt: at("2026-03-18", "10:00"), endsAt: at("2026-03-18", "11:30") },
      ],
    };
    expect(evaluateChange(plan(), change, { now: at("2026-03-11", "14:01") }).violations).toEqual([
      { rule: "P10", sessionIds: ["int-1"], message: "P10: The integration on Wed 11 Mar 14:00–15:30 is in the past." },
    ]);
  });
});
