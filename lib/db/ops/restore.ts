import { readMigrations } from "../schema-engine";
import { inspectDump, portableDump, readBackup } from "./dump-file";
import type { RawDatabase } from "./raw";

/** The words that let a restore replace what a database already holds. */
export const ERASE_FLAG = "--erase-existing-data";

export type RestoreResult = { fromMigrations: string[]; applied: string[] };

/**
 * Restores a backup into an empty database, in one transaction (a failure leaves the database as
 * it was), then applies the migrations committed since the backup was taken. A backup from a
 * newer version of the app (a migration this one does not know) is refused: never back.
 */
export async function restoreDatabase(database: RawDatabase, file: string, options: { eraseExisting?: boolean } = {}): Promise<RestoreResult> {
  return restoreBackup(database, await loadBackup(file), options);
}

export type LoadedBackup = { file: string; sql: string; migrations: string[] };

/** Reads and checks a backup before any database is touched. */
export async function loadBackup(file: string): Promise<LoadedBackup> {
  const sql = portableDump(await readBackup(file));
  const { migrations } = inspectDump(sql, file);
  const known = new Set(readMigrations().migrationDirectories.map((m) => m.path));
  const unknown = migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(
      `${file} comes from a newer version of the app (migrations this one does not have: ${unknown.join(", ")}). ` +
        "Update the app first; a database is never migrated back.",
    );
  }
  return { file, sql, migrations };
}

export async function restoreBackup(database: RawDatabase, { sql, migrations }: LoadedBackup, options: { eraseExisting?: boolean } = {}): Promise<RestoreResult> {
  const [{ search_path: searchPath }] = await database.query<{ search_path: string }>("SHOW search_path");
  await database.exec("BEGIN");
  try {
    const held = await objectsIn(database);
    if (held > 0 && !options.eraseExisting) {
      throw new Error(
        `The target database is not empty (${held} tables, sequences or types). Nothing was restored. ` +
          `To replace everything in it with the backup, run the restore again with ${ERASE_FLAG}.`,
      );
    }
    if (held > 0) await database.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await database.exec(sql);
    await database.exec("COMMIT");
  } catch (error) {
    // Takes back the dump's settings too (its empty search_path among them).
    await database.exec("ROLLBACK").catch(() => {});
    throw error;
  }
  // The dump empties search_path for its own statements; the migrations need it back.
  await database.exec(`SET search_path TO ${searchPath}`);
  const applied = await database.migrate();
  return { fromMigrations: migrations, applied };
}

/** Tables, views, sequences and types in the public schema (a fresh database has none). */
async function objectsIn(database: RawDatabase): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S'))::int
          + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
              WHERE n.nspname = 'public' AND t.typtype = 'e')::int AS n`,
  );
  return row!.n;
}
