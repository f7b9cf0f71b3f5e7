// `npm run db:restore FILE [--erase-existing-data]`: restores a backup into the configured
// database, which must be empty unless told in words, then migrates it forward to this version.
import { configuredTarget } from "../lib/db/configured";
import { openRaw } from "../lib/db/ops/raw";
import { ERASE_FLAG, loadBackup, restoreBackup } from "../lib/db/ops/restore";
import { runCommand } from "./db-command";

runCommand(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== ERASE_FLAG);
  if (!file || unknown.length) throw new Error(`Usage: npm run db:restore FILE [${ERASE_FLAG}]`);
  const backup = await loadBackup(file);
  const target = configuredTarget();
  const database = await openRaw(
    target,
    (owner) => `The app (process ${owner}) has the embedded database open. Stop it before restoring into it.`,
    { create: true },
  );
  try {
    const { fromMigrations, applied } = await restoreBackup(database, backup, { eraseExisting: args.includes(ERASE_FLAG) });
    console.log(`Restored ${file} (taken at migration ${fromMigrations.at(-1)}).`);
    console.log(applied.length ? `Migrated forward: ${applied.join(", ")}.` : "Its schema is this version's: nothing to migrate.");
  } finally {
    await database.close();
  }
});
