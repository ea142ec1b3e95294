-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "defaultLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "imageAlt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "imageColor" TEXT,
ADD COLUMN     "imageHeight" INTEGER,
ADD COLUMN     "imageKey" TEXT,
ADD COLUMN     "imagePlaceholder" TEXT,
ADD COLUMN     "imageWidth" INTEGER,
ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "venueNotes" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "PriceZone" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "TicketType" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
