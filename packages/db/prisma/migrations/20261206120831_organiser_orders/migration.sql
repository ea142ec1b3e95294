-- Trigram indexes for the console's order search (substring of buyer name or e-mail).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "OrderChannel" AS ENUM ('ONLINE', 'BOX_OFFICE', 'API');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "channel" "OrderChannel" NOT NULL DEFAULT 'ONLINE';

-- CreateIndex
CREATE INDEX "Order_buyerName_trgm_idx" ON "Order" USING GIN ("buyerName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_buyerEmail_trgm_idx" ON "Order" USING GIN ("buyerEmail" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_organizationId_channel_createdAt_idx" ON "Order"("organizationId", "channel", "createdAt");
