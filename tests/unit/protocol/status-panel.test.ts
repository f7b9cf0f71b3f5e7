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
