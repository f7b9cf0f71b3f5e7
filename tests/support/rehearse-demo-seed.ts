import type { Tx } from "@/lib/db/prisma";
import { seedDemoClinicIn } from "@/prisma/seed/demo-clinic";
import { testDb } from "./database";

// The demo clinic seeded inside a transaction that is rolled back, for tests that look at what
// the seed writes. Embedded database only (tests/integration/embedded/): on PostgreSQL the test
// files share one database, where seed.test.ts commits the demo clinic, whose sign-in emails
// are unique.

class RolledBack extends Error {}

export async function rehearseDemoSeed<T>(now: Date, look: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await testDb();
  let seen: T | undefined;
  await db
    .$transaction(
      async (tx) => {
        await seedDemoClinicIn(tx, "not-a-password-hash", now, { openEveryDay: true });
        seen = await look(tx);
        throw new RolledBack();
      },
      { timeout: 120_000, maxWait: 20_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return seen!;
}
