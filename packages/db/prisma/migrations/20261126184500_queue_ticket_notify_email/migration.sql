-- A buyer in the waiting room may leave an e-mail address to be told when it is their turn.
ALTER TABLE "QueueTicket" ADD COLUMN "notifyEmail" TEXT;
ALTER TABLE "QueueTicket" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';
