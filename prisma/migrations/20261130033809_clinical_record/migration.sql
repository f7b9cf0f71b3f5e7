-- CreateEnum
CREATE TYPE "MeasureInstrument" AS ENUM ('PHQ9', 'GAD7', 'CSI16');

-- CreateEnum
CREATE TYPE "MeasureSource" AS ENUM ('CLINICIAN', 'LINK');

-- CreateEnum
CREATE TYPE "SafetyDecision" AS ENUM ('PROCEED', 'POSTPONE', 'REFER');

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "noteLateHours" INTEGER NOT NULL DEFAULT 72,
ADD COLUMN     "safetyScreenDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "safetyScreenEnabled" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "SessionNote" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "content" JSONB NOT NULL DEFAULT '{}',
    "signedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoteAddendum" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "noteId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoteAddendum_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureResponse" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "instrument" "MeasureInstrument" NOT NULL,
    "answers" INTEGER[],
    "total" INTEGER NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "source" "MeasureSource" NOT NULL,
    "enteredById" UUID NOT NULL,
    "sessionId" UUID,
    "linkId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "instruments" "MeasureInstrument"[],
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetyReview" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clientId" UUID NOT NULL,
    "screenId" UUID NOT NULL,
    "assessment" TEXT NOT NULL,
    "decision" "SafetyDecision" NOT NULL,
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SafetyReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SessionNote_sessionId_key" ON "SessionNote"("sessionId");

-- CreateIndex
CREATE INDEX "SessionNote_authorId_signedAt_idx" ON "SessionNote"("authorId", "signedAt");

-- CreateIndex
CREATE INDEX "NoteAddendum_noteId_signedAt_idx" ON "NoteAddendum"("noteId", "signedAt");

-- CreateIndex
CREATE INDEX "NoteAddendum_authorId_idx" ON "NoteAddendum"("authorId");

-- CreateIndex
CREATE INDEX "MeasureResponse_clientId_instrument_takenAt_idx" ON "MeasureResponse"("clientId", "instrument", "takenAt");

-- CreateIndex
CREATE INDEX "MeasureResponse_enteredById_idx" ON "MeasureResponse"("enteredById");

-- CreateIndex
CREATE INDEX "MeasureResponse_sessionId_idx" ON "MeasureResponse"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureResponse_linkId_instrument_key" ON "MeasureResponse"("linkId", "instrument");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureLink_tokenHash_key" ON "MeasureLink"("tokenHash");

-- CreateIndex
CREATE INDEX "MeasureLink_clientId_createdAt_idx" ON "MeasureLink"("clientId", "createdAt");

-- CreateIndex
CREATE INDEX "MeasureLink_createdById_idx" ON "MeasureLink"("createdById");

-- CreateIndex
CREATE INDEX "SafetyReview_clientId_reviewedAt_idx" ON "SafetyReview"("clientId", "reviewedAt");

-- CreateIndex
CREATE INDEX "SafetyReview_screenId_idx" ON "SafetyReview"("screenId");

-- CreateIndex
CREATE INDEX "SafetyReview_reviewedById_idx" ON "SafetyReview"("reviewedById");

-- AddForeignKey
ALTER TABLE "SessionNote" ADD CONSTRAINT "SessionNote_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionNote" ADD CONSTRAINT "SessionNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteAddendum" ADD CONSTRAINT "NoteAddendum_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "SessionNote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteAddendum" ADD CONSTRAINT "NoteAddendum_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "MeasureLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyReview" ADD CONSTRAINT "SafetyReview_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyReview" ADD CONSTRAINT "SafetyReview_screenId_fkey" FOREIGN KEY ("screenId") REFERENCES "MeasureResponse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyReview" ADD CONSTRAINT "SafetyReview_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what the database itself guarantees of the clinical record.

ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_safety_screen_days" CHECK ("safetyScreenDays" BETWEEN 1 AND 60);
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_note_late_hours" CHECK ("noteLateHours" BETWEEN 1 AND 2160);

