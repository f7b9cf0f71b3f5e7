-- CreateEnum
CREATE TYPE "BackupOutcome" AS ENUM ('RUNNING', 'OK', 'FAILED');

-- CreateEnum
CREATE TYPE "BackupTrigger" AS ENUM ('SCHEDULED', 'MANUAL');

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "backupAtMinute" INTEGER NOT NULL DEFAULT 150,
ADD COLUMN     "backupKeepDaily" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "backupKeepMonthly" INTEGER NOT NULL DEFAULT 12;

-- CreateTable
CREATE TABLE "BackupRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "trigger" "BackupTrigger" NOT NULL,
    "day" DATE,
    "startedById" UUID,
    "outcome" "BackupOutcome" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "fileName" TEXT,
    "sizeBytes" BIGINT,
    "error" TEXT,
    "prunedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BackupRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackupRun_clinicId_startedAt_idx" ON "BackupRun"("clinicId", "startedAt");

-- CreateIndex
CREATE INDEX "BackupRun_startedById_idx" ON "BackupRun"("startedById");

-- CreateIndex
CREATE UNIQUE INDEX "BackupRun_clinicId_day_key" ON "BackupRun"("clinicId", "day");

-- AddForeignKey
ALTER TABLE "BackupRun" ADD CONSTRAINT "BackupRun_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupRun" ADD CONSTRAINT "BackupRun_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backups (issue 13): one run at a time per clinic (the daily one and "Back up now" alike), so
-- two server processes or two admins never write two at once; a scheduled run names its day and
-- no other does; a finished run says what came of it.
CREATE UNIQUE INDEX "BackupRun_one_running" ON "BackupRun" ("clinicId") WHERE "outcome" = 'RUNNING';
ALTER TABLE "BackupRun" ADD CONSTRAINT "BackupRun_day_iff_scheduled" CHECK (("trigger" = 'SCHEDULED') = ("day" IS NOT NULL));
ALTER TABLE "BackupRun" ADD CONSTRAINT "BackupRun_outcome_recorded" CHECK (
  ("outcome" = 'RUNNING' AND "finishedAt" IS NULL AND "fileName" IS NULL AND "error" IS NULL AND "prunedAt" IS NULL)
  OR ("outcome" = 'OK' AND "finishedAt" IS NOT NULL AND "fileName" IS NOT NULL AND "sizeBytes" >= 0 AND "error" IS NULL)
  OR ("outcome" = 'FAILED' AND "finishedAt" IS NOT NULL AND "fileName" IS NULL AND "error" IS NOT NULL AND "prunedAt" IS NULL)
);
-- The backup settings' bounds (lib/backups/retention.ts, RETENTION_LIMITS).
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_backup_settings" CHECK ("backupAtMinute" BETWEEN 0 AND 1439 AND "backupKeepDaily" BETWEEN 1 AND 366 AND "backupKeepMonthly" BETWEEN 0 AND 120);
