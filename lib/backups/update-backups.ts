import "server-only";
import { recordAudit } from "../audit/record";
import { can } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { BY_CONSTRAINT } from "../db/errors";
import type { BackupRun } from "../db/generated/prisma/client";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { backupsToPrune } from "./retention";
import { runBackup, type BackupTarget } from "./run-backup";
import { liveBackupTarget } from "./scheduler";
import type { TBackupSettings } from "./settings";

/**
 * An admin's "Back up now": one backup of the whole database, at once, one at a time (a second
 * press while one runs is told so). A failure is recorded (the list, the audit log) and said.
 */
export async function backUpNow(staff: Staff, target?: BackupTarget): Promise<BackupRun> {
  if (!can(staff.roles, "backup:manage")) throw new ForbiddenError();
  const run = await runBackup(db, target ?? (await liveBackupTarget()), { clinicId: staff.clinicId, trigger: "MANUAL", by: staff });
  if (!run) throw new InvalidInputError(BY_CONSTRAINT.BackupRun_one_running!.message);
  if (run.outcome === "FAILED") throw new InvalidInputError(`The backup failed: ${run.error} Earlier backups are as they were.`);
  return run;
}

/**
 * An admin sets the backup time and how many are kept. Numbers that keep fewer backups than
 * there are delete the rest after the next backup: that is asked for in so many words first.
 * Returns how many will go.
 */
export async function updateBackupSettings(staff: Staff, input: TBackupSettings): Promise<{ deleting: number }> {
  if (!can(staff.roles, "backup:manage")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const clinic = await tx.clinic.findUnique({ where: { id: staff.clinicId }, select: { timeZone: true } });
    if (!clinic) throw new NotFoundError("The clinic");
    const kept = await tx.backupRun.findMany({ where: { clinicId: staff.clinicId, outcome: "OK", prunedAt: null }, select: { id: true, startedAt: true } });
    const deleting = backupsToPrune(kept, { keepDaily: input.backupKeepDaily, keepMonthly: input.backupKeepMonthly, timeZone: clinic.timeZone }).length;
    if (deleting > 0 && !input.confirmDeletion) {
      const files = deleting === 1 ? "1 backup file" : `${deleting} backup files`;
      const message = `These numbers keep fewer backups than there are: ${files} would be deleted after the next backup. Tick the box to confirm, or keep more.`;
      throw new InvalidInputError(message, { confirmDeletion: [message] });
    }
    await tx.clinic.update({
      where: { id: staff.clinicId },
      data: { backupAtMinute: input.backupAtMinute, backupKeepDaily: input.backupKeepDaily, backupKeepMonthly: input.backupKeepMonthly },
    });
    await recordAudit(tx, staff, { action: "update", entity: "Clinic", entityId: staff.clinicId, outcome: "ALLOWED" });
    return { deleting };
  });
}
