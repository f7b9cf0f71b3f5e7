// P8 No double booking within what the engine can see: room, clinician, partner.
import { describe } from "vitest";
import { runCases } from "./cases";
import { ALEX, asNew, at, COUPLES_THERAPIST, fullPlan, make, PSYCHIATRIST, SAM, snapshot } from "./fixtures";

const plan = () => snapshot({ sessions: fullPlan() });
const book = (...sessions: ReturnType<typeof make.intake>[]) => ({ type: "book" as const, sessions: sessions.map(asNew) });
// prep-1 is Wed 4 Mar 09:00–10:30 in Oak with both partners and Dr Park.

describe("P8 no double booking", () => {
  runCases([
    {
      name: "same room at the same time",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-04", "10:00", { partnerIds: [], clinicianIds: ["t-other"] })),
      refused: "P8",
      says: ["the joint preparation on Wed 4 Mar 09:00–10:30 overlaps the couples therapy session on Wed 4 Mar 10:00–11:00", "both need room Oak"],
      sessions: ["prep-1", "ct-1"],
    },
    {
      name: "same partner in another room",
      cycle: plan(),
      change: book(make.intake("in-x", SAM, "2026-03-04", "10:00", { roomId: "r-willow" })),
      refused: "P8",
      says: ["overlaps Sam's intake on Wed 4 Mar 10:00–11:00", "both need Sam"],
    },
    {
      name: "same clinician with another couple's partner elsewhere",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-04", "10:00", { roomId: "r-willow", partnerIds: [], clinicianIds: [COUPLES_THERAPIST] })),
      refused: "P8",
      says: ["both need Dr Park"],
    },
    {
      name: "everything shared is listed",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-04", "10:00")),
      refused: "P8",
      says: ["both need room Oak, Alex, Sam and Dr Park"],
    },
    {
      name: "touching sessions are fine",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-04", "10:30")),
      allowed: true,
    },
    {
      name: "a cancelled session does not count",
      cycle: snapshot({ sessions: fullPlan().map((s) => (s.id === "prep-1" ? { ...s, status: "CANCELLED" as const } : s)) }),
      change: book(make.couples("ct-1", "2026-03-04", "10:00")),
      allowed: true,
    },
    {
      name: "a no-show still counts (as in the database)",
      cycle: snapshot({ sessions: fullPlan().map((s) => (s.id === "in-sam" ? { ...s, status: "NO_SHOW" as const } : s)) }),
      change: book(make.intake("in-x", SAM, "2026-03-02", "09:30", { roomId: "r-willow" })),
      refused: "P8",
      says: ["both need Sam"],
      // The booked medicine session also lost Sam's intake when it became a no-show, but that
      // flag was there before this change.
    },
    {
      name: "ordinary couples therapy outside the cycle counts",
      cycle: snapshot({ sessions: [...fullPlan(), make.couples("ct-1", "2026-03-12", "15:00")] }),
      change: book(make.intake("in-x", ALEX, "2026-03-12", "15:30", { roomId: "r-willow" })),
      refused: "P8",
      says: ["both need Alex"],
    },
    {
      name: "moving into an overlap is refused",
      cycle: plan(),
      change: { type: "move", sessionId: "int-1", startsAt: at("2026-03-10", "12:00"), endsAt: at("2026-03-10", "13:30") },
      refused: "P8",
      says: ["Sam's medicine session on Tue 10 Mar 10:00–13:00 overlaps the integration on Tue 10 Mar 12:00–13:30"],
      alsoRules: ["P4"],
    },
  ]);
});

// What "sharing" and "overlapping" mean at their edges (issue 17).
describe("P8 at its edges", () => {
  // Sam's telehealth evaluation with Dr Roy, Thu 12 Mar 15:00–16:00.
  const withEvaluation = () => snapshot({ sessions: [...fullPlan(), make.evaluation("ev-sam", SAM, "2026-03-12", "15:00")] });

  runCases([
    {
      name: "overlapping sessions that share no room, partner or clinician are fine",
      cycle: plan(),
      change: book(make.couples("ct-1", "2026-03-04", "10:00", { roomId: "r-willow", partnerIds: [], clinicianIds: ["t-other"] })),
      allowed: true,
    },
    {
      name: "two telehealth sessions at once share no room: different partners and clinicians are fine",
      cycle: withEvaluation(),
      change: book(make.evaluation("ev-alex", ALEX, "2026-03-12", "15:30", { clinicianIds: ["doc-2"] })),
      allowed: true,
    },
    {
      name: "two telehealth sessions with the same clinician: the clinician is shared, not a room",
      cycle: withEvaluation(),
      change: book(make.evaluation("ev-alex", ALEX, "2026-03-12", "15:30", { clinicianIds: [PSYCHIATRIST] })),
      refused: "P8",
      says: ["P8: Sam's medical evaluation on Thu 12 Mar 15:00–16:00 overlaps Alex's medical evaluation on Thu 12 Mar 15:30–16:30; both need Dr Roy."],
      sessions: ["ev-sam", "ev-alex"],
    },
    {
      name: "a shared room that is not one of the clinic's is still a shared room",
      cycle: snapshot({ sessions: [...fullPlan(), make.couples("ct-1", "2026-03-12", "15:00", { roomId: "r-nowhere", partnerIds: [], clinicianIds: ["t-one"] })] }),
      change: book(make.couples("ct-2", "2026-03-12", "15:30", { roomId: "r-nowhere", partnerIds: [], clinicianIds: ["t-two"] })),
      refused: "P8",
      says: ["both need room (unknown)."],
      sessions: ["ct-1", "ct-2"],
      alsoRules: ["P9"],
    },
    {
      // prep-1 is 09:00–10:30 in Oak; this session would start at 10:00 and end at 09:00. It
      // takes up no time, so it overlaps nothing: P10 alone refuses it.
      name: "a session that ends before it starts overlaps nothing (P10 refuses it)",
      cycle: plan(),
      change: book({ ...make.couples("ct-1", "2026-03-04", "10:00"), endsAt: at("2026-03-04", "09:00") }),
      refused: "P10",
      says: ["The couples therapy session on Wed 4 Mar must end after it starts."],
    },
  ]);
});
