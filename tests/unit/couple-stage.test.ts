import { expect, test } from "vitest";
import { coupleStage } from "@/lib/couples/stage";

const A = "a";
const B = "b";
const cycle = { status: "ACTIVE", model: "TAKING_TURNS", format: "FULL" };
const s = (kind: string, status: string, partnerIds = [A, B]) => ({ kind, status, partnerIds });

test.each([
  ["no cycle", { cycle: null, sessions: [], cleared: [] }, "New"],
  ["one intake done", { cycle, sessions: [s("INTAKE", "COMPLETED", [A]), s("INTAKE", "SCHEDULED", [B])], cleared: [] }, "Intake"],
  ["both intakes done", { cycle, sessions: [s("INTAKE", "COMPLETED", [A]), s("INTAKE", "COMPLETED", [B])], cleared: [] }, "Preparation"],
  ["a cancelled intake does not count", { cycle, sessions: [s("INTAKE", "COMPLETED", [A]), s("INTAKE", "CANCELLED", [B])], cleared: [] }, "Intake"],
  ["both cleared", { cycle, sessions: [], cleared: [A, B] }, "Cleared, waiting"],
  ["one cleared", { cycle, sessions: [s("INTAKE", "COMPLETED", [A]), s("INTAKE", "COMPLETED", [B])], cleared: [A] }, "Preparation"],
  ["a medicine session booked", { cycle, sessions: [s("MEDICINE_TAKING_TURNS", "SCHEDULED")], cleared: [A, B] }, "Taking Turns cycle"],
  ["single experience", { cycle: { ...cycle, format: "SINGLE_EXPERIENCE" }, sessions: [s("MEDICINE_TAKING_TURNS", "SCHEDULED")], cleared: [] }, "Single experience"],
  ["low dose", { cycle: { ...cycle, model: "LOW_DOSE_TOGETHER" }, sessions: [s("MEDICINE_LOW_DOSE", "COMPLETED")], cleared: [] }, "Low Dose Together series"],
  ["completed", { cycle: { ...cycle, status: "COMPLETED" }, sessions: [], cleared: [] }, "Completed"],
] as const)("%s → %s", (_name, input, expected) => {
  expect(
    coupleStage({ cycle: input.cycle, sessions: [...input.sessions], partnerIds: [A, B], clearedPartnerIds: [...input.cleared] }),
  ).toBe(expected);
});
