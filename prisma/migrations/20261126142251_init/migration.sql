-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('THERAPIST', 'PSYCHIATRIST', 'FRONT_DESK', 'ADMIN');

-- CreateEnum
CREATE TYPE "KapModel" AS ENUM ('TAKING_TURNS', 'LOW_DOSE_TOGETHER');

-- CreateEnum
CREATE TYPE "CycleFormat" AS ENUM ('FULL', 'SINGLE_EXPERIENCE');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('PLANNING', 'ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('INTAKE', 'PREPARATION', 'MEDICAL_EVALUATION', 'MEDICINE_TAKING_TURNS', 'MEDICINE_LOW_DOSE', 'INTEGRATION', 'COUPLES_THERAPY');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "AttendeeRole" AS ENUM ('PARTICIPANT', 'JOURNEYER', 'SITTER');

-- CreateEnum
CREATE TYPE "ClearanceDecision" AS ENUM ('CLEARED', 'CLEARED_WITH_CONDITIONS', 'NOT_CLEARED', 'DEFERRED');

-- CreateEnum
CREATE TYPE "DoseRoute" AS ENUM ('SUBLINGUAL_LOZENGE', 'INTRAMUSCULAR');

-- CreateEnum
CREATE TYPE "VitalsPhase" AS ENUM ('BEFORE_DOSING', 'DURING', 'BEFORE_DISCHARGE');

-- CreateEnum
CREATE TYPE "SubstanceEntryKind" AS ENUM ('RECEIPT', 'ADMINISTRATION', 'WASTE', 'COUNT', 'CORRECTION');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('ALLOWED', 'DENIED', 'FAILED');

-- CreateTable
CREATE TABLE "Clinic" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "intakeMinutes" INTEGER NOT NULL DEFAULT 60,
    "preparationMinutes" INTEGER NOT NULL DEFAULT 90,
    "evaluationMinutes" INTEGER NOT NULL DEFAULT 60,
    "takingTurnsMinutes" INTEGER NOT NULL DEFAULT 180,
    "lowDoseMinutes" INTEGER NOT NULL DEFAULT 120,
    "integrationMinutes" INTEGER NOT NULL DEFAULT 90,
    "couplesTherapyMinutes" INTEGER NOT NULL DEFAULT 60,
    "minPreparationsTakingTurns" INTEGER NOT NULL DEFAULT 2,
    "minPreparationsLowDose" INTEGER NOT NULL DEFAULT 0,
    "clearanceValidityDays" INTEGER NOT NULL DEFAULT 90,
    "integrationMinDays" INTEGER NOT NULL DEFAULT 1,
    "integrationMaxDays" INTEGER NOT NULL DEFAULT 2,
    "lowDoseMinSessions" INTEGER NOT NULL DEFAULT 6,
    "lowDoseMaxSessions" INTEGER NOT NULL DEFAULT 8,
    "openWeekdays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5, 6]::INTEGER[],
    "opensAtMinute" INTEGER NOT NULL DEFAULT 480,
    "closesAtMinute" INTEGER NOT NULL DEFAULT 1200,
    "vitalsIntervalMinMinutes" INTEGER NOT NULL DEFAULT 15,
    "vitalsIntervalMaxMinutes" INTEGER NOT NULL DEFAULT 40,
    "maxSystolic" INTEGER NOT NULL DEFAULT 160,
    "maxDiastolic" INTEGER NOT NULL DEFAULT 90,
    "maxHeartRate" INTEGER NOT NULL DEFAULT 100,
    "dischargeMinMinutes" INTEGER NOT NULL DEFAULT 120,
    "idleTimeoutMinutes" INTEGER NOT NULL DEFAULT 15,
    "absoluteTimeoutHours" INTEGER NOT NULL DEFAULT 12,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Clinic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "StaffRole"[],
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Room" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "dosingEquipped" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Client" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "preferredName" TEXT,
    "dateOfBirth" DATE,
    "email" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Couple" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "partnerAId" UUID NOT NULL,
    "partnerBId" UUID NOT NULL,
    "couplesTherapistId" UUID NOT NULL,
    "partnerAKapTherapistId" UUID NOT NULL,
    "partnerBKapTherapistId" UUID NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Couple_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KapCycle" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "coupleId" UUID NOT NULL,
    "model" "KapModel" NOT NULL,
    "format" "CycleFormat" NOT NULL DEFAULT 'FULL',
    "status" "CycleStatus" NOT NULL DEFAULT 'PLANNING',
    "plannedSessionCount" INTEGER NOT NULL,
    "sharedGoals" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KapCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "coupleId" UUID NOT NULL,
    "cycleId" UUID,
    "kind" "SessionKind" NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "roomId" UUID,
    "journeyerId" UUID,
    "medicineSessionId" UUID,
    "createdById" UUID,
    "checkedInAt" TIMESTAMPTZ(3),
    "checkedInById" UUID,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" UUID,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelledById" UUID,
    "cancelReason" TEXT,
    "noShowAt" TIMESTAMPTZ(3),
    "noShowById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionClinician" (
    "sessionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "sessionStartsAt" TIMESTAMPTZ(3) NOT NULL,
    "sessionEndsAt" TIMESTAMPTZ(3) NOT NULL,
    "sessionStatus" "SessionStatus" NOT NULL,

    CONSTRAINT "SessionClinician_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "SessionAttendee" (
    "sessionId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "role" "AttendeeRole" NOT NULL DEFAULT 'PARTICIPANT',
    "sessionStartsAt" TIMESTAMPTZ(3) NOT NULL,
    "sessionEndsAt" TIMESTAMPTZ(3) NOT NULL,
    "sessionStatus" "SessionStatus" NOT NULL,

    CONSTRAINT "SessionAttendee_pkey" PRIMARY KEY ("sessionId","clientId")
);

-- CreateTable
CREATE TABLE "Clearance" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clientId" UUID NOT NULL,
    "psychiatristId" UUID NOT NULL,
    "evaluationSessionId" UUID,
    "evaluatedOn" DATE NOT NULL,
    "screening" JSONB NOT NULL DEFAULT '{}',
    "systolic" INTEGER NOT NULL,
    "diastolic" INTEGER NOT NULL,
    "heartRate" INTEGER NOT NULL,
    "decision" "ClearanceDecision" NOT NULL,
    "conditions" TEXT NOT NULL DEFAULT '',
    "models" "KapModel"[],
    "maxDoseMg" DECIMAL(8,2),
    "route" "DoseRoute",
    "validUntil" DATE NOT NULL,
    "signedAt" TIMESTAMPTZ(3),
    "supersedesId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Clearance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClearanceRevocation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clearanceId" UUID NOT NULL,
    "revokedById" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "revokedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClearanceRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DosingRecord" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "rideHomeName" TEXT,
    "rideHomePhone" TEXT,
    "dischargedAt" TIMESTAMPTZ(3),
    "dischargedById" UUID,
    "alertAndOriented" BOOLEAN,
    "escortPresent" BOOLEAN,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DosingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VitalsReading" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dosingRecordId" UUID NOT NULL,
    "phase" "VitalsPhase" NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "systolic" INTEGER NOT NULL,
    "diastolic" INTEGER NOT NULL,
    "heartRate" INTEGER NOT NULL,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VitalsReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoseHoldOverride" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dosingRecordId" UUID NOT NULL,
    "vitalsReadingId" UUID NOT NULL,
    "psychiatristId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoseHoldOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Administration" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dosingRecordId" UUID NOT NULL,
    "medicine" TEXT NOT NULL DEFAULT 'ketamine',
    "doseMg" DECIMAL(8,2) NOT NULL,
    "route" "DoseRoute" NOT NULL,
    "lotId" UUID NOT NULL,
    "administeredAt" TIMESTAMPTZ(3) NOT NULL,
    "givenById" UUID NOT NULL,
    "witnessedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Administration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubstanceLot" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "lotNumber" TEXT NOT NULL,
    "medicine" TEXT NOT NULL DEFAULT 'ketamine',
    "balanceMg" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SubstanceLot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubstanceLogEntry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "lotId" UUID NOT NULL,
    "kind" "SubstanceEntryKind" NOT NULL,
    "quantityMg" DECIMAL(12,2) NOT NULL,
    "balanceAfterMg" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "countedMg" DECIMAL(12,2),
    "reason" TEXT NOT NULL DEFAULT '',
    "administrationId" UUID,
    "correctsId" UUID,
    "recordedById" UUID NOT NULL,
    "witnessedById" UUID,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubstanceLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "clientId" UUID,
    "ip" TEXT,
    "outcome" "AuditOutcome" NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_clinicId_idx" ON "User"("clinicId");

-- CreateIndex
CREATE UNIQUE INDEX "Room_clinicId_name_key" ON "Room"("clinicId", "name");

-- CreateIndex
CREATE INDEX "Client_clinicId_lastName_firstName_idx" ON "Client"("clinicId", "lastName", "firstName");

-- CreateIndex
CREATE INDEX "Couple_clinicId_idx" ON "Couple"("clinicId");

-- CreateIndex
CREATE INDEX "Couple_partnerAId_idx" ON "Couple"("partnerAId");

-- CreateIndex
CREATE INDEX "Couple_partnerBId_idx" ON "Couple"("partnerBId");

-- CreateIndex
CREATE INDEX "Couple_couplesTherapistId_idx" ON "Couple"("couplesTherapistId");

-- CreateIndex
CREATE INDEX "Couple_partnerAKapTherapistId_idx" ON "Couple"("partnerAKapTherapistId");

-- CreateIndex
CREATE INDEX "Couple_partnerBKapTherapistId_idx" ON "Couple"("partnerBKapTherapistId");

-- CreateIndex
CREATE INDEX "KapCycle_coupleId_idx" ON "KapCycle"("coupleId");

-- CreateIndex
CREATE INDEX "Session_clinicId_startsAt_idx" ON "Session"("clinicId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_cycleId_idx" ON "Session"("cycleId");

-- CreateIndex
CREATE INDEX "Session_coupleId_startsAt_idx" ON "Session"("coupleId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_roomId_startsAt_idx" ON "Session"("roomId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_journeyerId_idx" ON "Session"("journeyerId");

-- CreateIndex
CREATE INDEX "Session_medicineSessionId_idx" ON "Session"("medicineSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_id_startsAt_endsAt_status_key" ON "Session"("id", "startsAt", "endsAt", "status");

-- CreateIndex
CREATE INDEX "SessionClinician_userId_sessionStartsAt_idx" ON "SessionClinician"("userId", "sessionStartsAt");

-- CreateIndex
CREATE INDEX "SessionAttendee_clientId_sessionStartsAt_idx" ON "SessionAttendee"("clientId", "sessionStartsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Clearance_supersedesId_key" ON "Clearance"("supersedesId");

-- CreateIndex
CREATE INDEX "Clearance_clientId_evaluatedOn_idx" ON "Clearance"("clientId", "evaluatedOn");

-- CreateIndex
CREATE INDEX "Clearance_psychiatristId_idx" ON "Clearance"("psychiatristId");

-- CreateIndex
CREATE UNIQUE INDEX "ClearanceRevocation_clearanceId_key" ON "ClearanceRevocation"("clearanceId");

-- CreateIndex
CREATE INDEX "ClearanceRevocation_revokedById_idx" ON "ClearanceRevocation"("revokedById");

-- CreateIndex
CREATE INDEX "DosingRecord_clientId_idx" ON "DosingRecord"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "DosingRecord_sessionId_clientId_key" ON "DosingRecord"("sessionId", "clientId");

-- CreateIndex
CREATE INDEX "VitalsReading_dosingRecordId_takenAt_idx" ON "VitalsReading"("dosingRecordId", "takenAt");

-- CreateIndex
CREATE INDEX "DoseHoldOverride_dosingRecordId_idx" ON "DoseHoldOverride"("dosingRecordId");

-- CreateIndex
CREATE INDEX "DoseHoldOverride_vitalsReadingId_idx" ON "DoseHoldOverride"("vitalsReadingId");

-- CreateIndex
CREATE INDEX "Administration_dosingRecordId_idx" ON "Administration"("dosingRecordId");

-- CreateIndex
CREATE INDEX "Administration_lotId_idx" ON "Administration"("lotId");

-- CreateIndex
CREATE UNIQUE INDEX "SubstanceLot_clinicId_lotNumber_key" ON "SubstanceLot"("clinicId", "lotNumber");

-- CreateIndex
CREATE UNIQUE INDEX "SubstanceLogEntry_administrationId_key" ON "SubstanceLogEntry"("administrationId");

-- CreateIndex
CREATE INDEX "SubstanceLogEntry_lotId_occurredAt_idx" ON "SubstanceLogEntry"("lotId", "occurredAt");

-- CreateIndex
CREATE INDEX "SubstanceLogEntry_occurredAt_idx" ON "SubstanceLogEntry"("occurredAt");

-- CreateIndex
CREATE INDEX "SubstanceLogEntry_correctsId_idx" ON "SubstanceLogEntry"("correctsId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_clientId_at_idx" ON "AuditEvent"("clientId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Client" ADD CONSTRAINT "Client_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Couple" ADD CONSTRAINT "Couple_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Couple" ADD CONSTRAINT "Couple_partnerAId_fkey" FOREIGN KEY ("partnerAId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Couple" ADD CONSTRAINT "Couple_partnerBId_fkey" FOREIGN KEY ("partnerBId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Couple" ADD CONSTRAINT "Couple_couplesTherapistId_fkey" FOREIGN KEY ("couplesTherapistId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Couple" ADD CONSTRAINT "Couple_partnerAKapTherapistId_fkey" FOREIGN KEY ("partnerAKapTherapistId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Couple" ADD CONSTRAINT "Couple_partnerBKapTherapistId_fkey" FOREIGN KEY ("partnerBKapTherapistId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KapCycle" ADD CONSTRAINT "KapCycle_coupleId_fkey" FOREIGN KEY ("coupleId") REFERENCES "Couple"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_coupleId_fkey" FOREIGN KEY ("coupleId") REFERENCES "Couple"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "KapCycle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_journeyerId_fkey" FOREIGN KEY ("journeyerId") REFERENCES "Client"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_medicineSessionId_fkey" FOREIGN KEY ("medicineSessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionClinician" ADD CONSTRAINT "SessionClinician_sessionId_sessionStartsAt_sessionEndsAt_s_fkey" FOREIGN KEY ("sessionId", "sessionStartsAt", "sessionEndsAt", "sessionStatus") REFERENCES "Session"("id", "startsAt", "endsAt", "status") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionClinician" ADD CONSTRAINT "SessionClinician_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAttendee" ADD CONSTRAINT "SessionAttendee_sessionId_sessionStartsAt_sessionEndsAt_se_fkey" FOREIGN KEY ("sessionId", "sessionStartsAt", "sessionEndsAt", "sessionStatus") REFERENCES "Session"("id", "startsAt", "endsAt", "status") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAttendee" ADD CONSTRAINT "SessionAttendee_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_psychiatristId_fkey" FOREIGN KEY ("psychiatristId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Clearance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClearanceRevocation" ADD CONSTRAINT "ClearanceRevocation_clearanceId_fkey" FOREIGN KEY ("clearanceId") REFERENCES "Clearance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClearanceRevocation" ADD CONSTRAINT "ClearanceRevocation_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DosingRecord" ADD CONSTRAINT "DosingRecord_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DosingRecord" ADD CONSTRAINT "DosingRecord_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VitalsReading" ADD CONSTRAINT "VitalsReading_dosingRecordId_fkey" FOREIGN KEY ("dosingRecordId") REFERENCES "DosingRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoseHoldOverride" ADD CONSTRAINT "DoseHoldOverride_dosingRecordId_fkey" FOREIGN KEY ("dosingRecordId") REFERENCES "DosingRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoseHoldOverride" ADD CONSTRAINT "DoseHoldOverride_vitalsReadingId_fkey" FOREIGN KEY ("vitalsReadingId") REFERENCES "VitalsReading"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Administration" ADD CONSTRAINT "Administration_dosingRecordId_fkey" FOREIGN KEY ("dosingRecordId") REFERENCES "DosingRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Administration" ADD CONSTRAINT "Administration_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "SubstanceLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubstanceLot" ADD CONSTRAINT "SubstanceLot_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubstanceLogEntry" ADD CONSTRAINT "SubstanceLogEntry_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "SubstanceLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubstanceLogEntry" ADD CONSTRAINT "SubstanceLogEntry_administrationId_fkey" FOREIGN KEY ("administrationId") REFERENCES "Administration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubstanceLogEntry" ADD CONSTRAINT "SubstanceLogEntry_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "SubstanceLogEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written invariants. The schema engine does not model these and ignores them in diffs.
-- ---------------------------------------------------------------------------------------------

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Clinic settings (PROTOCOL.md "(setting)"): the admin's form validates too; this is the floor.
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_session_lengths_positive" CHECK (
  "intakeMinutes" > 0 AND "preparationMinutes" > 0 AND "evaluationMinutes" > 0
  AND "takingTurnsMinutes" > 0 AND "lowDoseMinutes" > 0 AND "integrationMinutes" > 0
  AND "couplesTherapyMinutes" > 0);
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_preparations_nonnegative" CHECK (
  "minPreparationsTakingTurns" >= 0 AND "minPreparationsLowDose" >= 0);
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_integration_window" CHECK (
  "integrationMinDays" >= 0 AND "integrationMinDays" <= "integrationMaxDays");
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_low_dose_series" CHECK (
  "lowDoseMinSessions" >= 1 AND "lowDoseMinSessions" <= "lowDoseMaxSessions");
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_clearance_validity" CHECK ("clearanceValidityDays" > 0);
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_opening_hours" CHECK (
  "opensAtMinute" >= 0 AND "opensAtMinute" < "closesAtMinute" AND "closesAtMinute" <= 1440
  AND cardinality("openWeekdays") >= 1 AND "openWeekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7]);
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_vitals_limits" CHECK (
  "vitalsIntervalMinMinutes" > 0 AND "vitalsIntervalMinMinutes" <= "vitalsIntervalMaxMinutes"
  AND "maxSystolic" > "maxDiastolic" AND "maxDiastolic" > 0 AND "maxHeartRate" > 0
  AND "dischargeMinMinutes" >= 0);
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_sign_in_timeouts" CHECK (
  "idleTimeoutMinutes" > 0 AND "absoluteTimeoutHours" > 0);

ALTER TABLE "User" ADD CONSTRAINT "User_email_lower_case" CHECK ("email" = lower("email"));
ALTER TABLE "User" ADD CONSTRAINT "User_has_a_role" CHECK (cardinality("roles") >= 1);

ALTER TABLE "Room" ADD CONSTRAINT "Room_capacity_positive" CHECK ("capacity" > 0);

ALTER TABLE "Couple" ADD CONSTRAINT "Couple_two_distinct_partners" CHECK ("partnerAId" <> "partnerBId");

ALTER TABLE "KapCycle" ADD CONSTRAINT "KapCycle_planned_count_positive" CHECK ("plannedSessionCount" > 0);
-- A single experience is a Taking Turns format (one medicine session, one integration).
ALTER TABLE "KapCycle" ADD CONSTRAINT "KapCycle_single_experience_is_taking_turns"
  CHECK ("format" = 'FULL' OR "model" = 'TAKING_TURNS');

ALTER TABLE "Session" ADD CONSTRAINT "Session_ends_after_start" CHECK ("endsAt" > "startsAt");
-- Only a medical evaluation may be held by telehealth, without a room.
ALTER TABLE "Session" ADD CONSTRAINT "Session_room_required" CHECK ("roomId" IS NOT NULL OR "kind" = 'MEDICAL_EVALUATION');
-- P5: a Taking Turns medicine session has exactly one journeyer; other kinds have none.
ALTER TABLE "Session" ADD CONSTRAINT "Session_journeyer_iff_taking_turns"
  CHECK (("kind" = 'MEDICINE_TAKING_TURNS') = ("journeyerId" IS NOT NULL));
-- P4: an integration belongs to a medicine session; nothing else does.
ALTER TABLE "Session" ADD CONSTRAINT "Session_integration_has_medicine_session"
  CHECK (("kind" = 'INTEGRATION') = ("medicineSessionId" IS NOT NULL));
ALTER TABLE "Session" ADD CONSTRAINT "Session_not_its_own_medicine_session"
  CHECK ("medicineSessionId" IS NULL OR "medicineSessionId" <> "id");
-- KAP sessions belong to a cycle; ordinary couples therapy may stand alone.
ALTER TABLE "Session" ADD CONSTRAINT "Session_kap_kind_in_cycle"
  CHECK ("kind" = 'COUPLES_THERAPY' OR "cycleId" IS NOT NULL);
ALTER TABLE "Session" ADD CONSTRAINT "Session_cancellation_recorded"
  CHECK ("status" <> 'CANCELLED' OR ("cancelledAt" IS NOT NULL AND "cancelReason" IS NOT NULL));

-- P8: no room is in two overlapping sessions. Half-open ranges: touching sessions are fine.
ALTER TABLE "Session" ADD CONSTRAINT "Session_room_no_overlap" EXCLUDE USING gist (
  "roomId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&
) WHERE ("status" <> 'CANCELLED' AND "roomId" IS NOT NULL);

-- P8: no clinician and no partner is in two overlapping sessions. The rows carry the session's
-- time and status through the ON UPDATE CASCADE foreign key, so moving or cancelling a session
-- re-checks (or frees) everyone in it inside the same statement.
ALTER TABLE "SessionClinician" ADD CONSTRAINT "SessionClinician_no_overlap" EXCLUDE USING gist (
  "userId" WITH =, tstzrange("sessionStartsAt", "sessionEndsAt", '[)') WITH &&
) WHERE ("sessionStatus" <> 'CANCELLED');
ALTER TABLE "SessionAttendee" ADD CONSTRAINT "SessionAttendee_no_overlap" EXCLUDE USING gist (
  "clientId" WITH =, tstzrange("sessionStartsAt", "sessionEndsAt", '[)') WITH &&
) WHERE ("sessionStatus" <> 'CANCELLED');

-- P4: at most one live integration per medicine session.
CREATE UNIQUE INDEX "Session_one_integration_per_medicine_session" ON "Session"("medicineSessionId")
  WHERE "medicineSessionId" IS NOT NULL AND "status" <> 'CANCELLED';

ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_vitals_plausible" CHECK (
  "systolic" BETWEEN 50 AND 300 AND "diastolic" BETWEEN 20 AND 200 AND "diastolic" < "systolic"
  AND "heartRate" BETWEEN 20 AND 250);
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_valid_after_evaluation" CHECK ("validUntil" >= "evaluatedOn");
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_dose_positive" CHECK ("maxDoseMg" IS NULL OR "maxDoseMg" > 0);
-- A clearance that lets someone dose says for which models, how much and how.
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_cleared_is_complete" CHECK (
  "decision" NOT IN ('CLEARED', 'CLEARED_WITH_CONDITIONS')
  OR (cardinality("models") >= 1 AND "maxDoseMg" IS NOT NULL AND "route" IS NOT NULL));
ALTER TABLE "Clearance" ADD CONSTRAINT "Clearance_conditions_stated" CHECK (
  "decision" <> 'CLEARED_WITH_CONDITIONS' OR length(trim("conditions")) > 0);
ALTER TABLE "ClearanceRevocation" ADD CONSTRAINT "ClearanceRevocation_reason_given" CHECK (length(trim("reason")) > 0);

ALTER TABLE "VitalsReading" ADD CONSTRAINT "VitalsReading_plausible" CHECK (
  "systolic" BETWEEN 50 AND 300 AND "diastolic" BETWEEN 20 AND 200 AND "diastolic" < "systolic"
  AND "heartRate" BETWEEN 20 AND 250);
ALTER TABLE "DoseHoldOverride" ADD CONSTRAINT "DoseHoldOverride_reason_given" CHECK (length(trim("reason")) > 0);
ALTER TABLE "Administration" ADD CONSTRAINT "Administration_dose_positive" CHECK ("doseMg" > 0);
ALTER TABLE "Administration" ADD CONSTRAINT "Administration_witness_is_another_person" CHECK ("givenById" <> "witnessedById");

-- The controlled-substance log (Schedule III): a running balance per lot that never goes below zero.
ALTER TABLE "SubstanceLot" ADD CONSTRAINT "SubstanceLot_balance_not_negative" CHECK ("balanceMg" >= 0);
ALTER TABLE "SubstanceLogEntry" ADD CONSTRAINT "SubstanceLogEntry_sign_matches_kind" CHECK (
  ("kind" = 'RECEIPT' AND "quantityMg" > 0)
  OR ("kind" IN ('ADMINISTRATION', 'WASTE') AND "quantityMg" < 0)
  OR ("kind" = 'COUNT' AND "quantityMg" = 0 AND "countedMg" IS NOT NULL AND "countedMg" >= 0)
  OR ("kind" = 'CORRECTION' AND "quantityMg" <> 0 AND "correctsId" IS NOT NULL));
ALTER TABLE "SubstanceLogEntry" ADD CONSTRAINT "SubstanceLogEntry_waste_witnessed" CHECK (
  "kind" <> 'WASTE' OR ("witnessedById" IS NOT NULL AND "witnessedById" <> "recordedById"));
ALTER TABLE "SubstanceLogEntry" ADD CONSTRAINT "SubstanceLogEntry_administration_linked" CHECK (
  ("kind" = 'ADMINISTRATION') = ("administrationId" IS NOT NULL));

-- Each entry moves its lot's balance in the same statement; the lot's row lock orders
-- concurrent entries, and the lot's CHECK refuses an overdraw.
CREATE FUNCTION kap_post_substance_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "SubstanceLot" SET "balanceMg" = "balanceMg" + NEW."quantityMg", "updatedAt" = now()
    WHERE "id" = NEW."lotId"
    RETURNING "balanceMg" INTO NEW."balanceAfterMg";
  RETURN NEW;
END $$;
CREATE TRIGGER "SubstanceLogEntry_post" BEFORE INSERT ON "SubstanceLogEntry"
  FOR EACH ROW EXECUTE FUNCTION kap_post_substance_entry();

-- Append-only records: what was signed, given or logged is never changed or deleted.
CREATE FUNCTION kap_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'KP001';
END $$;
CREATE TRIGGER "SubstanceLogEntry_append_only" BEFORE UPDATE OR DELETE ON "SubstanceLogEntry"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();
CREATE TRIGGER "ClearanceRevocation_append_only" BEFORE UPDATE OR DELETE ON "ClearanceRevocation"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();
CREATE TRIGGER "Administration_append_only" BEFORE UPDATE OR DELETE ON "Administration"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();
CREATE TRIGGER "DoseHoldOverride_append_only" BEFORE UPDATE OR DELETE ON "DoseHoldOverride"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();

-- P11: a signed clearance is never edited in place; an amendment is a new row.
CREATE FUNCTION kap_refuse_signed_clearance_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."signedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'P11: a signed clearance cannot be changed or deleted; record an amendment'
      USING ERRCODE = 'KP001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Clearance_signed_is_immutable" BEFORE UPDATE OR DELETE ON "Clearance"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_signed_clearance_change();
