-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "weekdayClosesAtMinute" INTEGER[] DEFAULT ARRAY[1200, 1200, 1200, 1200, 1200, 1200, 1200]::INTEGER[],
ADD COLUMN     "weekdayOpensAtMinute" INTEGER[] DEFAULT ARRAY[480, 480, 480, 480, 480, 480, 480]::INTEGER[];

-- CreateTable
CREATE TABLE "Closure" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "roomId" UUID,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "declaredById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Closure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Closure_clinicId_endsAt_idx" ON "Closure"("clinicId", "endsAt");

-- CreateIndex
CREATE INDEX "Closure_roomId_idx" ON "Closure"("roomId");

-- CreateIndex
CREATE INDEX "Closure_declaredById_idx" ON "Closure"("declaredById");

-- AddForeignKey
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_declaredById_fkey" FOREIGN KEY ("declaredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Issue 14: each clinic's one pair of opening hours becomes the hours of every weekday, so nothing
-- changes until an admin sets a day's own hours.
UPDATE "Clinic" SET "weekdayOpensAtMinute" = array_fill("opensAtMinute", ARRAY[7]), "weekdayClosesAtMinute" = array_fill("closesAtMinute", ARRAY[7]);

-- Seven days of hours, each opening before it closes within the day (NULL in either list is refused too).
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_weekday_hours" CHECK (
  "weekdayOpensAtMinute" IS NOT NULL AND "weekdayClosesAtMinute" IS NOT NULL
  AND cardinality("weekdayOpensAtMinute") = 7 AND cardinality("weekdayClosesAtMinute") = 7
  AND COALESCE((
    "weekdayOpensAtMinute"[1] >= 0 AND "weekdayOpensAtMinute"[1] < "weekdayClosesAtMinute"[1] AND "weekdayClosesAtMinute"[1] <= 1440
    AND "weekdayOpensAtMinute"[2] >= 0 AND "weekdayOpensAtMinute"[2] < "weekdayClosesAtMinute"[2] AND "weekdayClosesAtMinute"[2] <= 1440
    AND "weekdayOpensAtMinute"[3] >= 0 AND "weekdayOpensAtMinute"[3] < "weekdayClosesAtMinute"[3] AND "weekdayClosesAtMinute"[3] <= 1440
    AND "weekdayOpensAtMinute"[4] >= 0 AND "weekdayOpensAtMinute"[4] < "weekdayClosesAtMinute"[4] AND "weekdayClosesAtMinute"[4] <= 1440
    AND "weekdayOpensAtMinute"[5] >= 0 AND "weekdayOpensAtMinute"[5] < "weekdayClosesAtMinute"[5] AND "weekdayClosesAtMinute"[5] <= 1440
    AND "weekdayOpensAtMinute"[6] >= 0 AND "weekdayOpensAtMinute"[6] < "weekdayClosesAtMinute"[6] AND "weekdayClosesAtMinute"[6] <= 1440
    AND "weekdayOpensAtMinute"[7] >= 0 AND "weekdayOpensAtMinute"[7] < "weekdayClosesAtMinute"[7] AND "weekdayClosesAtMinute"[7] <= 1440
  ), false)
);

-- A closure ends after it starts, spans at most 366 calendar days (367 days of time allows for a
-- daylight-saving hour), and says why in at most 200 characters (lib/clinic/closures.ts).
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_ends_after_start" CHECK ("endsAt" > "startsAt");
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_span_bounded" CHECK ("endsAt" - "startsAt" <= interval '367 days');
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_reason_words" CHECK (char_length(btrim("reason")) BETWEEN 1 AND 200);
