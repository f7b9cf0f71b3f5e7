import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { dumpDatabase, type DumpSource } from "../db/ops/backup";
import { backupStamp, writeBackup } from "../db/ops/dump-file";
import type { BackupRun } from "../db/generated/prisma/client";
import type { Db } from "../db/prisma";
import type { ClinicDay } from "../protocol/calendar";
import { APP_BACKUP_NAME, appBackupName, backupsToPrune } from "./retention";

// One backup taken by the running server: claimed as a BackupRun row (one running per clinic; one
// per clinic day for the schedule, so two processes on one PostgreSQL never both take it), the
// whole database dumped through the app's own connection (lib/db/ops/backup.ts), written 0600 in
// the backup folder under the run's own name, recorded OK with its size or FAILED with the reason
// (and then in the audit log too); after a success, retention deletes the clinic's old backups.

/** Where the dump comes from and the folder it goes to. */
export type BackupTarget = { source: DumpSource; dir: string };

export type BackupRequest = { clinicId: string; trigger: "SCHEDULED"; day: ClinicDay } | { clinicId: string; trigger: "MANUAL"; by: Staff };

const asDate = (day: ClinicDay) => new Date(`${day}T00:00:00.000Z`);

/**
 * Claims the run, or says it is taken (null): by another process (that day's backup) or because
 * the clinic's one running backup is under way. ON CONFLICT DO NOTHING: losing is not an error.
 */
export async function claimBackup(db: Db, request: BackupRequest, now: Date): Promise<string | null> {
  const id = randomUUID();
  const { count } = await db.backupRun.createMany({
    data: [
      {
        id,
        clinicId: request.clinicId,
        trigger: request.trigger,
        day: request.trigger === "SCHEDULED" ? asDate(request.day) : null,
        startedById: request.trigger === "MANUAL" ? request.by.id : null,
        startedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1 ? id : null;
}

/** A failure in words an office manager can act on: the disk, the folder, or what pg_dump said. */
export function backupFailureWords(error: unknown, dir: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = path.resolve(dir);
  const words: Record<string, string> = {
    ENOSPC: `The disk holding ${folder} is full.`,
    EDQUOT: `The disk quota for ${folder} is used up.`,
    EACCES: `This server may not write to ${folder} (permission denied).`,
    EPERM: `This server may not write to ${folder} (operation not permitted).`,
    EROFS: `${folder} is on a read-only disk.`,
    ENOTDIR: `${folder} is not a folder (a file is in the way).`,
    EEXIST: `${folder} is not a folder (a file is in the way).`,
  };
  const said = code && words[code] ? words[code] : error instanceof Error ? error.message : String(error);
  return said.length > 1000 ? `${said.slice(0, 1000)}…` : said;
}

/** Takes the claimed run's backup and records what came of it. Never throws for a failed backup. */
async function takeBackup(db: Db, target: BackupTarget, id: string, request: BackupRequest, now: Date): Promise<BackupRun> {
  const actor = request.trigger === "MANUAL" ? request.by : null;
  const fileName = appBackupName(backupStamp(now), id);
  let bytes: number;
  try {
    bytes = await writeBackup(path.join(target.dir, fileName), await dumpDatabase(target.source));
  } catch (error) {
    const words = backupFailureWords(error, target.dir);
    console.error(`Backup failed (${request.trigger === "MANUAL" ? "Back up now" : `the daily backup of ${request.day}`}): ${words}`);
    return db.$transaction(async (tx) => {
      const run = await tx.backupRun.update({ where: { id }, data: { outcome: "FAILED", finishedAt: new Date(), error: words } });
      await recordAudit(tx, actor, { action: "backup", entity: "BackupRun", entityId: id, outcome: "FAILED", clinicId: request.clinicId });
      return run;
    });
  }
  const run = await db.$transaction(async (tx) => {
    const done = await tx.backupRun.update({ where: { id }, data: { outcome: "OK", finishedAt: new Date(), fileName, sizeBytes: BigInt(bytes) } });
    if (actor) await recordAudit(tx, actor, { action: "backup", entity: "BackupRun", entityId: id, outcome: "ALLOWED" });
    return done;
  });
  await pruneBackups(db, target.dir, request.clinicId);
  return run;
}

/** Claims and takes one backup: the run as recorded (OK or FAILED), or null when it was not ours to take. */
export async function runBackup(db: Db, target: BackupTarget, request: BackupRequest, now = new Date()): Promise<BackupRun | null> {
  const id = await claimBackup(db, request, now);
  return id ? takeBackup(db, target, id, request, now) : null;
}

/**
 * Deletes the clinic's backups that retention no longer keeps: only files this app wrote (a run's
 * recorded name, of the app's own shape) in the backup folder. Returns how many.
 */
export async function pruneBackups(db: Db, dir: string, clinicId: string): Promise<number> {
  const clinic = await db.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timeZone: true, backupKeepDaily: true, backupKeepMonthly: true } });
  const kept = await db.backupRun.findMany({ where: { clinicId, outcome: "OK", prunedAt: null }, select: { id: true, startedAt: true, fileName: true } });
  const doomed = backupsToPrune(kept, { keepDaily: clinic.backupKeepDaily, keepMonthly: clinic.backupKeepMonthly, timeZone: clinic.timeZone });
  let deleted = 0;
  for (const run of doomed) {
    if (!run.fileName || !APP_BACKUP_NAME.test(run.fileName)) continue;
    try {
      await fs.promises.rm(path.join(dir, run.fileName), { force: true });
    } catch (error) {
      console.error(`Backup retention could not delete ${run.fileName}: ${backupFailureWords(error, dir)}`);
      continue;
    }
    await db.backupRun.update({ where: { id: run.id }, data: { prunedAt: new Date() } });
    deleted++;
  }
  return deleted;
}

/**
 * Runs still RUNNING that started before `startedBefore` were cut off (the server stopped or
 * crashed mid-backup): recorded FAILED, and in the audit log, so none stays "running" for ever
 * and the next one may start.
 */
export async function markInterruptedBackups(db: Db, startedBefore: Date): Promise<number> {
  const stale = await db.backupRun.findMany({ where: { outcome: "RUNNING", startedAt: { lt: startedBefore } }, select: { id: true, clinicId: true } });
  for (const run of stale) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.backupRun.updateMany({
        where: { id: run.id, outcome: "RUNNING" },
        data: { outcome: "FAILED", finishedAt: new Date(), error: "The server stopped before this backup finished; no file was kept." },
      });
      if (count === 1) await recordAudit(tx, null, { action: "backup", entity: "BackupRun", entityId: run.id, outcome: "FAILED", clinicId: run.clinicId });
    });
  }
  return stale.length;
}
