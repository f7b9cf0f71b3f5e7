import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

// Runs before each test file's imports. The app reads its environment once (lib/env.ts), so
// the database is chosen here: the "postgres" project's own database, else an in-memory PGlite
// (never the developer's .data folder).
const url = inject("databaseUrl");
if (url) process.env.DATABASE_URL = url;
else delete process.env.DATABASE_URL;
process.env.PGLITE_DIR = "memory://";
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-long-enough-for-next-auth-0123456789";
// The app's own backups ("Back up now" in the authorization matrix) go to a scratch folder of this
// worker's, never .data/backups; tests that take backups name folders of their own.
process.env.KAP_BACKUP_DIR = path.join(os.tmpdir(), `kap-test-backups-${process.pid}`);
