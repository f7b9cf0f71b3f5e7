// `npm run db:seed`: the demo clinic, on the configured database. Safe to run again.
import { configuredTarget, lazyFactory } from "../lib/db/configured";
import { createPrismaClient } from "../lib/db/prisma";
import { seedDemoClinic } from "../prisma/seed/demo-clinic";

async function main() {
  const factory = lazyFactory(configuredTarget());
  const db = createPrismaClient(factory);
  try {
    const { created } = await seedDemoClinic(db);
    console.log(created ? "Seeded the demo clinic." : "The demo clinic is already there: nothing to do.");
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
