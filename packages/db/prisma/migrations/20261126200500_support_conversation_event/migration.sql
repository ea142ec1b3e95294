-- A buyer may ask about an event without an order: the conversation remembers which event (for
-- an order, the order's event), and the buyer's language for replies sent by e-mail.
ALTER TABLE "SupportConversation" ADD COLUMN "eventId" UUID,
ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';

CREATE INDEX "SupportConversation_requesterId_lastMessageAt_idx" ON "SupportConversation"("requesterId", "lastMessageAt");

CREATE INDEX "SupportConversation_eventId_idx" ON "SupportConversation"("eventId");

ALTER TABLE "SupportConversation" ADD CONSTRAINT "SupportConversation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;
