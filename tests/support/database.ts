import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseTarget } from "@/lib/db/adapter";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/schema-engine";

export type TestDatabase = { name: string; db: Db; target: DatabaseTarget; close(): Promise<void> };

/** The databases integration tests run on: always the embedded one, and PostgreSQL when asked. */
export function testDatabaseKinds(): ("pglite" | "postgres")[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh, migrated database of its own: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  if (kind === "pglite") return open("PGlite", { kind: "pglite", dataDir: "memory://" }, async () => {});
  const serverUrl = new URL(process.env.TEST_DATABASE_URL!);
  assertLocal(serverUrl);
  const name = `kap_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return open("PostgreSQL", { kind: "postgres", url: url.toString() }, () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function open(name: string, target: DatabaseTarget, drop: () => Promise<void>): Promise<TestDatabase> {
  const database = await openDatabase(target, { poolSize: 60 });
  await applyMigrations(database.factory);
  const db = createPrismaClient(database.factory);
  return {
    name,
    db,
    target,
    close: async () => {
      await db.$disconnect();
      await database.close();
      await drop();
    },
  };
}

async function adminQuery(serverUrl: URL, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Tests create and drop databases: refuse anything but a server on this machine. */
function assertLocal(url: URL) {
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`TEST_DATABASE_URL must point at a local server, not ${url.hostname}`);
  }
}
