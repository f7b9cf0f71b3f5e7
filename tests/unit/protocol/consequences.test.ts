// lib/protocol/consequences.ts, P4: cancelling a medicine session (or marking it a no-show) cancels
// its integration in the same transaction. (The basic cases are in p4-integration-window.test.ts.)
import { describe, expect, it } from "vitest";
import { fullPlan, make, snapshot } from "./fixtures";
import { consequencesOf } from "@/lib/protocol/consequences";

describe("consequencesOf", () => {
  it("a medicine session with two integrations (a doubled booking) takes both with it, in id order", () => {
    const cycle = snapshot({ sessions: [...fullPlan(), make.integration("int-0", "med-1", "2026-03-12")] });
    expect(consequencesOf(cycle, { type: "cancel", sessionId: "med-1" })).toEqual({ cancelIntegrationIds: ["int-0", "int-1"] });
  });

  it("only integrations: another session that names the medicine session is not cancelled with it", () => {
    const cycle = snapshot({ sessions: [...fullPlan(), make.couples("ct-1", "2026-03-12", "15:00", { medicineSessionId: "med-1" })] });
    expect(consequencesOf(cycle, { type: "noShow", sessionId: "med-1" })).toEqual({ cancelIntegrationIds: ["int-1"] });
  });
});
