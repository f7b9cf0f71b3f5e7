// `npm run db:new NAME`: writes prisma/migrations/<timestamp>_NAME/migration.sql with the SQL
// that brings the committed migrations up to prisma/schema.prisma. Hand-written SQL (EXCLUDE,
// CHECK, triggers) is then appended to that file before it is committed.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../lib/db/adapter";
import { diffSchemaFromMigrations, MIGRATIONS_DIR } from "../lib/db/schema-engine";

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:new <name>   (lower-case letters, digits and underscores)");
    process.exit(2);
  }
  fs.mkdirSync(MIGRATIONS_DIR, { recursive: true });
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');

  // Diffs run on an in-memory PGlite: describing a schema through adapter-pg fails on
  // Debian's PostgreSQL 15, and nothing real is touched.
  const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    const sql = await diffSchemaFromMigrations(db.factory);
    if (!sql) {
      console.log("The schema matches the migrations: nothing to write.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
