import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { acquireFolderLock } from "../folder-lock";
import { newPGlite, openDatabase, pgliteFactory, type DatabaseTarget } from "../adapter";
import { applyMigrations } from "../schema-engine";

/**
 * One plain SQL connection to either database, for the operations commands (backup, restore,
 * check): a PGlite instance, or a single pg client (so BEGIN … COMMIT spans every statement).
 */
export type RawDatabase = {
  kind: "pglite" | "postgres";
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of many statements, sent whole (simple query protocol). */
  exec(script: string): Promise<void>;
  /** Applies the committed migrations not yet recorded (forward only). */
  migrate(): Promise<string[]>;
  /** The open PGlite, for its pg_dump; undefined on PostgreSQL. */
  pglite?: PGlite;
  /** The connection URL, for pg_dump; undefined on PGlite. */
  url?: string;
  close(): Promise<void>;
};

export function rawPGlite(client: PGlite, close: () => Promise<void> = async () => {}): RawDatabase {
  return {
    kind: "pglite",
    pglite: client,
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    exec: async (script) => {
      await client.exec(script);
    },
    migrate: () => applyMigrations(pgliteFactory(client)),
    close,
  };
}

export async function rawPostgres(url: string): Promise<RawDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    kind: "postgres",
    url,
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (script) => {
      await client.query(script);
    },
    migrate: () => withFactory({ kind: "postgres", url }, applyMigrations),
    close: () => client.end(),
  };
}

/**
 * Opens the configured database. The embedded one has one owner at a time: when the app (or
 * another command) has it open, this refuses with `whenInUse`'s words.
 */
export async function openRaw(target: DatabaseTarget, whenInUse: (owner: string) => string, options: { create?: boolean } = {}): Promise<RawDatabase> {
  if (target.kind === "postgres") return rawPostgres(target.url);
  const isMemory = target.dataDir.startsWith("memory://");
  // Opening a folder that holds no database would make an empty one: only a restore may.
  if (!isMemory && !options.create && !fs.existsSync(path.join(target.dataDir, "PG_VERSION"))) {
    throw new Error(`There is no embedded database in ${target.dataDir} (PGLITE_DIR).`);
  }
  let release: () => void = () => {};
  if (!isMemory) {
    try {
      release = acquireFolderLock(target.dataDir);
    } catch (error) {
      const owner = /is in use by process (\d+)/.exec((error as Error).message)?.[1];
      throw owner ? new Error(whenInUse(owner)) : error;
    }
  }
  try {
    const client = await newPGlite(target.dataDir);
    return rawPGlite(client, async () => {
      await client.close();
      release();
    });
  } catch (error) {
    release();
    throw error;
  }
}

async function withFactory<T>(target: DatabaseTarget, run: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T> {
  const database = await openDatabase(target, { poolSize: 2 });
  try {
    return await run(database.factory);
  } finally {
    await database.close();
  }
}
