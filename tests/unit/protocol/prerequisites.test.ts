// What a medicine session needs beforehand (P1 intakes, P2 preparations, P3 clearance), read by
// the rules and the status panel alike: each helper on its own, at the edges where a session or
// a date only just counts, and the engine's answer at those same edges.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { ALEX, asNew, at, clearance, completed, fullPlan, groundwork, make, SAM, snapshot, without } from "./fixtures";
import {
  clearanceLastDay,
  intakesOf,
  pendingEvaluationOf,
  preparationsOf,
  prerequisiteTargets,
  validClearanceOf,
} from "@/lib/protocol/prerequisites";
import type { SnapshotSession } from "@/lib/protocol/types";

const ids = (sessions: SnapshotSession[]) => sessions.map((s) => s.id);
const withStatus = (s: SnapshotSession, status: SnapshotSession["status"]): SnapshotSession => ({ ...s, status });

describe("prerequisiteTargets: which medicine sessions P1 and P2 check, and at which strength", () => {
  it("nothing to check before a medicine session is booked", () => {
    expect(prerequisiteTargets(snapshot({ sessions: groundwork() }))).toEqual([]);
  });

  it("the first medicine session at booking strength; each one past its check-in at completed strength", () => {
    const targets = (sessions: SnapshotSession[]) => prerequisiteTargets(snapshot({ sessions })).map(([m, strength]) => [m.id, strength]);
    expect(targets(fullPlan())).toEqual([["med-1", "booked"]]);
    const checkedIn = fullPlan().map((s) => (s.id === "med-1" ? withStatus(s, "CHECKED_IN") : s));
    expect(targets(checkedIn)).toEqual([
      ["med-1", "booked"],
      ["med-1", "completed"],
    ]);
    const secondStarted = completed(fullPlan(), "med-1").map((s) => (s.id === "med-2" ? withStatus(s, "CHECKED_IN") : s));
    expect(targets(secondStarted)).toEqual([
      ["med-1", "booked"],
      ["med-1", "completed"],
      ["med-2", "completed"],
    ]);
  });
});

