import "server-only";
import { configuredTarget, lazyFactory } from "./configured";
import { createPrismaClient, type Db } from "./prisma";

export type { Db, Tx } from "./prisma";

// One client per process; dev-mode hot reloads re-evaluate modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { kapDb?: Db };

export const db: Db = (globalForDb.kapDb ??= createPrismaClient(lazyFactory(configuredTarget())));
