// `npm run db:migrate`: applies the committed migrations to the configured database
// (PGlite folder by default, PostgreSQL when DATABASE_URL is set).
import { migrateConfiguredDatabase } from "../lib/db/setup";

migrateConfiguredDatabase()
  .then((applied) => {
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
