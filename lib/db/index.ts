import "server-only";
import { configuredTarget, lazyFactory } from "./configured";
import { createPrismaClient, type Db } from "./prisma";

export type { Db, Tx } from "./prisma";

// One client per process; dev-mode hot reloads re-evaluate modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { kapDb?: { client: Db; adapter: ReturnType<typeof lazyFactory> } };
globalForDb.kapDb ??= (() => {
  const adapter = lazyFactory(configuredTarget());
  return { client: createPrismaClient(adapter), adapter };
})();

export const db: Db = globalForDb.kapDb.client;
/** The adapter under `db`: migrations and tests use it to reach the same database. */
export const dbAdapter = globalForDb.kapDb.adapter;
