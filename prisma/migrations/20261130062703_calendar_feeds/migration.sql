-- CreateEnum
CREATE TYPE "CalendarFeedScope" AS ENUM ('CLINICIAN', 'ROOM', 'CLINIC');

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "feedFullNames" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "scope" "CalendarFeedScope" NOT NULL,
    "roomId" UUID,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFetchedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_ownerId_revokedAt_idx" ON "CalendarFeed"("ownerId", "revokedAt");

-- CreateIndex
CREATE INDEX "CalendarFeed_clinicId_idx" ON "CalendarFeed"("clinicId");

-- CreateIndex
CREATE INDEX "CalendarFeed_roomId_idx" ON "CalendarFeed"("roomId");

-- CreateIndex
CREATE INDEX "CalendarFeed_revokedById_idx" ON "CalendarFeed"("revokedById");

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Calendar feeds: a ROOM feed names its room and no other does; one live feed per person and
-- kind (and room), so a new address for it is made by revoking the old one in the same step.
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_room_iff_room_scope" CHECK (("scope" = 'ROOM') = ("roomId" IS NOT NULL));
CREATE UNIQUE INDEX "CalendarFeed_one_live_per_scope" ON "CalendarFeed" ("ownerId", "scope", (COALESCE("roomId", '00000000-0000-0000-0000-000000000000'::uuid))) WHERE "revokedAt" IS NULL;

-- iCalendar SEQUENCE: every subscribed calendar replaces an event whose SEQUENCE went up. The
-- database keeps it, so every way a session changes (a move, a cancellation, a restore, a
-- hand-written UPDATE) raises it when the time, the room or whether it is cancelled changes,
-- and nothing else can set it.
CREATE FUNCTION kap_session_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."sequence" := OLD."sequence";
  IF NEW."startsAt" IS DISTINCT FROM OLD."startsAt"
     OR NEW."endsAt" IS DISTINCT FROM OLD."endsAt"
     OR NEW."roomId" IS DISTINCT FROM OLD."roomId"
     OR (NEW."status" = 'CANCELLED') IS DISTINCT FROM (OLD."status" = 'CANCELLED') THEN
    NEW."sequence" := OLD."sequence" + 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Session_sequence" BEFORE UPDATE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION kap_session_sequence();
