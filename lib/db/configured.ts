import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { env } from "../env";
import { openDatabase, targetFrom, type DatabaseTarget, type OpenDatabase } from "./adapter";
import type { DumpSource } from "./ops/backup";

/** The database this process was configured with (DATABASE_URL, else the PGlite folder). */
export function configuredTarget(): DatabaseTarget {
  return targetFrom(env.DATABASE_URL, env.PGLITE_DIR);
}

/**
 * An adapter factory that opens the database on the first query, not at import: `next build`
 * imports server modules and must not open (and lock) the embedded database.
 */
export function lazyFactory(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void>; dumpSource(): Promise<DumpSource> } {
  let opened: Promise<OpenDatabase> | undefined;
  const open = () => (opened ??= openDatabase(target, { poolSize: 20 }));
  return {
    provider: "postgres",
    adapterName: target.kind === "postgres" ? "@prisma/adapter-pg" : "pglite-prisma-adapter",
    connect: async () => (await open()).factory.connect(),
    connectToShadowDb: async () => (await open()).factory.connectToShadowDb(),
    // What a backup taken inside the running app reads: the embedded database only through the
    // PGlite this process holds open (no second process may open its folder), PostgreSQL by URL.
    dumpSource: async () => (target.kind === "postgres" ? { url: target.url } : { pglite: (await open()).pglite }),
    close: async () => {
      if (opened) await (await opened).close();
      opened = undefined;
    },
  };
}