describe("intakesOf (P1): the partner's own individual intake with their KAP therapist", () => {
  const medicineStart = at("2026-03-10", "10:00");

  it("an intake ending exactly when the medicine session starts counts (back to back); one ending a minute later does not", () => {
    const backToBack = make.intake("in-sam", SAM, "2026-03-10", "09:00");
    expect(ids(intakesOf(snapshot({ sessions: [backToBack] }), SAM, medicineStart, "booked"))).toEqual(["in-sam"]);
    const overrunning = { ...backToBack, endsAt: at("2026-03-10", "10:01") };
    expect(intakesOf(snapshot({ sessions: [overrunning] }), SAM, medicineStart, "booked")).toEqual([]);
  });

  it("with no medicine session booked (the status panel), any intake counts, however late", () => {
    const late = make.intake("in-sam", SAM, "2026-12-01");
    expect(ids(intakesOf(snapshot({ sessions: [late] }), SAM, null, "booked"))).toEqual(["in-sam"]);
  });

  it("a session of another kind is not an intake, even one-to-one with the partner's KAP therapist", () => {
    const withOwnTherapist = { partnerIds: [SAM.id], clinicianIds: [SAM.kapTherapistId], cycleId: undefined };
    const sessions = [
      make.evaluation("ev-sam", SAM, "2026-03-02", "09:00", withOwnTherapist),
      make.couples("ct-sam", "2026-03-02", "11:00", withOwnTherapist),
      make.prep("prep-sam", "2026-03-02", "13:00", withOwnTherapist),
    ];
    expect(intakesOf(snapshot({ sessions }), SAM, medicineStart, "booked")).toEqual([]);
    expect(ids(intakesOf(snapshot({ sessions: [...sessions, make.intake("in-sam", SAM, "2026-03-03")] }), SAM, medicineStart, "booked"))).toEqual(["in-sam"]);
  });

  it("a joint intake is nobody's individual intake, whichever partner is listed first", () => {
    const bothTherapists = [SAM.kapTherapistId, ALEX.kapTherapistId];
    const samFirst = make.intake("in-joint", SAM, "2026-03-02", "09:00", { partnerIds: [SAM.id, ALEX.id], clinicianIds: bothTherapists });
    const alexFirst = { ...samFirst, partnerIds: [ALEX.id, SAM.id] };
    for (const joint of [samFirst, alexFirst]) {
      expect(intakesOf(snapshot({ sessions: [joint] }), SAM, medicineStart, "booked")).toEqual([]);
      expect(intakesOf(snapshot({ sessions: [joint] }), ALEX, medicineStart, "booked")).toEqual([]);
    }
  });

  it("the other partner's intake is not this partner's, even with this partner's KAP therapist in it", () => {
    const alexsIntake = make.intake("in-alex", ALEX, "2026-03-02", "11:00", { clinicianIds: [ALEX.kapTherapistId, SAM.kapTherapistId] });
    const cycle = snapshot({ sessions: [alexsIntake] });
    expect(intakesOf(cycle, SAM, medicineStart, "booked")).toEqual([]);
    expect(ids(intakesOf(cycle, ALEX, medicineStart, "booked"))).toEqual(["in-alex"]);
  });

  it("booked strength counts scheduled, checked-in and completed intakes; completed strength only completed ones", () => {
    const intake = make.intake("in-sam", SAM, "2026-03-02");
    const counted = (status: SnapshotSession["status"], strength: "booked" | "completed") =>
      intakesOf(snapshot({ sessions: [withStatus(intake, status)] }), SAM, medicineStart, strength).length;
    expect((["SCHEDULED", "CHECKED_IN", "COMPLETED", "CANCELLED", "NO_SHOW"] as const).map((st) => counted(st, "booked"))).toEqual([1, 1, 1, 0, 0]);
    expect((["SCHEDULED", "CHECKED_IN", "COMPLETED", "CANCELLED", "NO_SHOW"] as const).map((st) => counted(st, "completed"))).toEqual([0, 0, 1, 0, 0]);
  });
});

describe("preparationsOf (P2): joint preparations after both intakes", () => {
  const medicineStart = at("2026-03-10", "10:00");

  it("another joint session after both intakes is not a preparation", () => {
    const inCycle = { cycleId: undefined };
    const sessions = [
      ...groundwork(),
      make.couples("ct-1", "2026-03-05", "15:00", inCycle),
      { ...make.integration("int-x", "med-0", "2026-03-05", "10:00"), ...inCycle },
    ];
    expect(ids(preparationsOf(snapshot({ sessions }), medicineStart, "booked"))).toEqual(["prep-1", "prep-2"]);
  });

  it("a preparation ending exactly when the medicine session starts counts; one ending after it does not", () => {
    const backToBack = make.prep("prep-3", "2026-03-10", "08:30");
    expect(ids(preparationsOf(snapshot({ sessions: [...groundwork(), backToBack] }), medicineStart, "booked"))).toEqual(["prep-1", "prep-2", "prep-3"]);
    const overrunning = make.prep("prep-3", "2026-03-10", "08:31");
    expect(ids(preparationsOf(snapshot({ sessions: [...groundwork(), overrunning] }), medicineStart, "booked"))).toEqual(["prep-1", "prep-2"]);
  });

  it("none count while a partner has no intake", () => {
    expect(preparationsOf(snapshot({ sessions: without(groundwork(), "in-alex") }), medicineStart, "booked")).toEqual([]);
    expect(preparationsOf(snapshot({ sessions: without(groundwork(), "in-sam") }), null, "booked")).toEqual([]);
  });
});

