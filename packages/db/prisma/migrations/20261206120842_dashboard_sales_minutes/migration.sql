-- CreateTable
CREATE TABLE "SalesMinute" (
    "eventId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "ticketTypeId" UUID NOT NULL,
    "channel" VARCHAR(32) NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "ordersPaid" INTEGER NOT NULL DEFAULT 0,
    "ticketsSold" INTEGER NOT NULL DEFAULT 0,
    "revenueMinor" BIGINT NOT NULL DEFAULT 0,
    "ticketsRefunded" INTEGER NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SalesMinute_pkey" PRIMARY KEY ("eventId","minute","ticketTypeId","channel")
);

-- CreateIndex
CREATE INDEX "SalesMinute_organizationId_minute_idx" ON "SalesMinute"("organizationId", "minute");
