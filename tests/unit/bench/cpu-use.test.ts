import { describe, expect, test } from "vitest";
import { cpuBetween, cpuSnapshot } from "@/bench/cpu-use";

// The bench's account of the cores each side used during a load (issue 16).

describe("cores in use", () => {
  test("CPU seconds over wall seconds, per side, and their total", () => {
    const before = { at: 0, server: 10, postgres: 5, load: 1 };
    const after = { at: 2_000, server: 12, postgres: 5.5, load: 1.4 };
    expect(cpuBetween(before, after)).toEqual({ server: 1, postgres: 0.25, load: 0.2, total: 1.45 });
  });

  test("this process's own work counts as the load generator's", () => {
    const before = cpuSnapshot(-1);
    const until = performance.now() + 200;
    let spin = 0;
    while (performance.now() < until) spin++;
    const use = cpuBetween(before, cpuSnapshot(-1));
    expect(spin).toBeGreaterThan(0);
    // A busy loop for the whole span: close to one core (a loaded machine may lend it a little less).
    expect(use.load).toBeGreaterThan(0.5);
    expect(use.load).toBeLessThan(1.3);
    // No process is in group -1.
    expect(use.server).toBe(0);
  });
});
