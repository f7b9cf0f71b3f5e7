import { configuredTarget } from "./configured";
import { openDatabase, type DatabaseTarget } from "./adapter";
import { applyMigrations } from "./schema-engine";

export async function migrate(target: DatabaseTarget): Promise<string[]> {
  const database = await openDatabase(target);
  try {
    return await applyMigrations(database.factory);
  } finally {
    await database.close();
  }
}

export function migrateConfiguredDatabase(): Promise<string[]> {
  return migrate(configuredTarget());
}
