import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { newPGlite, pgliteFactory } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/schema-engine";
import { clinicWithEvaluation, medicineSession } from "./dosing-fixtures";

// Issue 13's operations commands run for real (`npm run db:…`'s scripts), on an embedded folder
// of the test's own: tests/integration/embedded/operations-commands.test.ts and
// tests/integration/postgres/move-to-postgres.test.ts.

/** Runs scripts/<script>.ts as `npm run` would, on the embedded folder given. */
export const runCommand = (script: string, args: string[], pgliteDir: string) =>
  spawnSync(path.resolve("node_modules/.bin/tsx"), [`scripts/${script}.ts`, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir },
    timeout: 180_000,
  });

/** A scratch folder holding an embedded clinic with an evaluation and a checked-in medicine session. */
export async function embeddedClinicFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-operations-test-"));
  const folder = path.join(dir, "pglite");
  const embedded = await newPGlite(folder);
  const factory = pgliteFactory(embedded);
  await applyMigrations(factory);
  const c = await clinicWithEvaluation(createPrismaClient(factory));
  const booking = await medicineSession(createPrismaClient(factory), c);
  await embedded.close();
  return { dir, folder, c, booking };
}
