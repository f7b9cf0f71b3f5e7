import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { embeddedClinicFolder, runCommand } from "../../support/operations-commands";

// Issue 13: the operations commands as an office manager runs them, on an embedded folder of
// their own. Moving it to PostgreSQL is tests/integration/postgres/move-to-postgres.test.ts.

let dir: string;
let folder: string;

beforeAll(async () => {
  ({ dir, folder } = await embeddedClinicFolder());
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Four commands, each a Node.js with tsx and an embedded database to open: minutes on a busy machine.
test("db:backup refuses while the app holds the folder, then writes an owner-only file that db:restore brings back and db:check passes", { timeout: 300_000 }, () => {
  fs.writeFileSync(`${folder}.lock`, String(process.pid));
  const refused = runCommand("db-backup", [], folder);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`The app (process ${process.pid}) has the embedded database in ${folder} open, and only one process may open it. Stop the app`);
  fs.rmSync(`${folder}.lock`);

  const file = path.join(dir, "kept", "clinic.sql.gz");
  const backup = runCommand("db-backup", [file], folder);
  expect(backup.stderr).toBe("");
  expect(backup.stdout).toMatch(new RegExp(`^Backup written: ${file} \\(\\d+\\.\\d KiB, \\d+\\.\\d s\\)\\.\\n$`));
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);

  const restoredFolder = path.join(dir, "restored");
  const restore = runCommand("db-restore", [file], restoredFolder);
  expect(restore.stderr).toBe("");
  expect(restore.stdout).toContain("Its schema is this version's: nothing to migrate.");
  const check = runCommand("db-check", [], restoredFolder);
  expect(check.status).toBe(0);
  expect(check.stdout).toContain("The database is sound");
});

