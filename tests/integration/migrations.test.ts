import { expect, test } from "vitest";
import { dbAdapter } from "@/lib/db";
import { openDatabase } from "@/lib/db/adapter";
import { applyMigrations, diffSchemaFromMigrations, readMigrations } from "@/lib/db/schema-engine";
import { databaseKind, testDb } from "../support/database";

test(`migrations are recorded in _prisma_migrations as prisma migrate deploy does (${databaseKind})`, async () => {
  const db = await testDb();
  const rows = await db.$queryRaw<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
    SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
  const names = readMigrations().migrationDirectories.map((d) => d.path);
  expect(rows.map((r) => r.migration_name)).toEqual(names);
  expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
  // Applying again finds nothing to do.
  expect(await applyMigrations(dbAdapter)).toEqual([]);
});

test(`btree_gist is loaded and the EXCLUDE constraints exist (${databaseKind})`, async () => {
  const db = await testDb();
  const constraints = await db.$queryRaw<{ conname: string }[]>`
    SELECT conname FROM pg_constraint WHERE contype = 'x' ORDER BY conname`;
  expect(constraints.map((c) => c.conname)).toEqual(["SessionAttendee_no_overlap", "SessionClinician_no_overlap", "Session_room_no_overlap"]);
});

test("prisma/schema.prisma and the committed migrations are in step (no migration is missing)", async () => {
  const scratch = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    expect(await diffSchemaFromMigrations(scratch.factory)).toBe("");
  } finally {
    await scratch.close();
  }
});
