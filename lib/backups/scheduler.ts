import "server-only";
import { db, dbAdapter } from "../db";
import type { BackupRun } from "../db/generated/prisma/client";
import type { Db } from "../db/prisma";
import { env } from "../env";
import { markInterruptedBackups, runBackup, type BackupTarget } from "./run-backup";
import { latestSlot } from "./schedule";

// The daily backups of the running server (instrumentation.ts starts this once per process).
// Every minute it asks, for each clinic, whether the latest daily backup due (lib/backups/
// schedule.ts) has been taken, and takes it if not. The claim is a row (BackupRun, unique per
// clinic and day), so the answer survives restarts (a server started after the time takes that
// day's backup once) and two processes on one PostgreSQL never both take it.

const TICK_MS = 60_000;
/** A run still "running" after this was cut off by a stop or a crash (a large clinic takes seconds). */
const INTERRUPTED_AFTER_MS = 15 * 60_000;

/** The running app's backups: its own database connection, to the configured folder. */
export async function liveBackupTarget(): Promise<BackupTarget> {
  return { source: await dbAdapter.dumpSource(), dir: env.KAP_BACKUP_DIR };
}

/**
 * Takes every daily backup due at `now` that nobody has taken. `interruptedBefore`: runs still
 * RUNNING that started before it are recorded as cut off. `clinicIds` limits it to some clinics.
 */
export async function runDueBackups(
  database: Db,
  target: BackupTarget,
  now = new Date(),
  options: { interruptedBefore?: Date; clinicIds?: string[] } = {},
): Promise<BackupRun[]> {
  await markInterruptedBackups(database, options.interruptedBefore ?? new Date(now.getTime() - INTERRUPTED_AFTER_MS));
  const clinics = await database.clinic.findMany({
    where: options.clinicIds ? { id: { in: options.clinicIds } } : {},
    select: { id: true, timeZone: true, backupAtMinute: true },
  });
  const runs: BackupRun[] = [];
  for (const clinic of clinics) {
    const { day } = latestSlot(now, clinic.backupAtMinute, clinic.timeZone);
    const taken = await database.backupRun.findUnique({ where: { clinicId_day: { clinicId: clinic.id, day: new Date(`${day}T00:00:00.000Z`) } }, select: { id: true } });
    if (taken) continue;
    const run = await runBackup(database, target, { clinicId: clinic.id, trigger: "SCHEDULED", day }, now);
    if (run) runs.push(run);
  }
  return runs;
}

const globalForScheduler = globalThis as unknown as { kapBackupScheduler?: NodeJS.Timeout };

/**
 * Starts the schedule in this server process (once, even if called again), unless
 * KAP_SCHEDULED_BACKUPS=off. The first look is a few seconds after start; then every minute.
 */
export function startBackupScheduler(): void {
  if (env.KAP_SCHEDULED_BACKUPS === "off" || globalForScheduler.kapBackupScheduler) return;
  const startedAt = new Date();
  let first = true;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      // The embedded database has one process, this one: a run left RUNNING before it started was cut off.
      const interruptedBefore = first && !env.DATABASE_URL ? startedAt : undefined;
      first = false;
      for (const run of await runDueBackups(db, await liveBackupTarget(), new Date(), { interruptedBefore })) {
        if (run.outcome === "OK") console.log(`Daily backup written: ${run.fileName} (${run.sizeBytes} bytes).`);
      }
    } catch (error) {
      console.error(`The backup schedule could not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  globalForScheduler.kapBackupScheduler = setInterval(() => void tick(), TICK_MS);
  globalForScheduler.kapBackupScheduler.unref();
  setTimeout(() => void tick(), 5_000).unref();
}
