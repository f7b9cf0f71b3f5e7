import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

// A backup is pg_dump's plain SQL (INSERT statements, no owners, no grants), gzip-compressed.
// Plain SQL so that one file restores on either database: PGlite (PostgreSQL 18 in WebAssembly)
// and PostgreSQL 15 or later.

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** pg_dump's own options for every backup, on either database. */
export const PG_DUMP_OPTIONS = ["--no-owner", "--no-privileges", "--column-inserts", "--rows-per-insert=100"];

/**
 * What the other database would refuse, taken out of a dump: pg_dump 17+ sets
 * `transaction_timeout` (unknown to PostgreSQL 15), pg_dump's `\restrict` lines are psql
 * commands (not SQL), and a comment on the extension needs its owner.
 */
export function portableDump(sql: string): string {
  return sql
    .replace(/^\\(un)?restrict [A-Za-z0-9]+\r?\n/gm, "")
    .replace(/^SET transaction_timeout = 0;\r?\n/m, "")
    .replace(/^COMMENT ON EXTENSION btree_gist IS '[^'\n]*';\r?\n/m, "");
}

const HEADER = "-- PostgreSQL database dump\n";

export type DumpSummary = { migrations: string[] };

/**
 * Whether `sql` is a whole dump of this app, and which migrations its database had. Throws
 * words for a file that is cut short or is not a dump of this app.
 */
export function inspectDump(sql: string, file: string): DumpSummary {
  if (!sql.includes(HEADER)) throw new Error(`${file} is not a database dump (no pg_dump header).`);
  if (!/-- PostgreSQL database dump complete\s*(--\s*)?$/.test(sql)) throw new Error(`${file} is cut short: it does not end with pg_dump's "dump complete" line.`);
  const start = sql.indexOf("INSERT INTO public._prisma_migrations ");
  if (start < 0) {
    throw new Error(`${file} is not a backup of this app: it has no record of the app's migrations (_prisma_migrations).`);
  }
  const end = sql.indexOf("\n--\n", start);
  const rows = sql.slice(start, end < 0 ? undefined : end);
  const migrations = [...new Set([...rows.matchAll(/'(\d{14}_[A-Za-z0-9_]+)'/g)].map((m) => m[1]!))].sort();
  if (migrations.length === 0) throw new Error(`${file} is not a backup of this app: its _prisma_migrations table is empty.`);
  return { migrations };
}

/** Reads and unzips a backup; a missing or damaged file is refused in words. */
export async function readBackup(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `There is no file ${file}.` : `Cannot read ${file}: ${(error as Error).message}`);
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString("utf8");
  try {
    return (await gunzip(bytes)).toString("utf8");
  } catch (error) {
    throw new Error(`${file} is damaged or cut short (gzip: ${(error as Error).message}); nothing was restored.`);
  }
}

/** "20261130T041500Z": the UTC time in a backup's name, sortable, no colons. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** `.data/backups/kap-20261130T041500Z.sql.gz`. */
export function defaultBackupPath(now = new Date(), dir = ".data/backups"): string {
  return path.join(dir, `kap-${backupStamp(now)}.sql.gz`);
}

/**
 * Writes the compressed dump beside its final name and renames it only once complete and
 * flushed, so a failure (a full disk) leaves no partial file under a backup's name and earlier
 * backups untouched. Owner-only: the file holds clinical records.
 */
export async function writeBackup(file: string, sql: string): Promise<number> {
  const dir = path.dirname(path.resolve(file));
  // A folder made here is the owner's alone; one the operator named keeps its own rights.
  if (await fs.promises.mkdir(dir, { recursive: true })) await fs.promises.chmod(dir, 0o700);
  const compressed = await gzip(Buffer.from(sql, "utf8"), { level: 6 });
  const partial = path.join(dir, `.${path.basename(file)}.${process.pid}.partial`);
  try {
    const handle = await fs.promises.open(partial, "wx", 0o600);
    try {
      await handle.writeFile(compressed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(partial, file);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  return compressed.length;
}
