-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "seriesId" UUID;

-- CreateTable
CREATE TABLE "SessionSeries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "coupleId" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "firstDay" DATE NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionSeries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionSeries_clinicId_idx" ON "SessionSeries"("clinicId");

-- CreateIndex
CREATE INDEX "SessionSeries_coupleId_idx" ON "SessionSeries"("coupleId");

-- CreateIndex
CREATE INDEX "SessionSeries_createdById_idx" ON "SessionSeries"("createdById");

-- CreateIndex
CREATE INDEX "Session_seriesId_startsAt_idx" ON "Session"("seriesId", "startsAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "SessionSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_coupleId_fkey" FOREIGN KEY ("coupleId") REFERENCES "Couple"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (issue 14): a series is weekly or fortnightly, of 2 to 104 sessions or until a date,
-- starting at a time of day; only couples therapy repeats as a series.
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_rule_bounded"
  CHECK ("rule" ~ '^FREQ=WEEKLY;INTERVAL=[12];(COUNT=([2-9]|[1-9][0-9]|10[0-4])|UNTIL=[0-9]{8})$' AND "startMinute" BETWEEN 0 AND 1439);
ALTER TABLE "Session" ADD CONSTRAINT "Session_series_is_couples_therapy"
  CHECK ("seriesId" IS NULL OR "kind" = 'COUPLES_THERAPY');
