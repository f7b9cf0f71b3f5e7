import fc from "fast-check";

// The mutation run's properties draw the same cases every time (vitest.mutation.config.ts), so a
// mutant that survives survives every run, and scores can be compared from run to run.
fc.configureGlobal({ seed: 20261130 });
