-- CreateEnum
CREATE TYPE "CheckinDeviceRole" AS ENUM ('SCANNER', 'SUPERVISOR');

-- CreateEnum
CREATE TYPE "ScanKind" AS ENUM ('ENTRY', 'EXIT');

-- DropIndex
DROP INDEX "Scan_ticketId_idx";

-- AlterTable
ALTER TABLE "CheckinDevice" ADD COLUMN     "appVersion" TEXT,
ADD COLUMN     "createdById" UUID,
ADD COLUMN     "credentialRolledAt" TIMESTAMP(3),
ADD COLUMN     "eventIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "gate" TEXT NOT NULL DEFAULT 'Main entrance',
ADD COLUMN     "lastSyncAt" TIMESTAMP(3),
ADD COLUMN     "listIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "pairedAt" TIMESTAMP(3),
ADD COLUMN     "pairingExpiresAt" TIMESTAMP(3),
ADD COLUMN     "pairingTokenHash" TEXT,
ADD COLUMN     "role" "CheckinDeviceRole" NOT NULL DEFAULT 'SCANNER',
ADD COLUMN     "userId" UUID,
ALTER COLUMN "tokenHash" DROP NOT NULL,
ALTER COLUMN "status" SET DEFAULT 'PENDING';

-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "annulledAt" TIMESTAMP(3),
ADD COLUMN     "code" TEXT,
ADD COLUMN     "conflictWithScanId" UUID,
ADD COLUMN     "deviceResult" "ScanResult",
ADD COLUMN     "kind" "ScanKind" NOT NULL DEFAULT 'ENTRY',
ADD COLUMN     "listId" UUID,
ADD COLUMN     "overrideReason" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "CheckinList" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "allTicketTypes" BOOLEAN NOT NULL DEFAULT true,
    "ticketTypeIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "exitScans" BOOLEAN NOT NULL DEFAULT false,
    "allowReentry" BOOLEAN NOT NULL DEFAULT false,
    "validFrom" TIMESTAMP(3),
    "validUntil" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckinList_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckinList_eventId_idx" ON "CheckinList"("eventId");

-- CreateIndex
CREATE INDEX "CheckinList_organizationId_idx" ON "CheckinList"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckinDevice_pairingTokenHash_key" ON "CheckinDevice"("pairingTokenHash");

-- CreateIndex
CREATE INDEX "Scan_eventId_receivedAt_idx" ON "Scan"("eventId", "receivedAt");

-- CreateIndex
CREATE INDEX "Scan_ticketId_listId_idx" ON "Scan"("ticketId", "listId");

-- CreateIndex
CREATE INDEX "Ticket_eventId_updatedAt_id_idx" ON "Ticket"("eventId", "updatedAt", "id");

-- AddForeignKey
ALTER TABLE "CheckinList" ADD CONSTRAINT "CheckinList_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_listId_fkey" FOREIGN KEY ("listId") REFERENCES "CheckinList"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ─── Backfills and the ticket delta clock (hand-written) ─────────────────────

-- Tickets: "modified since" for scanner deltas. clock_timestamp() (not now()) so a row updated late
-- in a long transaction is stamped near its commit; the sync still reads with an overlap window.
UPDATE "Ticket" SET "updatedAt" = GREATEST("issuedAt", COALESCE("revokedAt", "issuedAt"), COALESCE("checkedInAt", "issuedAt"), COALESCE("transferredAt", "issuedAt"));

CREATE FUNCTION "ticket_touch_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updatedAt" := clock_timestamp();
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Ticket_touch_updated_at" BEFORE UPDATE ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION "ticket_touch_updated_at"();

-- Every existing event gets its default list ("All tickets", every type, once per ticket).
INSERT INTO "CheckinList" ("id", "organizationId", "eventId", "name", "updatedAt")
SELECT gen_random_uuid(), e."organizationId", e."id", 'All tickets', CURRENT_TIMESTAMP FROM "Event" e;

-- Earlier scans belong to their event's default list.
UPDATE "Scan" s SET "listId" = l."id" FROM "CheckinList" l WHERE l."eventId" = s."eventId" AND s."listId" IS NULL;

-- Earlier devices were already paired (they had a credential) and scoped to one event or to all.
UPDATE "CheckinDevice" SET "eventIds" = ARRAY["eventId"] WHERE "eventId" IS NOT NULL;
UPDATE "CheckinDevice" SET "pairedAt" = "createdAt" WHERE "tokenHash" IS NOT NULL;
UPDATE "CheckinDevice" SET "eventIds" = '{}' WHERE "eventIds" IS NULL;
UPDATE "CheckinDevice" SET "listIds" = '{}' WHERE "listIds" IS NULL;
UPDATE "CheckinList" SET "ticketTypeIds" = '{}' WHERE "ticketTypeIds" IS NULL;

-- A new event starts with its default list, whoever creates it (console, API, seed, tests).
CREATE FUNCTION "event_default_checkin_list"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CheckinList" ("id", "organizationId", "eventId", "name", "updatedAt")
  VALUES (gen_random_uuid(), NEW."organizationId", NEW."id", 'All tickets', CURRENT_TIMESTAMP);
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Event_default_checkin_list" AFTER INSERT ON "Event"
  FOR EACH ROW EXECUTE FUNCTION "event_default_checkin_list"();