describe("clearanceLastDay (P3): the recorded 'valid until', never beyond the validity setting", () => {
  const cycle = (days: number) => snapshot({ settings: { clearanceValidityDays: days } });

  it("the earlier of the two", () => {
    const c = clearance("c-sam", SAM, { evaluatedOn: "2026-03-01", validUntil: "2026-03-20" });
    expect(clearanceLastDay(c, cycle(30))).toBe("2026-03-20");
    expect(clearanceLastDay(c, cycle(10))).toBe("2026-03-11");
    expect(clearanceLastDay(c, cycle(19))).toBe("2026-03-20");
  });
});

describe("validClearanceOf (P3): the valid clearance that lasts longest, ties by id", () => {
  const day = "2026-03-10";
  const shorter = clearance("c-sam-a", SAM, { validUntil: "2026-04-01" });
  const longer = clearance("c-sam-b", SAM, { validUntil: "2026-05-28" });

  it("the one lasting longest, whatever order they are listed in", () => {
    expect(validClearanceOf(snapshot({ clearances: [shorter, longer] }), SAM.id, day, "TAKING_TURNS")?.id).toBe("c-sam-b");
    expect(validClearanceOf(snapshot({ clearances: [longer, shorter] }), SAM.id, day, "TAKING_TURNS")?.id).toBe("c-sam-b");
  });

  it("lasting equally long: the first by id, whatever order they are listed in", () => {
    const twin = clearance("c-sam-b", SAM, { validUntil: "2026-04-01" });
    expect(validClearanceOf(snapshot({ clearances: [shorter, twin] }), SAM.id, day, "TAKING_TURNS")?.id).toBe("c-sam-a");
    expect(validClearanceOf(snapshot({ clearances: [twin, shorter] }), SAM.id, day, "TAKING_TURNS")?.id).toBe("c-sam-a");
  });

  it("only the partner's own, valid ones", () => {
    const alexs = clearance("c-alex", ALEX, { validUntil: "2026-12-01" });
    const expired = clearance("c-sam-old", SAM, { validUntil: "2026-03-09" });
    expect(validClearanceOf(snapshot({ clearances: [alexs, expired, shorter] }), SAM.id, day, "TAKING_TURNS")?.id).toBe("c-sam-a");
    expect(validClearanceOf(snapshot({ clearances: [alexs, expired] }), SAM.id, day, "TAKING_TURNS")).toBeUndefined();
  });
});

