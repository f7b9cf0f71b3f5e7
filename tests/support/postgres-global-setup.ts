import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../lib/db/adapter";
import { applyMigrations } from "../../lib/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Creates and migrates a database of this run's own on the local PostgreSQL; drops it after. */
export default async function setup(project: TestProject) {
  const server = new URL(process.env.TEST_DATABASE_URL!);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(server.hostname)) {
    throw new Error(`TEST_DATABASE_URL must point at a local server, not ${server.hostname}`);
  }
  const name = `kap_test_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  try {
    await applyMigrations(database.factory);
  } finally {
    await database.close();
  }
  project.provide("databaseUrl", url.toString());
  return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
