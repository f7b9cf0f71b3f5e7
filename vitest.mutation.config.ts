import { defineConfig } from "vitest/config";
import { alias, unitTests } from "./vitest.config";

// The unit tests as StrykerJS runs them against each mutant of lib/protocol (stryker.config.json,
// `npm run test:mutation`): one project, and fast-check's seed fixed so that two runs draw the
// same cases and their scores can be compared.
export default defineConfig({
  resolve: { alias },
  test: { ...unitTests, setupFiles: [...unitTests.setupFiles, "tests/support/fixed-fast-check-seed.ts"] },
});
