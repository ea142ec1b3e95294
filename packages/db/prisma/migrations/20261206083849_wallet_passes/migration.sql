-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "brandColor" TEXT,
ADD COLUMN     "brandTextColor" TEXT;

-- AlterTable
ALTER TABLE "Venue" ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "WalletPass" (
    "ticketId" UUID NOT NULL,
    "authTokenHash" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalletPass_pkey" PRIMARY KEY ("ticketId")
);

-- CreateTable
CREATE TABLE "WalletRegistration" (
    "deviceLibraryId" TEXT NOT NULL,
    "ticketId" UUID NOT NULL,
    "pushToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalletRegistration_pkey" PRIMARY KEY ("deviceLibraryId","ticketId")
);

-- CreateIndex
CREATE INDEX "WalletPass_changedAt_idx" ON "WalletPass"("changedAt");

-- CreateIndex
CREATE INDEX "WalletRegistration_ticketId_idx" ON "WalletRegistration"("ticketId");

-- AddForeignKey
ALTER TABLE "WalletPass" ADD CONSTRAINT "WalletPass_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletRegistration" ADD CONSTRAINT "WalletRegistration_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "WalletPass"("ticketId") ON DELETE CASCADE ON UPDATE CASCADE;
