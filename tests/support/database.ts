import { db, dbAdapter } from "@/lib/db";
import { applyMigrations } from "@/lib/db/schema-engine";

// Integration tests use the app's own database module. The vitest project decides what it is:
// "embedded" gives each test file a fresh in-memory PGlite; "postgres" a database created on
// the local server for this run (tests/support/postgres-global-setup.ts). Tests make their own
// clinic per test, so they never see each other's rows.

export const databaseKind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

let migrated: Promise<unknown> | undefined;

export async function testDb() {
  // The PostgreSQL run's database was migrated once by its global setup; files running side by
  // side must not queue on the migration lock again (it times out after 10 s on a busy machine).
  if (!process.env.DATABASE_URL) await (migrated ??= applyMigrations(dbAdapter));
  return db;
}
