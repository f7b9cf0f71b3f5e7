// `npm run db:move-to-postgres URL`: copies the embedded clinic (PGLITE_DIR, by default
// .data/pglite) into the empty PostgreSQL database at URL, checks the copy, and prints the
// DATABASE_URL to set. The embedded folder is left as it was; the dump is kept beside it, in
// backups/ (by default .data/backups).
import path from "node:path";
import { env } from "../lib/env";
import { defaultBackupPath } from "../lib/db/ops/dump-file";
import { moveToPostgres } from "../lib/db/ops/move-to-postgres";
import { openRaw } from "../lib/db/ops/raw";
import { runCommand } from "./db-command";

runCommand(async () => {
  const url = process.argv[2];
  if (!url) throw new Error("Usage: npm run db:move-to-postgres postgres://user:password@host:5432/database (an empty database)");
  const source = await openRaw(
    { kind: "pglite", dataDir: env.PGLITE_DIR },
    (owner) => `The app (process ${owner}) has the embedded database in ${env.PGLITE_DIR} open. Stop it (Ctrl-C where \`npm start\` runs), then move the clinic.`,
  );
  try {
    const { backup, tables } = await moveToPostgres(source, url, defaultBackupPath(new Date(), path.join(path.dirname(env.PGLITE_DIR), "backups")));
    console.log(`Copied ${tables.length} tables, ${tables.reduce((n, t) => n + t.rows, 0)} rows; every table's row count matches and the guards are in place.`);
    console.log(`The dump it used is kept as a backup: ${backup}`);
    console.log("\nStart the app on PostgreSQL from now on with:\n");
    console.log(`  DATABASE_URL=${url}`);
    console.log("\n(in .env.local or the server's environment). The embedded folder is unchanged; keep it until you are sure, and do not write to both.");
  } finally {
    await source.close();
  }
});
