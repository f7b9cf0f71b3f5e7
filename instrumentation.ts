// Runs once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/startup-checks");
  // `next build` loads this too: a build takes no backups and must not open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackupScheduler } = await import("./lib/backups/scheduler");
  startBackupScheduler();
  const { startOutboxSender } = await import("./lib/outbox/scheduler");
  startOutboxSender();
}
