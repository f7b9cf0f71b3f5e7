import { z } from "zod";
import { minuteOfDay, whole } from "../clinic/settings-input";
import { numberFromForm } from "../input/decimal";
import { RETENTION_LIMITS } from "./retention";

// The admin's backup settings: when the daily backup runs (clinic-local time) and how many are
// kept. Bounded here and by the Clinic table's CHECK (Clinic_backup_settings).

export const ZBackupSettings = z.object({
  backupAtMinute: z.number({ error: "Enter the time of the daily backup, as HH:MM." }).int().min(0).max(24 * 60 - 1),
  backupKeepDaily: whole("The daily backups kept", "days", RETENTION_LIMITS.keepDaily.min, RETENTION_LIMITS.keepDaily.max),
  backupKeepMonthly: whole("The monthly backups kept", "months", RETENTION_LIMITS.keepMonthly.min, RETENTION_LIMITS.keepMonthly.max),
  /** Whether the admin agreed to the deletion of backups the new numbers no longer keep. */
  confirmDeletion: z.boolean(),
});
export type TBackupSettings = z.output<typeof ZBackupSettings>;

/** The form's fields as settings: a time ("02:30"), two numbers and a checkbox. */
export const ZBackupSettingsForm = z
  .record(z.string(), z.unknown())
  .transform((form) => ({
    backupAtMinute: minuteOfDay(form.backupAtMinute),
    backupKeepDaily: numberFromForm(form.backupKeepDaily),
    backupKeepMonthly: numberFromForm(form.backupKeepMonthly),
    confirmDeletion: form.confirmDeletion === "on",
  }))
  .pipe(ZBackupSettings);
