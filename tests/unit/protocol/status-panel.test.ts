// The cycle's status panel: prerequisites of the next medicine session, and integration windows.
import { describe, expect, it } from "vitest";
import { ALEX, at, clearance, completed, fullPlan, make, SAM, snapshot, without } from "./fixtures";
import { cycleStatusPanel } from "@/lib/protocol/status-panel";

const states = (panel: ReturnType<typeof cycleStatusPanel>) =>
  Object.fromEntries(panel.prerequisites.map((p) => [`${p.what}${p.partnerId ? `:${p.partnerId}` : ""}`, p.state]));

describe("cycleStatusPanel", () => {
  it("a cycle with nothing booked: all missing, clearances as of today", () => {
    const panel = cycleStatusPanel(snapshot({ sessions: [], clearances: [clearance("c-sam", SAM)] }), at("2026-03-01", "10:00"));
    expect(panel.nextMedicineSession).toBeNull();
    expect(states(panel)).toEqual({
      "intake:p-sam": "missing",
      "intake:p-alex": "missing",
      preparations: "missing",
      "clearance:p-sam": "met",
      "clearance:p-alex": "missing",
    });
    expect(panel.prerequisites.map((p) => p.label)).toEqual([
      "Sam's intake: not booked",
      "Alex's intake: not booked",
      "Joint preparations: 0 of 2 completed",
      "Sam's clearance: valid until Thu 28 May",
      "Alex's clearance: none valid on Sun 1 Mar",
    ]);
    expect(panel.integrations).toEqual([]);
    expect(panel.allIntegrationsInWindow).toBe(true);
  });

  it("a planned cycle before it starts: booked prerequisites are pending", () => {
    const panel = cycleStatusPanel(snapshot({ sessions: fullPlan() }), at("2026-03-01", "10:00"));
    expect(panel.nextMedicineSession).toMatchObject({ id: "med-1", label: "Sam's medicine session on Tue 10 Mar 10:00–13:00" });
    expect(states(panel)).toEqual({
      "intake:p-sam": "pending",
      "intake:p-alex": "pending",
      preparations: "pending",
      "clearance:p-sam": "met",
      "rideHome:p-sam": "pending",
    });
    expect(panel.prerequisites.find((p) => p.what === "preparations")?.label).toBe("Joint preparations: 0 of 2 completed, 2 booked");
    expect(panel.integrations.map((i) => [i.medicineSessionId, i.state])).toEqual([
      ["med-1", "inside"],
      ["med-2", "inside"],
    ]);
    expect(panel.integrations[0].label).toBe("Sam's medicine session on Tue 10 Mar: integration Wed 11 Mar, inside the window");
  });

  it("on the day: completed prerequisites are met, an unrecorded ride home is missing", () => {
    const cycle = snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2") });
    const panel = cycleStatusPanel(cycle, at("2026-03-10", "09:00"));
    expect(states(panel)).toEqual({
      "intake:p-sam": "met",
      "intake:p-alex": "met",
      preparations: "met",
      "clearance:p-sam": "met",
      "rideHome:p-sam": "missing",
    });
    const recorded = cycleStatusPanel({ ...cycle, rideHomes: [{ sessionId: "med-1", clientId: SAM.id }] }, at("2026-03-10", "09:00"));
    expect(states(recorded)["rideHome:p-sam"]).toBe("met");
  });

  it("after the first medicine session, the next one is Alex's", () => {
    const cycle = snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2", "med-1", "int-1") });
    const panel = cycleStatusPanel(cycle, at("2026-03-12", "09:00"));
    expect(panel.nextMedicineSession?.id).toBe("med-2");
    expect(panel.prerequisites.filter((p) => p.what === "clearance" || p.what === "rideHome").map((p) => p.partnerId)).toEqual([ALEX.id, ALEX.id]);
  });

  it("a clearance pending on a booked evaluation, or missing", () => {
    const cycle = snapshot({ sessions: [...fullPlan(), make.evaluation("ev-sam", SAM, "2026-03-05")], clearances: [clearance("c-alex", ALEX)] });
    const panel = cycleStatusPanel(cycle, at("2026-03-01", "10:00"));
    expect(panel.prerequisites.find((p) => p.what === "clearance")).toMatchObject({ state: "pending", label: "Sam's clearance: medical evaluation Thu 5 Mar" });
    const none = cycleStatusPanel({ ...cycle, sessions: fullPlan() }, at("2026-03-01", "10:00"));
    expect(none.prerequisites.find((p) => p.what === "clearance")).toMatchObject({ state: "missing", label: "Sam's clearance: none valid on Tue 10 Mar" });
  });

  it("Low Dose Together: both partners' clearances and rides home", () => {
    const cycle = snapshot({
      model: "LOW_DOSE_TOGETHER",
      sessions: [...without(fullPlan(), "prep-1", "prep-2", "med-1", "int-1", "med-2", "int-2"), make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")],
    });
    const panel = cycleStatusPanel(cycle, at("2026-03-01", "10:00"));
    expect(states(panel)).toMatchObject({ preparations: "met", "clearance:p-sam": "met", "clearance:p-alex": "met", "rideHome:p-sam": "pending", "rideHome:p-alex": "pending" });
    expect(panel.prerequisites.find((p) => p.what === "preparations")?.label).toBe("Joint preparations: none required");
  });

  it("integrations outside the window, missing or doubled", () => {
    const cycle = snapshot({
      sessions: [
        ...without(fullPlan(), "int-1", "int-2"),
        make.integration("int-1", "med-1", "2026-03-13"),
        make.integration("int-2a", "med-2", "2026-03-18"),
        make.integration("int-2b", "med-2", "2026-03-19"),
      ],
    });
    const panel = cycleStatusPanel(cycle, at("2026-03-01", "10:00"));
    expect(panel.integrations.map((i) => [i.medicineSessionId, i.state, i.insideWindow])).toEqual([
      ["med-1", "outside", false],
      ["med-2", "duplicate", false],
    ]);
    expect(panel.integrations[0].label).toBe("Sam's medicine session on Tue 10 Mar: integration Fri 13 Mar is outside the window (due on Wed 11 Mar or Thu 12 Mar)");
    expect(panel.allIntegrationsInWindow).toBe(false);
    const missing = cycleStatusPanel(snapshot({ sessions: without(fullPlan(), "int-2") }), at("2026-03-01", "10:00"));
    expect(missing.integrations[1]).toMatchObject({ state: "missing", label: "Alex's medicine session on Tue 17 Mar: no integration booked (due on Wed 18 Mar or Thu 19 Mar)" });
  });

  it("P4: only open days are due; an integration on a closed day of the window is outside it", () => {
    // The clinic now closes on Wednesdays and Thursdays: med-1's window (Wed 11, Thu 12) has no open day left.
    const cycle = snapshot({ sessions: without(fullPlan(), "int-2"), settings: { openWeekdays: [1, 2, 5, 6] } });
    const panel = cycleStatusPanel(cycle, at("2026-03-01", "10:00"));
    expect(panel.integrations.map((i) => [i.medicineSessionId, i.state, i.insideWindow])).toEqual([
      ["med-1", "outside", false],
      ["med-2", "missing", false],
    ]);
    expect(panel.integrations[0].label).toBe("Sam's medicine session on Tue 10 Mar: integration Wed 11 Mar is outside the window (its window holds no day the clinic is open)");
    const widened = cycleStatusPanel(snapshot({ sessions: without(fullPlan(), "int-2"), settings: { openWeekdays: [1, 2, 5, 6], integrationWindowDays: { min: 1, max: 3 } } }), at("2026-03-01", "10:00"));
    expect(widened.integrations[1].label).toBe("Alex's medicine session on Tue 17 Mar: no integration booked (due on Fri 20 Mar)");
  });
});

describe("cycleStatusPanel: the words and the edges", () => {
  const before = at("2026-03-01", "10:00");
  const item = (panel: ReturnType<typeof cycleStatusPanel>, what: string, partnerId: string | null = null) =>
    panel.prerequisites.find((p) => p.what === what && (partnerId === null || p.partnerId === partnerId));

  it("an intake completed or only booked says which, with its date", () => {
    const panel = cycleStatusPanel(snapshot({ sessions: completed(fullPlan(), "in-sam") }), before);
    expect(item(panel, "intake", SAM.id)).toMatchObject({ rule: "P1", state: "met", label: "Sam's intake: completed Mon 2 Mar" });
    expect(item(panel, "intake", ALEX.id)).toMatchObject({ rule: "P1", state: "pending", label: "Alex's intake: booked Mon 2 Mar" });
  });

  it("preparations: the booked ones counted apart from the completed ones", () => {
    const panel = cycleStatusPanel(snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1") }), before);
    expect(item(panel, "preparations")).toMatchObject({ rule: "P2", state: "pending", label: "Joint preparations: 1 of 2 completed, 1 booked" });
    const both = cycleStatusPanel(snapshot({ sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2") }), before);
    expect(item(both, "preparations")).toMatchObject({ state: "met", label: "Joint preparations: 2 of 2 completed" });
  });

  it("a ride home counts only when recorded for this session and this partner", () => {
    const elsewhere = [
      { sessionId: "med-2", clientId: SAM.id },
      { sessionId: "med-1", clientId: ALEX.id },
    ];
    const cycle = snapshot({ sessions: fullPlan(), rideHomes: elsewhere });
    expect(item(cycleStatusPanel(cycle, before), "rideHome", SAM.id)).toMatchObject({ rule: "P10", state: "pending", label: "Sam's ride home: to record by check-in" });
    expect(item(cycleStatusPanel(cycle, at("2026-03-10", "09:00")), "rideHome", SAM.id)).toMatchObject({ state: "missing", label: "Sam's ride home: not recorded" });
    const recorded = { ...cycle, rideHomes: [...elsewhere, { sessionId: "med-1", clientId: SAM.id }] };
    expect(item(cycleStatusPanel(recorded, before), "rideHome", SAM.id)).toMatchObject({ state: "met", label: "Sam's ride home: recorded" });
  });

  it("two integrations of one medicine session: says how many, keep one", () => {
    const cycle = snapshot({ sessions: [...without(fullPlan(), "int-2"), make.integration("int-2a", "med-2", "2026-03-18"), make.integration("int-2b", "med-2", "2026-03-19")] });
    expect(cycleStatusPanel(cycle, before).integrations[1]).toEqual({
      medicineSessionId: "med-2",
      integrationSessionId: "int-2a",
      state: "duplicate",
      insideWindow: false,
      label: "Alex's medicine session on Tue 17 Mar: 2 integrations, keep one",
    });
  });

  it("every integration inside its window: all in window", () => {
    const panel = cycleStatusPanel(snapshot({ sessions: fullPlan() }), before);
    expect(panel.integrations.map((i) => i.insideWindow)).toEqual([true, true]);
    expect(panel.allIntegrationsInWindow).toBe(true);
  });

  it("the next medicine session is the first still to come: one that has ended, or is completed, is past", () => {
    // med-1 runs Tue 10 Mar 10:00–13:00 and is still marked scheduled.
    const cycle = snapshot({ sessions: fullPlan() });
    expect(cycleStatusPanel(cycle, at("2026-03-10", "12:59")).nextMedicineSession?.id).toBe("med-1");
    expect(cycleStatusPanel(cycle, at("2026-03-10", "13:00")).nextMedicineSession?.id).toBe("med-2");
    const completedEarly = snapshot({ sessions: completed(fullPlan(), "med-1") });
    expect(cycleStatusPanel(completedEarly, at("2026-03-10", "12:00")).nextMedicineSession?.id).toBe("med-2");
  });

  it("clearance is judged for the model of the medicine session itself, not only the cycle's", () => {
    // A Low Dose Together session in a cycle planned as Taking Turns (P5 refuses it; the panel still reads it right).
    const cycle = snapshot({
      sessions: [...without(fullPlan(), "med-1", "int-1", "med-2", "int-2"), make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")],
      clearances: [clearance("c-sam", SAM, { models: ["TAKING_TURNS"] }), clearance("c-alex", ALEX, { models: ["TAKING_TURNS"] })],
    });
    const panel = cycleStatusPanel(cycle, before);
    expect(panel.prerequisites.filter((p) => p.what === "clearance").map((p) => [p.partnerId, p.state, p.label])).toEqual([
      [SAM.id, "missing", "Sam's clearance: none valid on Tue 10 Mar"],
      [ALEX.id, "missing", "Alex's clearance: none valid on Tue 10 Mar"],
    ]);
  });
});
