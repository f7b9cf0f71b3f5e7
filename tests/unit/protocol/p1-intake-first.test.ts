// P1 Intake first: each partner's individual intake with their KAP therapist, before the first
// medicine session; booked at booking, completed at check-in.
import { describe } from "vitest";
import { runCases } from "./cases";
import { ALEX, asNew, at, completed, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";

// Preparations off, so that P2 does not also fire when an intake is missing.
const noPreps = { minPreparations: { TAKING_TURNS: 0, LOW_DOSE_TOGETHER: 0 } };
const medicine = [make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")];
const bookMedicine = { type: "book" as const, sessions: medicine.map(asNew) };
const cycleWith = (sessions: ReturnType<typeof groundwork>) => snapshot({ sessions, settings: noPreps });
const ready = completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2");
const rideHomes = [{ sessionId: "med-1", clientId: SAM.id }];

describe("P1 intake first", () => {
  runCases([
    { name: "allows a medicine session after both intakes", cycle: cycleWith(groundwork()), change: bookMedicine, allowed: true },
    {
      name: "allows a whole plan booked at once, intakes included",
      cycle: snapshot({ sessions: [] }),
      change: { type: "book", sessions: fullPlan().map(asNew) },
      allowed: true,
    },
    {
      name: "refuses a medicine session when a partner has no intake",
      cycle: cycleWith(without(groundwork(), "in-alex")),
      change: bookMedicine,
      refused: "P1",
      says: ["Alex needs an individual intake with their KAP therapist", "Sam's medicine session on Tue 10 Mar"],
      sessions: ["med-1"],
    },
    {
      name: "an intake with someone else's KAP therapist does not count",
      cycle: cycleWith([...without(groundwork(), "in-sam"), make.intake("in-sam", SAM, "2026-03-02", "09:00", { clinicianIds: [ALEX.kapTherapistId] })]),
      change: bookMedicine,
      refused: "P1",
      says: ["Sam needs an individual intake"],
    },
    {
      name: "a joint session is not an individual intake",
      cycle: cycleWith([...without(groundwork(), "in-sam"), make.intake("in-sam", SAM, "2026-03-02", "09:00", { partnerIds: [SAM.id, ALEX.id] })]),
      change: bookMedicine,
      refused: "P1",
      says: ["Sam needs an individual intake"],
    },
    {
      name: "an intake after the medicine session does not count",
      cycle: cycleWith([...without(groundwork(), "in-sam"), make.intake("in-sam", SAM, "2026-03-12")]),
      change: bookMedicine,
      refused: "P1",
      says: ["Sam needs an individual intake", "Tue 10 Mar"],
    },
    {
      name: "a cancelled intake does not count",
      cycle: cycleWith(groundwork().map((s) => (s.id === "in-sam" ? { ...s, status: "CANCELLED" as const } : s))),
      change: bookMedicine,
      refused: "P1",
      says: ["Sam needs an individual intake"],
    },
    {
      name: "an intake of another cycle does not count",
      cycle: cycleWith(groundwork().map((s) => (s.id === "in-sam" ? { ...s, cycleId: "cycle-0" } : s))),
      change: bookMedicine,
      refused: "P1",
      says: ["Sam needs an individual intake"],
    },
    {
      name: "refuses moving an intake past the medicine session that needs it",
      cycle: cycleWith([...groundwork(), ...medicine]),
      change: { type: "move", sessionId: "in-sam", startsAt: at("2026-03-12", "09:00"), endsAt: at("2026-03-12", "10:00") },
      refused: "P1",
      says: ["Sam needs an individual intake", "Sam's medicine session on Tue 10 Mar"],
      sessions: ["med-1"],
    },
    {
      name: "refuses cancelling an intake a booked medicine session needs",
      cycle: cycleWith([...groundwork(), ...medicine]),
      change: { type: "cancel", sessionId: "in-alex" },
      refused: "P1",
      says: ["Alex needs an individual intake"],
    },
    {
      name: "allows moving an intake earlier",
      cycle: cycleWith([...groundwork(), ...medicine]),
      change: { type: "move", sessionId: "in-sam", startsAt: at("2026-02-28", "09:00"), endsAt: at("2026-02-28", "10:00") },
      allowed: true,
    },
    {
      name: "at check-in, allows when both intakes are completed",
      cycle: snapshot({ sessions: ready, rideHomes }),
      change: { type: "checkIn", sessionId: "med-1" },
      allowed: true,
    },
    {
      name: "at check-in, a merely booked intake is not enough",
      cycle: snapshot({ sessions: completed(fullPlan(), "in-sam", "prep-1", "prep-2"), rideHomes, settings: noPreps }),
      change: { type: "checkIn", sessionId: "med-1" },
      refused: "P1",
      says: ["Alex has no completed intake", "Sam's medicine session on Tue 10 Mar", "can't be checked in"],
      sessions: ["med-1"],
    },
  ]);
});
