-- CreateEnum
CREATE TYPE "SignInOutcome" AS ENUM ('SUCCEEDED', 'FAILED', 'THROTTLED');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "clinicId" UUID;

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    "ip" TEXT,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "outcome" "SignInOutcome" NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffSession_userId_endedAt_idx" ON "StaffSession"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_at_idx" ON "AuditEvent"("clinicId", "at");

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written.

-- Every audit row belongs to a clinic's log, so an admin's search never shows another clinic's
-- events. The writer passes the clinic when it knows it; otherwise it comes from the actor.
CREATE FUNCTION kap_audit_clinic() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."clinicId" IS NULL AND NEW."actorId" IS NOT NULL THEN
    SELECT "clinicId" INTO NEW."clinicId" FROM "User" WHERE "id" = NEW."actorId";
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "AuditEvent_clinic" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION kap_audit_clinic();

-- A session ends with a reason, and only an ended session has one.
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_end_has_reason"
  CHECK (("endedAt" IS NULL) = ("endReason" IS NULL));
