import { dumpDatabase } from "./backup";
import { checkDatabase } from "./check";
import { writeBackup } from "./dump-file";
import { rawPostgres, type RawDatabase } from "./raw";
import { restoreDatabase } from "./restore";

export type MoveResult = { backup: string; tables: { table: string; rows: number }[]; databaseUrl: string };

/**
 * Copies the embedded clinic into an empty PostgreSQL database: one dump (also kept as a
 * backup file), restored in one transaction and migrated, then every table's row count compared
 * and db:check run on the copy. Any difference stops it with the words; the embedded database is
 * only read, so the clinic can go on there until DATABASE_URL is set.
 */
export async function moveToPostgres(source: RawDatabase, url: string, backup: string): Promise<MoveResult> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`Give a postgres:// or postgresql:// URL, not "${url}".`);
  await writeBackup(backup, await dumpDatabase(source));
  const target = await rawPostgres(url);
  try {
    await restoreDatabase(target, backup).catch((error: Error) => {
      if (!/is not empty/.test(error.message)) throw error;
      throw new Error("The PostgreSQL database is not empty; nothing was copied. Create an empty database for the clinic (e.g. createdb kap) and give its URL.");
    });
    const before = await rowCounts(source);
    const after = await rowCounts(target);
    const differing = [...new Set([...before.keys(), ...after.keys()])]
      .filter((table) => before.get(table) !== after.get(table))
      .map((table) => `${table}: ${before.get(table) ?? "no table"} in the embedded database, ${after.get(table) ?? "no table"} in PostgreSQL`);
    if (differing.length) throw new Error(`The copy differs from the embedded database:\n- ${differing.join("\n- ")}`);
    const problems = await checkDatabase(target);
    if (problems.length) throw new Error(`The copy in PostgreSQL fails its checks:\n- ${problems.join("\n- ")}`);
    return { backup, tables: [...after].map(([table, rows]) => ({ table, rows })), databaseUrl: url };
  } finally {
    await target.close();
  }
}

async function rowCounts(database: RawDatabase): Promise<Map<string, number>> {
  const tables = await database.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const counts = new Map<string, number>();
  for (const { tablename } of tables) {
    const [row] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${tablename}"`);
    counts.set(tablename, row!.n);
  }
  return counts;
}
