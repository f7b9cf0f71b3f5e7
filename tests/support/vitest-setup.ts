// Tests never touch the developer's embedded database folder: the configured database, if any
// module asks for it, is an in-memory PGlite.
process.env.PGLITE_DIR = "memory://";
delete process.env.DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-long-enough-for-next-auth-0123456789";
