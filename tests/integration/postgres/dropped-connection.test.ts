import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { testDb } from "../../support/database";

// PostgreSQL only (the embedded project leaves this folder out: PGlite has no connections to
// lose). A restart, a failover or pg_terminate_backend ends the connections the app's pool holds
// idle; the next request must not pay for that with an error (lib/db/pg-pool.ts).

let db: Db;
let admin: pg.Client;

beforeAll(async () => {
  db = await testDb();
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
});
afterAll(() => admin.end());

/** Opens `count` connections in the app's pool (held at once, so distinct) and returns their pids. */
async function idleConnections(count: number): Promise<number[]> {
  const rows = await Promise.all(Array.from({ length: count }, () => db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)::text AS slept`));
  return [...new Set(rows.map(([row]) => row.pid))];
}

/** Ends exactly these backends (other test files share the database) and returns how many. */
async function terminate(pids: number[]): Promise<number> {
  const { rows } = await admin.query<{ ended: number }>("SELECT count(*)::int AS ended FROM unnest($1::int[]) AS pid WHERE pg_terminate_backend(pid)", [pids]);
  return rows[0].ended;
}

async function gone(pids: number[]) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query<{ left: number }>("SELECT count(*)::int AS left FROM pg_stat_activity WHERE pid = ANY($1::int[])", [pids]);
    if (rows[0].left === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const reads: [string, () => Promise<unknown>][] = [
  ["a read", () => db.$queryRaw`SELECT count(*)::int AS clinics FROM "Clinic"`],
  ["a Prisma query", () => db.clinic.findFirst({ select: { id: true } })],
  ["a transaction", () => db.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS one`)],
];

for (const [what, run] of reads) {
  test(`${what} right after the server ended every idle connection succeeds, on a new connection`, async () => {
    for (let round = 0; round < 5; round++) {
      const pids = await idleConnections(10);
      expect(pids.length).toBeGreaterThanOrEqual(5);
      expect(await terminate(pids)).toBe(pids.length);
      // At once: the server's goodbye may not have been read from the idle connections yet.
      await expect(run()).resolves.toBeDefined();
      const [after] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      expect(pids).not.toContain(after.pid);
    }
  });
}

test("a read after the ended connections are gone succeeds", async () => {
  const pids = await idleConnections(10);
  await terminate(pids);
  await gone(pids);
  await expect(db.clinic.findFirst({ select: { id: true } })).resolves.toBeDefined();
});
