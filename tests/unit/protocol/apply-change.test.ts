// lib/protocol/apply-change.ts: the cycle as it would be after a change, which is what the engine
// judges. A move carries its new room with it; each status change lands on its session; a session
// moved twice in one change is refused, and the state judged beside it does not depend on the
// order of the moves.
import { describe, expect, it } from "vitest";
import { asNew, at, fullPlan, make, snapshot } from "./fixtures";
import { applyChange } from "@/lib/protocol/apply-change";
import { evaluateChange } from "@/lib/protocol/engine";
import type { ProposedChange, SessionStatus } from "@/lib/protocol/types";

const slot = (day: string, from: string, to: string) => ({ startsAt: at(day, from), endsAt: at(day, to) });
const plan = () => snapshot({ sessions: fullPlan() });
const roomOf = (change: ProposedChange, id: string) => applyChange(plan(), change).sessions.find((s) => s.id === id)?.roomId;

describe("a move takes the session into its new room, and the rules judge that room (P8, P9)", () => {
  it("a medicine session moved into a room that is not dosing-equipped is refused (P9)", () => {
    const move = { type: "move" as const, sessionId: "med-1", ...slot("2026-03-10", "10:00", "13:00"), roomId: "r-oak" };
    expect(evaluateChange(plan(), move).violations).toEqual([
      { rule: "P9", sessionIds: ["med-1"], message: "P9: Sam's medicine session on Tue 10 Mar needs a dosing-equipped room; Oak is not one." },
    ]);
  });

  it("the same in a move of several sessions", () => {
    const moves = {
      type: "moveMany" as const,
      moves: [
        { sessionId: "med-1", ...slot("2026-03-10", "11:00", "14:00"), roomId: "r-oak" },
        { sessionId: "int-1", ...slot("2026-03-11", "11:00", "12:30") },
      ],
    };
    expect(evaluateChange(plan(), moves).violations.map((v) => [v.rule, v.sessionIds])).toEqual([["P9", ["med-1"]]]);
  });

  it("a medicine session booked in the wrong room can be moved into the dosing room", () => {
    const inOak = snapshot({ sessions: fullPlan().map((s) => (s.id === "med-1" ? { ...s, roomId: "r-oak" } : s)) });
    const move = { type: "move" as const, sessionId: "med-1", ...slot("2026-03-10", "10:00", "13:00"), roomId: "r-dose" };
    expect(evaluateChange(inOak, move).violations).toEqual([]);
    expect(evaluateChange(inOak, { ...move, roomId: undefined }).violations.map((v) => v.rule)).toEqual(["P9"]);
  });

  it("a move into a room another session holds then is refused, naming the room (P8)", () => {
    // Wed 11 Mar: the integration is 10:00–11:30 in Oak; another session takes Willow at 12:00.
    // The same move at 12:00 is fine in Oak and refused in Willow.
    const cycle = snapshot({ sessions: [...fullPlan(), make.couples("ct-1", "2026-03-11", "12:00", { roomId: "r-willow", partnerIds: [], clinicianIds: ["t-other"] })] });
    const move = { type: "move" as const, sessionId: "int-1", ...slot("2026-03-11", "12:00", "13:30") };
    expect(evaluateChange(cycle, { ...move, roomId: "r-oak" }).violations).toEqual([]);
    const result = evaluateChange(cycle, { ...move, roomId: "r-willow" }).violations;
    expect(result.filter((v) => v.rule === "P8").map((v) => v.message)).toEqual([
      "P8: the couples therapy session on Wed 11 Mar 12:00–13:00 overlaps the integration on Wed 11 Mar 12:00–13:30; both need room Willow.",
    ]);
  });

  it("without a room the session keeps its own; a room of null means telehealth, which only a medical evaluation may use", () => {
    const move = { type: "move" as const, sessionId: "prep-1", ...slot("2026-03-04", "11:00", "12:30") };
    expect(roomOf(move, "prep-1")).toBe("r-oak");
    expect(roomOf({ ...move, roomId: "r-dose" }, "prep-1")).toBe("r-dose");
    expect(roomOf({ ...move, roomId: null }, "prep-1")).toBeNull();
    expect(evaluateChange(plan(), { ...move, roomId: null }).violations).toEqual([
      { rule: "P9", sessionIds: ["prep-1"], message: "P9: The joint preparation on Wed 4 Mar needs a room; only a medical evaluation can be held by telehealth." },
    ]);
  });
});

describe("each status change lands on its session", () => {
  const cases: [ProposedChange["type"], SessionStatus][] = [
    ["cancel", "CANCELLED"],
    ["checkIn", "CHECKED_IN"],
    ["complete", "COMPLETED"],
    ["noShow", "NO_SHOW"],
  ];
  it.each(cases)("%s makes it %s, and touches no other session", (type, status) => {
    const after = applyChange(snapshot({ sessions: fullPlan() }), { type, sessionId: "prep-1" } as ProposedChange);
    expect(after.sessions.find((s) => s.id === "prep-1")?.status).toBe(status);
    expect(after.sessions.filter((s) => s.id !== "prep-1").every((s) => s.status === "SCHEDULED")).toBe(true);
  });

  it("a no-show of a medicine session cancels its integration with it; completing it does not (P4)", () => {
    const statuses = (type: ProposedChange["type"]) =>
      Object.fromEntries(
        applyChange(plan(), { type, sessionId: "med-1" } as ProposedChange)
          .sessions.filter((s) => s.id === "med-1" || s.id === "int-1")
          .map((s) => [s.id, s.status]),
      );
    expect(statuses("noShow")).toEqual({ "med-1": "NO_SHOW", "int-1": "CANCELLED" });
    expect(statuses("complete")).toEqual({ "med-1": "COMPLETED", "int-1": "SCHEDULED" });
  });
});

describe("booking", () => {
  it("a plan that books the same id twice is refused (P10), even when neither copy exists yet", () => {
    const twice = [make.couples("ct-1", "2026-03-12", "15:00"), make.couples("ct-1", "2026-03-12", "17:00")].map(asNew);
    expect(evaluateChange(plan(), { type: "book", sessions: twice }).violations).toEqual([
      { rule: "P10", sessionIds: ["ct-1"], message: "P10: The couples therapy session on Thu 12 Mar is booked twice (session ct-1 already exists)." },
    ]);
  });
});

describe("a session moved twice in one change", () => {
  const inside = { sessionId: "int-1", ...slot("2026-03-11", "14:00", "15:30") };
  const outside = { sessionId: "int-1", ...slot("2026-03-13", "10:00", "11:30") };

  it("is refused (P10), and the state judged beside it is the same whichever move is listed last: the later move stands", () => {
    const results = [
      [inside, outside],
      [outside, inside],
    ].map((moves) => evaluateChange(plan(), { type: "moveMany", moves }).violations);
    expect(results[1]).toEqual(results[0]);
    expect(results[0].map((v) => v.message)).toEqual([
      "P4: the integration for Sam's medicine session on Tue 10 Mar must be on Wed 11 Mar or Thu 12 Mar.",
      "P10: The integration on Wed 11 Mar is moved twice in one change.",
    ]);
  });
});