-- P13: a signed note is never changed or deleted; a correction is an addendum.
CREATE FUNCTION kap_refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."signedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'SessionNote is append-only once signed: % refused', TG_OP USING ERRCODE = 'KP001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "SessionNote_signed_is_immutable" BEFORE UPDATE OR DELETE ON "SessionNote"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_signed_note_change();

-- P13: an addendum corrects a signed note, and is itself never changed.
CREATE FUNCTION kap_addendum_follows_signed_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "SessionNote" WHERE "id" = NEW."noteId" AND "signedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'P13: an addendum follows a signed note' USING ERRCODE = '23514', CONSTRAINT = 'NoteAddendum_note_signed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "NoteAddendum_note_signed" BEFORE INSERT ON "NoteAddendum"
  FOR EACH ROW EXECUTE FUNCTION kap_addendum_follows_signed_note();
CREATE TRIGGER "NoteAddendum_append_only" BEFORE UPDATE OR DELETE ON "NoteAddendum"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();
ALTER TABLE "NoteAddendum" ADD CONSTRAINT "NoteAddendum_text_given" CHECK (length(trim("text")) > 0);

-- Outcome measures: each item on its published scale (answers are the item's points, reverse
-- items already turned), and the total is their sum. PHQ-9: 9 items 0-3; GAD-7: 7 items 0-3;
-- CSI-16: 16 items, the first 0-6 and the rest 0-5.
CREATE FUNCTION kap_measure_answers_valid(instrument "MeasureInstrument", answers INTEGER[], total INTEGER)
RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
  SELECT answers IS NOT NULL
    AND array_position(answers, NULL) IS NULL
    AND cardinality(answers) = CASE instrument WHEN 'PHQ9' THEN 9 WHEN 'GAD7' THEN 7 ELSE 16 END
    AND 0 <= ALL (answers)
    AND (CASE instrument WHEN 'CSI16' THEN answers[1] <= 6 AND 5 >= ALL (answers[2:16]) ELSE 3 >= ALL (answers) END)
    AND total = (SELECT sum(a) FROM unnest(answers) AS a)
$$;
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_answers_on_scale"
  CHECK (kap_measure_answers_valid("instrument", "answers", "total"));
ALTER TABLE "MeasureResponse" ADD CONSTRAINT "MeasureResponse_link_source"
  CHECK (("source" = 'LINK') = ("linkId" IS NOT NULL));
CREATE TRIGGER "MeasureResponse_append_only" BEFORE UPDATE OR DELETE ON "MeasureResponse"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();

-- A measure link asks for one to three different measures, expires after it is made, and once
-- used stays used: the only change it allows is being used, once.
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_instruments" CHECK (
  cardinality("instruments") BETWEEN 1 AND 3 AND array_position("instruments", NULL) IS NULL);
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_expires_after_made" CHECK ("expiresAt" > "createdAt");
CREATE FUNCTION kap_measure_link_used_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD."usedAt" IS NOT NULL OR NEW."usedAt" IS NULL
     OR (NEW."id", NEW."clinicId", NEW."clientId", NEW."instruments", NEW."tokenHash", NEW."expiresAt", NEW."createdById", NEW."createdAt")
        IS DISTINCT FROM (OLD."id", OLD."clinicId", OLD."clientId", OLD."instruments", OLD."tokenHash", OLD."expiresAt", OLD."createdById", OLD."createdAt") THEN
    RAISE EXCEPTION 'MeasureLink is append-only: % refused', TG_OP USING ERRCODE = 'KP001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "MeasureLink_used_once" BEFORE UPDATE OR DELETE ON "MeasureLink"
  FOR EACH ROW EXECUTE FUNCTION kap_measure_link_used_once();

-- P12: a safety review states its assessment, and is never changed (a new decision is a new review).
ALTER TABLE "SafetyReview" ADD CONSTRAINT "SafetyReview_assessment_given" CHECK (length(trim("assessment")) > 0);
CREATE TRIGGER "SafetyReview_append_only" BEFORE UPDATE OR DELETE ON "SafetyReview"
  FOR EACH ROW EXECUTE FUNCTION kap_refuse_change();
