import { db, dbAdapter } from "@/lib/db";
import { applyMigrations } from "@/lib/db/schema-engine";

// Integration tests use the app's own database module. The vitest project decides what it is:
// "embedded" gives each test file a fresh in-memory PGlite; "postgres" a database created on
// the local server for this run (tests/support/postgres-global-setup.ts). Tests make their own
// clinic per test, so they never see each other's rows.

export const databaseKind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

let migrated: Promise<unknown> | undefined;

export async function testDb() {
  await (migrated ??= applyMigrations(dbAdapter));
  return db;
}
