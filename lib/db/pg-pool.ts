import pg from "pg";
import { isConnectionFailure } from "./errors";

// A pg pool that survives the server dropping its connections (a restart, a failover,
// pg_terminate_backend). When PostgreSQL ends an idle connection it says so on the socket, and
// the pool drops that client when the message is read; a query issued before then is written to
// the dead connection and fails. @prisma/adapter-pg sends plain statements through pool.query
// and starts a transaction with pool.connect() and BEGIN, so:
// - a statement that only reads is sent again when the connection, not the statement, failed;
// - a transaction whose BEGIN failed that way is started again (lib/db/adapter.ts): nothing in it
//   was sent yet.
// A write outside a transaction is never sent twice: its connection may have died after it
// committed.

/** Only reads may be sent again: they change nothing whether or not they ran. */
export function isRead(query: unknown): boolean {
  const text = typeof query === "string" ? query : (query as { text?: unknown } | null)?.text;
  return typeof text === "string" && /^\s*SELECT\b/i.test(text);
}

/**
 * Runs `attempt`, and again while it fails because its connection was dead and the pool still
 * held idle connections that may have died with it: each dead connection costs an attempt, not
 * the request. An attempt that had no idle connection to take opened a fresh one; when that
 * fails too, the server is really unreachable and the error stands.
 */
export async function onLiveConnection<T>(pool: pg.Pool, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    const fresh = pool.idleCount === 0;
    try {
      return await attempt();
    } catch (error) {
      if (!isConnectionFailure(error) || fresh || tries > (pool.options.max ?? 10)) throw error;
    }
  }
}

export function newPool(config: pg.PoolConfig): pg.Pool {
  // TCP keepalive notices a connection that died without a word (a dropped NAT entry, a host
  // that vanished) while it is idle, instead of when the next query waits on it.
  // Each connection names its process (pg_stat_activity.application_name): with a worker per core
  // (lib/http/workers.ts), which process holds a connection or a lock is then plain to see.
  const pool = new pg.Pool({ keepAlive: true, keepAliveInitialDelayMillis: 10_000, application_name: `kap-${process.pid}`, ...config });
  // Without a listener an idle client's error would crash the process; the pool has already
  // dropped the client when this runs.
  pool.on("error", (error) => console.warn(`Database: dropped an idle connection that failed (${error.message}).`));
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const retryingQuery = (...args: unknown[]) => {
    if (!isRead(args[0]) || args.some((arg) => typeof arg === "function")) return query(...args);
    return onLiveConnection(pool, () => query(...args));
  };
  pool.query = retryingQuery as typeof pool.query;
  return pool;
}
