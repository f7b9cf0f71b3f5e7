// P11 asks lib/auth/permissions.ts and restates no role: change the permission table and the
// engine's answer changes with it.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/permissions", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/permissions")>();
  return {
    ...real,
    // A clinic where front desk may also complete sessions.
    can: vi.fn((roles: readonly string[], permission: string) =>
      permission === "session:complete" && roles.includes("FRONT_DESK") ? true : real.can(roles as never, permission as never),
    ),
  };
});

import { can } from "@/lib/auth/permissions";
import { evaluateChange } from "@/lib/protocol/engine";
import { fullPlan, make, SAM, snapshot } from "./fixtures";

describe("P11 uses can()", () => {
  it("follows the permission table, whatever it says", () => {
    const cycle = snapshot({ sessions: [...fullPlan(), { ...make.evaluation("ev-1", SAM, "2026-03-12"), status: "CHECKED_IN" }] });
    const result = evaluateChange(cycle, { type: "complete", sessionId: "ev-1" }, { actor: { id: "u-desk", roles: ["FRONT_DESK"] } });
    expect(result.violations).toEqual([]);
    expect(vi.mocked(can)).toHaveBeenCalledWith(["FRONT_DESK"], "session:complete");
  });
});
