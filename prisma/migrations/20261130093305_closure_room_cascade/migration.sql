-- DropForeignKey
ALTER TABLE "Closure" DROP CONSTRAINT "Closure_roomId_fkey";

-- AddForeignKey
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
