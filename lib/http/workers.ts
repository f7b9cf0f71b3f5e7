import type { DatabaseTarget } from "../db/adapter";

/**
 * How many processes serve the app (issue 16). One Node.js process uses one core, so on
 * PostgreSQL the server runs one worker per core (or WEB_CONCURRENCY), each a whole copy of the
 * app behind Node's `cluster` module, which shares the listening port between them. Nothing a
 * request relies on lives in one process's memory: sessions, the sign-in throttle, the link and
 * feed throttles, the backup claim and double-booking are all the database's. The embedded
 * PGlite has one owner (its folder is locked by the process that opens it), so it is served by one.
 */
export function workerCount(database: DatabaseTarget["kind"], requested: number | undefined, cores: number): number {
  if (database === "pglite") return 1;
  return requested ?? Math.max(1, cores);
}
