// Migrates the configured database and seeds the demo clinic, in one process, so the
// embedded database is opened once and closed before the web server takes it over.
import { configuredTarget, lazyFactory } from "../lib/db/configured";
import { env } from "../lib/env";
import { createPrismaClient } from "../lib/db/prisma";
import { applyMigrations } from "../lib/db/schema-engine";
import { seedDemoClinic } from "../prisma/seed/demo-clinic";

async function main() {
  const target = configuredTarget();
  const factory = lazyFactory(target);
  const db = createPrismaClient(factory);
  try {
    const applied = await applyMigrations(factory);
    console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Migrations: up to date.");
    if (process.argv.includes("--no-seed")) return;
    const { created } = await seedDemoClinic(db, new Date(), { openEveryDay: env.KAP_DEMO_OPEN_EVERY_DAY === "1" });
    console.log(created ? "Seeded the demo clinic." : "Demo clinic: already there.");
  } finally {
    await db.$disconnect();
    await factory.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
