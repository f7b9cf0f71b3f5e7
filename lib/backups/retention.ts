import { clinicDate } from "../protocol/calendar";

// Which of the app's own backups to keep: the last N days' and the last M months' (settings),
// as restic's --keep-daily and --keep-monthly count them: for each of the N most recent clinic
// days that have a backup, that day's latest; for each of the M most recent months that have one,
// that month's latest. A backup kept by either rule stays; every other one is deleted. Pure.

/** The backup settings' bounds: the form, the Clinic table's CHECK and the tests use these. */
export const RETENTION_LIMITS = { keepDaily: { min: 1, max: 366 }, keepMonthly: { min: 0, max: 120 } } as const;
export const DEFAULT_RETENTION = { keepDaily: 14, keepMonthly: 12 } as const;

export type Retention = { keepDaily: number; keepMonthly: number; timeZone: string };
export type StoredBackup = { id: string; startedAt: Date };

/** The latest backup of each of the `count` most recent buckets (days, months) that have one. */
function latestPerBucket(newestFirst: readonly StoredBackup[], count: number, bucketOf: (b: StoredBackup) => string): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const backup of newestFirst) {
    if (seen.size >= count) break;
    const bucket = bucketOf(backup);
    if (seen.has(bucket)) continue;
    seen.add(bucket);
    kept.push(backup.id);
  }
  return kept;
}

/** The ids of the backups to keep. */
export function backupsToKeep(backups: readonly StoredBackup[], retention: Retention): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : -1));
  const day = (b: StoredBackup) => clinicDate(b.startedAt, retention.timeZone);
  return new Set([...latestPerBucket(newestFirst, retention.keepDaily, day), ...latestPerBucket(newestFirst, retention.keepMonthly, (b) => day(b).slice(0, 7))]);
}

/** The backups to delete, oldest first. */
export function backupsToPrune<B extends StoredBackup>(backups: readonly B[], retention: Retention): B[] {
  const keep = backupsToKeep(backups, retention);
  return backups.filter((b) => !keep.has(b.id)).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/**
 * The name of a backup the app made: `kap-auto-<UTC time>-<run id's first 8>.sql.gz`. Retention
 * deletes only files of this shape, in the app's backup folder, that a recorded run wrote:
 * `npm run db:backup`'s `kap-<time>.sql.gz` and anything else there is never touched.
 */
export const APP_BACKUP_NAME = /^kap-auto-\d{8}T\d{6}Z-[0-9a-f]{8}\.sql\.gz$/;

export function appBackupName(stamp: string, runId: string): string {
  return `kap-auto-${stamp}-${runId.replace(/-/g, "").slice(0, 8)}.sql.gz`;
}
