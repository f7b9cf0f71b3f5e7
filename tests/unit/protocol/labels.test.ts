// The clinic's words for session kinds, models and the integration window, as every page and
// message shows them.
import { describe, expect, it } from "vitest";
import { integrationWindowWords, MODEL_LABELS, SESSION_KIND_LABELS } from "@/lib/protocol/labels";

describe("labels", () => {
  it("session kinds and models in the rule book's words", () => {
    expect(SESSION_KIND_LABELS).toEqual({
      INTAKE: "Individual intake",
      PREPARATION: "Joint preparation",
      MEDICAL_EVALUATION: "Medical evaluation",
      MEDICINE_TAKING_TURNS: "Medicine: Taking Turns",
      MEDICINE_LOW_DOSE: "Medicine: Low Dose Together",
      INTEGRATION: "Integration",
      COUPLES_THERAPY: "Couples therapy",
    });
    expect(MODEL_LABELS).toEqual({ TAKING_TURNS: "Taking Turns", LOW_DOSE_TOGETHER: "Low Dose Together" });
  });

  it.each([
    [{ min: 1, max: 2 }, "1–2 days"],
    [{ min: 0, max: 3 }, "0–3 days"],
    [{ min: 1, max: 1 }, "1 day"],
    [{ min: 2, max: 2 }, "2 days"],
    [{ min: 0, max: 0 }, "0 days"],
  ])("the integration window %o reads %s", (window, words) => {
    expect(integrationWindowWords(window)).toBe(words);
  });
});