describe("pendingEvaluationOf (P3 at booking): a medical evaluation whose clearance could still hold", () => {
  const day = "2026-03-10";
  const limit = at(day, "10:00");
  const weekLong = { clearanceValidityDays: 7 };

  it("an evaluation exactly clearanceValidityDays before the day counts; one a day earlier does not", () => {
    const onTheEdge = make.evaluation("ev-sam", SAM, "2026-03-03");
    expect(pendingEvaluationOf(snapshot({ sessions: [onTheEdge], clearances: [], settings: weekLong }), SAM.id, limit, day)?.id).toBe("ev-sam");
    const tooEarly = make.evaluation("ev-sam", SAM, "2026-03-02");
    expect(pendingEvaluationOf(snapshot({ sessions: [tooEarly], clearances: [], settings: weekLong }), SAM.id, limit, day)).toBeUndefined();
  });

  it("an evaluation ending exactly when the medicine session starts counts; one ending after it does not", () => {
    const backToBack = make.evaluation("ev-sam", SAM, day, "09:00");
    expect(pendingEvaluationOf(snapshot({ sessions: [backToBack], clearances: [] }), SAM.id, limit, day)?.id).toBe("ev-sam");
    const overrunning = make.evaluation("ev-sam", SAM, day, "09:30");
    expect(pendingEvaluationOf(snapshot({ sessions: [overrunning], clearances: [] }), SAM.id, limit, day)).toBeUndefined();
  });

  it("the other partner's decision does not answer this partner's evaluation; their own does, from the same day on", () => {
    const evaluation = withStatus(make.evaluation("ev-sam", SAM, "2026-03-05"), "COMPLETED");
    const pending = (clearances: ReturnType<typeof clearance>[]) =>
      pendingEvaluationOf(snapshot({ sessions: [evaluation], clearances }), SAM.id, limit, day)?.id;
    expect(pending([clearance("c-alex", ALEX, { evaluatedOn: "2026-03-05", decision: "NOT_CLEARED" })])).toBe("ev-sam");
    expect(pending([clearance("c-sam", SAM, { evaluatedOn: "2026-03-05", decision: "NOT_CLEARED" })])).toBeUndefined();
    expect(pending([clearance("c-sam", SAM, { evaluatedOn: "2026-03-06", decision: "DEFERRED" })])).toBeUndefined();
    // A decision from before the evaluation, or a draft, answers nothing yet.
    expect(pending([clearance("c-sam", SAM, { evaluatedOn: "2026-03-04", decision: "NOT_CLEARED" })])).toBe("ev-sam");
    expect(pending([clearance("c-sam", SAM, { evaluatedOn: "2026-03-05", signed: false })])).toBe("ev-sam");
  });

  it("only the partner's own standing evaluations, of any cycle", () => {
    const find = (s: SnapshotSession) => pendingEvaluationOf(snapshot({ sessions: [s], clearances: [] }), SAM.id, limit, day)?.id;
    expect(find(make.evaluation("ev-sam", SAM, "2026-03-05", "09:00", { cycleId: "cycle-0" }))).toBe("ev-sam");
    expect(find(make.evaluation("ev-alex", ALEX, "2026-03-05"))).toBeUndefined();
    expect(find(withStatus(make.evaluation("ev-sam", SAM, "2026-03-05"), "CANCELLED"))).toBeUndefined();
    expect(find(make.intake("in-sam", SAM, "2026-03-05"))).toBeUndefined();
  });
});

describe("the engine at the same edges", () => {
  const noPreps = { minPreparations: { TAKING_TURNS: 0, LOW_DOSE_TOGETHER: 0 } };
  const medicine = [make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")];
  const bookMedicine = { type: "book" as const, sessions: medicine.map(asNew) };
  runCases([
    {
      name: "P1: Sam's intake ending as the medicine session starts is enough to book it",
      cycle: snapshot({ sessions: [make.intake("in-sam", SAM, "2026-03-10", "09:00"), make.intake("in-alex", ALEX, "2026-03-02")], settings: noPreps }),
      change: bookMedicine,
      allowed: true,
    },
    {
      name: "P3: an evaluation exactly the validity setting before the session is enough to book it",
      cycle: snapshot({ sessions: [...groundwork(), withStatus(make.evaluation("ev-sam", SAM, "2025-12-10"), "COMPLETED")], clearances: [] }),
      change: bookMedicine,
      allowed: true,
    },
    {
      name: "P3: an evaluation a day longer before is not",
      cycle: snapshot({ sessions: [...groundwork(), withStatus(make.evaluation("ev-sam", SAM, "2025-12-09"), "COMPLETED")], clearances: [] }),
      change: bookMedicine,
      refused: "P3",
      says: ["Sam has no medical clearance for Taking Turns valid on Tue 10 Mar", "no medical evaluation booked before Sam's medicine session on Tue 10 Mar"],
      sessions: ["med-1"],
    },
    {
      name: "P3: Alex's recorded decision does not answer Sam's pending evaluation",
      cycle: snapshot({
        sessions: [...groundwork(), make.evaluation("ev-sam", SAM, "2026-03-05"), make.evaluation("ev-alex", ALEX, "2026-03-05", "11:00")],
        clearances: [clearance("c-alex", ALEX, { evaluatedOn: "2026-03-05" })],
      }),
      change: bookMedicine,
      allowed: true,
    },
  ]);
});
