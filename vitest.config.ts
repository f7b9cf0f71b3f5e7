import path from "node:path";
import { defineConfig, type TestProjectConfiguration } from "vitest/config";

export const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests are server code too.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
};

const shared = { resolve: { alias } };
const integration = {
  include: ["tests/integration/**/*.test.ts"],
  setupFiles: ["tests/support/vitest-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

/** The unit tests: pure code, no database. The mutation run (vitest.mutation.config.ts) runs these. */
export const unitTests = { include: ["tests/unit/**/*.test.ts"], setupFiles: ["tests/support/vitest-setup.ts"] };

const projects: TestProjectConfiguration[] = [
  { ...shared, test: { name: "unit", ...unitTests } },
  // tests/integration/postgres/: what needs a server (connections to lose, a database to move
  // to, pg_dump's snapshot). tests/integration/embedded/: what holds only on the embedded one (the
  // demo seed rehearsed in a rolled-back transaction, the embedded folder's commands). Neither
  // is skipped anywhere: each runs only in its project.
  { ...shared, test: { name: "embedded", ...integration, exclude: ["tests/integration/postgres/**"] } },
];
// Integration tests run on PostgreSQL too when a local server is named (CI always does).
if (process.env.TEST_DATABASE_URL) {
  projects.push({ ...shared, test: { name: "postgres", ...integration, exclude: ["tests/integration/embedded/**"], globalSetup: ["tests/support/postgres-global-setup.ts"] } });
}

export default defineConfig({
  test: {
    projects,
    // Two cores: two test files at a time.
    maxWorkers: 2,
  },
});
