// `npm run db:backup [PATH]`: a compressed plain-SQL dump of the whole configured database
// (PGlite folder by default, PostgreSQL when DATABASE_URL is set) to PATH, or by default to
// .data/backups/kap-<UTC time>.sql.gz. Exits non-zero, leaving earlier backups alone, on failure.
import { configuredTarget } from "../lib/db/configured";
import { backupDatabase } from "../lib/db/ops/backup";
import { defaultBackupPath } from "../lib/db/ops/dump-file";
import { openRaw } from "../lib/db/ops/raw";
import { runCommand } from "./db-command";

runCommand(async () => {
  const target = configuredTarget();
  const file = process.argv[2] ?? defaultBackupPath();
  const database = await openRaw(
    target,
    (owner) =>
      `The app (process ${owner}) has the embedded database in ${target.kind === "pglite" ? target.dataDir : ""} open, and only one process may open it. ` +
      "Stop the app (Ctrl-C where `npm start` runs), run `npm run db:backup` again, then start the app again: it takes a few seconds. " +
      "To take backups while the app runs, move the clinic to PostgreSQL (`npm run db:move-to-postgres`).",
  );
  try {
    const { bytes, seconds } = await backupDatabase(database, file);
    console.log(`Backup written: ${file} (${(bytes / 1024).toFixed(1)} KiB, ${seconds.toFixed(1)} s).`);
  } finally {
    await database.close();
  }
});
