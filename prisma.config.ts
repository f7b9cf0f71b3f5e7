import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file: migrations are applied by scripts/db-migrate.ts with
// Prisma's WebAssembly schema engine, because the CLI's native engine cannot be downloaded here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
