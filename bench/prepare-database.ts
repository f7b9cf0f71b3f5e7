// The bench's own database: a fresh one on the local PostgreSQL (created here, dropped by
// `dropDatabase`) or a fresh embedded folder under .data/, migrated and filled with the model.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { newPGlite, type DatabaseTarget } from "../lib/db/adapter";
import { acquireFolderLock } from "../lib/db/folder-lock";
import { migrate } from "../lib/db/setup";
import type { ClinicModel } from "./clinic-model";
import { insertClinic } from "./insert-clinic";
import { assertLocal, sqlFromPGlite, sqlFromPool, type Sql } from "./sql";

export const BENCH_PASSWORD = "bench-password-for-a-large-clinic";

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const url = assertLocal(serverUrl);
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: assertLocal(serverUrl).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Opens the target for plain SQL (the generator, the baseline). PGlite: this process owns the folder until close. */
export async function openSql(target: DatabaseTarget, poolSize = 20): Promise<Sql> {
  if (target.kind === "postgres") return sqlFromPool(new pg.Pool({ connectionString: target.url, max: poolSize }));
  const release = acquireFolderLock(target.dataDir);
  try {
    return sqlFromPGlite(await newPGlite(target.dataDir), release);
  } catch (error) {
    release();
    throw error;
  }
}

/** Migrates the (empty) target and writes the clinic; returns how long the generation took. */
export async function fillDatabase(target: DatabaseTarget, model: ClinicModel): Promise<{ seconds: number }> {
  if (target.kind === "pglite") {
    const root = path.resolve(".data");
    const dir = path.resolve(target.dataDir);
    if (!dir.startsWith(root + path.sep)) throw new Error(`Refusing to delete ${dir}: not under .data/`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const started = performance.now();
  await migrate(target);
  const sql = await openSql(target);
  try {
    await insertClinic(sql, model, await hashPassword(BENCH_PASSWORD));
  } finally {
    await sql.close();
  }
  return { seconds: (performance.now() - started) / 1000 };
}
