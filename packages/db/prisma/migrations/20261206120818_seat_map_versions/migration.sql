-- AlterTable
ALTER TABLE "SeatMap" ADD COLUMN     "document" JSONB,
ADD COLUMN     "previousVersionId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "SeatMap_previousVersionId_key" ON "SeatMap"("previousVersionId");

-- AddForeignKey
ALTER TABLE "SeatMap" ADD CONSTRAINT "SeatMap_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "SeatMap"("id") ON DELETE SET NULL ON UPDATE CASCADE;
