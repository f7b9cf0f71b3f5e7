// `npm run db:check`: the configured database's invariants (migrations applied, guards in place,
// no overlapping live sessions, lot balances equal to their logs), told in words; exit 1 if any fails.
import { configuredTarget } from "../lib/db/configured";
import { checkDatabase } from "../lib/db/ops/check";
import { openRaw } from "../lib/db/ops/raw";
import { runCommand } from "./db-command";

runCommand(async () => {
  const database = await openRaw(
    configuredTarget(),
    (owner) => `The app (process ${owner}) has the embedded database open. Stop it to check the database.`,
  );
  try {
    const problems = await checkDatabase(database);
    if (problems.length === 0) {
      console.log("The database is sound: migrations applied, guards in place, no overlapping sessions, lot balances match their logs.");
      return 0;
    }
    console.error(`${problems.length} problem(s):`);
    for (const problem of problems) console.error(`- ${problem}`);
    return 1;
  } finally {
    await database.close();
  }
});
