import { spawn } from "node:child_process";
import type { PGlite } from "@electric-sql/pglite";
import { pgDump } from "@electric-sql/pglite-tools/pg_dump";
import { PG_DUMP_OPTIONS, portableDump, writeBackup } from "./dump-file";
import type { RawDatabase } from "./raw";

/** What a dump reads from: the open PGlite (in this process), or a PostgreSQL server's URL. */
export type DumpSource = Pick<RawDatabase, "pglite" | "url">;

/**
 * The whole database as plain SQL, from one snapshot: pg_dump reads everything in one
 * repeatable-read transaction, so bookings written meanwhile are wholly in or wholly out.
 */
export async function dumpDatabase(database: DumpSource): Promise<string> {
  const sql = database.pglite ? await dumpPGlite(database.pglite) : await dumpPostgres(database.url!);
  return portableDump(sql);
}

/**
 * pg_dump compiled to WebAssembly (@electric-sql/pglite-tools), talking to PGlite in-process.
 * PGlite is one session: pg_dump's statements go to the same session as the app's, and pgDump
 * leaves its read-only repeatable-read transaction open when it is done. So the dump holds
 * PGlite's transaction lock throughout (the app's queries and transactions wait, none is caught
 * half-way), and afterwards ends pg_dump's transaction and resets the session's settings, so the
 * running app (lib/backups: the scheduled backup) carries on in a clean session.
 */
async function dumpPGlite(pg: PGlite): Promise<string> {
  let dumped: string | undefined;
  await pg.transaction(async (tx) => {
    // transaction() began one; pg_dump begins its own, so end this one at once, holding the lock.
    await tx.exec("COMMIT");
    // pgDump talks to PGlite through these three; the lock-free ones of the transaction we hold.
    const session = { query: tx.query, exec: tx.exec, execProtocolRawStream: pg.execProtocolRawStream.bind(pg) } as unknown as PGlite;
    try {
      dumped = await (await pgDump({ pg: session, args: PG_DUMP_OPTIONS })).text();
    } finally {
      // Ends pg_dump's transaction (or, had it none, the warning is all), then its SETs.
      await tx.exec("ROLLBACK");
      await tx.exec("RESET ALL; DEALLOCATE ALL");
      // transaction() ends with a COMMIT of its own: give it an empty transaction to end.
      await tx.exec("BEGIN");
    }
  });
  return dumped!;
}

/** Debian's (or any) pg_dump on the PATH, of the server's major version or newer. */
function dumpPostgres(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("pg_dump", [...PG_DUMP_OPTIONS, "--dbname", url], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new Error(
              "pg_dump was not found. A backup of PostgreSQL needs PostgreSQL's client tools, of the server's major version or newer, on the PATH " +
                "(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq).",
            )
          : error,
      ),
    );
    child.on("close", (code) => {
      if (code === 0) return resolve(Buffer.concat(out).toString("utf8"));
      const hint = /version mismatch/.test(err) ? "\nInstall pg_dump of the server's major version or newer." : "";
      reject(new Error(`pg_dump failed (exit ${code}): ${err.trim()}${hint}`));
    });
  });
}

export type BackupResult = { file: string; bytes: number; seconds: number };

export async function backupDatabase(database: DumpSource, file: string): Promise<BackupResult> {
  const started = performance.now();
  const sql = await dumpDatabase(database);
  const bytes = await writeBackup(file, sql);
  return { file, bytes, seconds: (performance.now() - started) / 1000 };
}
