-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "cancellationReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TicketType" ADD COLUMN     "hiddenUnlessVoucher" BOOLEAN NOT NULL DEFAULT false;
