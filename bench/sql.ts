// One tiny interface over the two databases the bench drives directly (the generator, the
// plain-SQL baseline): node-postgres and PGlite both answer `query(text, params)`.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export type Sql = {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** `work` in one transaction on one connection (a pooled client; PGlite's one, queued). */
  transaction<T>(work: (tx: Pick<Sql, "query">) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export function sqlFromPool(pool: pg.Pool): Sql {
  return {
    query: async (text, params) => (await pool.query(text, params)).rows,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({ query: async (text, params) => (await client.query(text, params)).rows });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function sqlFromPGlite(client: PGlite, release: () => void = () => {}): Sql {
  return {
    query: async <R>(text: string, params?: unknown[]) => (await client.query<R>(text, params)).rows,
    transaction: (work) => client.transaction((tx) => work({ query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows })),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Refuses any database that is not on this machine: the bench creates and drops databases. */
export function assertLocal(url: string): URL {
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname)) {
    throw new Error(`The bench only runs against a local PostgreSQL, not ${parsed.hostname}`);
  }
  return parsed;
}
