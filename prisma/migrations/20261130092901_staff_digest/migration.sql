-- AlterEnum
ALTER TYPE "OutboxKind" ADD VALUE 'STAFF_DIGEST';

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "staffDigestAtMinute" INTEGER NOT NULL DEFAULT 420,
ADD COLUMN     "staffDigestOn" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "userId" UUID;

-- CreateIndex
CREATE INDEX "OutboxMessage_userId_idx" ON "OutboxMessage"("userId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The digest's time is a minute of the clinic's day (lib/clinic/settings-input.ts bounds it too),
-- and a message goes to one person: a partner or a member of staff, never both.
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_staff_digest_settings" CHECK ("staffDigestAtMinute" BETWEEN 0 AND 1439);
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_one_recipient" CHECK ("userId" IS NULL OR "clientId" IS NULL);
