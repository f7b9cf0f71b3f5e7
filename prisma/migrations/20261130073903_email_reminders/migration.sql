-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('APPOINTMENT_REMINDER', 'MEDICINE_PREPARATION');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "remindersOptOut" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "preparationText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reminderAtMinute" INTEGER NOT NULL DEFAULT 540,
ADD COLUMN     "reminderDaysBefore" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "OutboxKind" NOT NULL,
    "sessionId" UUID,
    "clientId" UUID,
    "sessionStartsAt" TIMESTAMPTZ(3),
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_clinicId_dueAt_idx" ON "OutboxMessage"("clinicId", "dueAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_sessionId_idx" ON "OutboxMessage"("sessionId");

-- CreateIndex
CREATE INDEX "OutboxMessage_clientId_idx" ON "OutboxMessage"("clientId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Email reminders (issue 15): the settings' bounds (lib/clinic/settings-input.ts), and a message's
-- status agrees with what it records: a SENDING row holds a lease, a SENT one its time, a
-- WITHDRAWN one when, and attempts never go below zero.
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_reminder_settings" CHECK ("reminderDaysBefore" BETWEEN 1 AND 14 AND "reminderAtMinute" BETWEEN 0 AND 1439);
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_status_recorded" CHECK (
  "attempts" >= 0
  AND ("status" <> 'SENDING' OR ("claimedAt" IS NOT NULL AND "claimedBy" IS NOT NULL AND "leaseUntil" IS NOT NULL))
  AND (("status" = 'SENT') = ("sentAt" IS NOT NULL))
  AND (("status" = 'WITHDRAWN') = ("withdrawnAt" IS NOT NULL))
);
