import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type pg from "pg";
import { acquireFolderLock } from "./folder-lock";
import { newPool, onLiveConnection } from "./pg-pool";
import { statementNames } from "./statement-names";

/** Where the data lives: the embedded PGlite (a folder, or memory) or a PostgreSQL server. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export type OpenDatabase = {
  target: DatabaseTarget;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded database's one open PGlite (a backup dumps through it); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export function targetFrom(databaseUrl: string | undefined, pgliteDir: string): DatabaseTarget {
  return databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dataDir: pgliteDir };
}

/**
 * adapter-pg runs a migration script by splitting it on every ";", which cuts PL/pgSQL
 * function bodies (and comments) apart. PostgreSQL's simple query protocol takes the whole
 * script as one implicit transaction, as `prisma migrate deploy` sends it.
 */
function wholeScripts<A extends Awaited<ReturnType<PrismaPg["connect"]>>>(adapter: A): A {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

/**
 * A transaction whose BEGIN met a dead connection (lib/db/pg-pool.ts) is started again on
 * another: nothing in it was sent yet. The adapter has already released the dead one.
 */
function restartableTransactions<A extends Awaited<ReturnType<PrismaPg["connect"]>>>(adapter: A, pool: pg.Pool): A {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = (isolationLevel) => onLiveConnection(pool, () => start(isolationLevel));
  return adapter;
}

/** A PGlite with the extensions our migrations need (btree_gist for the EXCLUDE constraints). */
export async function newPGlite(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { btree_gist } });
}

/** A Prisma adapter factory over an open PGlite (migrations after a restore use it too). */
export function pgliteFactory(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPGlite(client);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    // The adapter's own shadow database lacks btree_gist; ours loads it like the main one.
    connectToShadowDb: async () => new PrismaPGlite(await newPGlite("memory://")).connect(),
  };
}

export async function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<OpenDatabase> {
  if (target.kind === "postgres") {
    const pool = newPool({ connectionString: target.url, max: options.poolSize ?? 10 });
    // Prepared once per connection (lib/db/statement-names.ts). A pooler in transaction mode needs
    // its own support for them (PgBouncer 1.21+: max_prepared_statements).
    // The adapter's type wants a name for every query; node-postgres sends an unnamed one for undefined.
    const inner = new PrismaPg(pool, { statementNameGenerator: statementNames() as (query: { sql: string }) => string });
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => restartableTransactions(wholeScripts(await inner.connect()), pool),
      connectToShadowDb: async () => wholeScripts(await inner.connectToShadowDb()),
    };
    return { target, factory, close: () => pool.end() };
  }
  const release = target.dataDir.startsWith("memory://") ? () => {} : acquireFolderLock(target.dataDir);
  try {
    const client = await newPGlite(target.dataDir);
    return {
      target,
      factory: pgliteFactory(client),
      pglite: client,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
