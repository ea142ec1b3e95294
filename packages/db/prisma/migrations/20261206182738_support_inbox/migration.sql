-- CreateEnum
CREATE TYPE "ConversationPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "ConversationChannel" AS ENUM ('WEB', 'EMAIL');

-- AlterEnum
ALTER TYPE "ConversationStatus" ADD VALUE 'SNOOZED';

-- AlterTable
ALTER TABLE "SupportConversation" ADD COLUMN     "assignedAt" TIMESTAMP(3),
ADD COLUMN     "channel" "ConversationChannel" NOT NULL DEFAULT 'WEB',
ADD COLUMN     "firstResponseAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseDueAt" TIMESTAMP(3),
ADD COLUMN     "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mergedIntoId" UUID,
ADD COLUMN     "nextResponseDueAt" TIMESTAMP(3),
ADD COLUMN     "number" INTEGER,
ADD COLUMN     "pendingSince" TIMESTAMP(3),
ADD COLUMN     "priority" "ConversationPriority" NOT NULL DEFAULT 'NORMAL',
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "snoozedUntil" TIMESTAMP(3),
ADD COLUMN     "waitingSince" TIMESTAMP(3);

-- Number the conversations there already are, per organisation in the order they were opened, from 1001.
UPDATE "SupportConversation" AS c SET "number" = n.number
FROM (SELECT "id", 1000 + ROW_NUMBER() OVER (PARTITION BY "organizationId" ORDER BY "createdAt", "id") AS number FROM "SupportConversation") AS n
WHERE c."id" = n."id";
ALTER TABLE "SupportConversation" ALTER COLUMN "number" SET NOT NULL;

-- AlterTable
ALTER TABLE "SupportMessage" ADD COLUMN     "channel" "ConversationChannel" NOT NULL DEFAULT 'WEB',
ADD COLUMN     "data" JSONB,
ADD COLUMN     "emailMessageId" TEXT,
ADD COLUMN     "emailSentAt" TIMESTAMP(3),
ADD COLUMN     "systemEvent" TEXT;

-- CreateTable
CREATE TABLE "SupportAttachment" (
    "id" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEmail" (
    "organizationId" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "conversationId" UUID,
    "supportMessageId" UUID,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("organizationId","messageId")
);

-- CreateTable
CREATE TABLE "SupportSettings" (
    "organizationId" UUID NOT NULL,
    "lastConversationNumber" INTEGER NOT NULL DEFAULT 1000,
    "firstResponseMinutes" INTEGER DEFAULT 240,
    "nextResponseMinutes" INTEGER DEFAULT 480,
    "autoAssign" BOOLEAN NOT NULL DEFAULT false,
    "maxOpenPerAgent" INTEGER NOT NULL DEFAULT 25,
    "autoSolvePendingDays" INTEGER,
    "inboundLocalPart" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportSettings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "SupportAgentState" (
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "lastAssignedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportAgentState_pkey" PRIMARY KEY ("organizationId","userId")
);

-- CreateTable
CREATE TABLE "CannedReply" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "shortcut" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CannedReply_pkey" PRIMARY KEY ("id")
);

-- Their organisations' counters continue after the numbers given above.
INSERT INTO "SupportSettings" ("organizationId", "lastConversationNumber", "updatedAt")
SELECT "organizationId", MAX("number"), CURRENT_TIMESTAMP FROM "SupportConversation" GROUP BY "organizationId";

-- CreateIndex
CREATE UNIQUE INDEX "SupportAttachment_storageKey_key" ON "SupportAttachment"("storageKey");

-- CreateIndex
CREATE INDEX "SupportAttachment_messageId_idx" ON "SupportAttachment"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "SupportSettings_inboundLocalPart_key" ON "SupportSettings"("inboundLocalPart");

-- CreateIndex
CREATE UNIQUE INDEX "CannedReply_organizationId_shortcut_key" ON "CannedReply"("organizationId", "shortcut");

-- CreateIndex
CREATE INDEX "SupportConversation_organizationId_assigneeId_status_idx" ON "SupportConversation"("organizationId", "assigneeId", "status");

-- CreateIndex
CREATE INDEX "SupportConversation_orderId_idx" ON "SupportConversation"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "SupportConversation_organizationId_number_key" ON "SupportConversation"("organizationId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "SupportMessage_emailMessageId_key" ON "SupportMessage"("emailMessageId");

-- AddForeignKey
ALTER TABLE "SupportConversation" ADD CONSTRAINT "SupportConversation_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "SupportConversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportAttachment" ADD CONSTRAINT "SupportAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "SupportMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundEmail" ADD CONSTRAINT "InboundEmail_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportSettings" ADD CONSTRAINT "SupportSettings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportAgentState" ADD CONSTRAINT "SupportAgentState_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportAgentState" ADD CONSTRAINT "SupportAgentState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
