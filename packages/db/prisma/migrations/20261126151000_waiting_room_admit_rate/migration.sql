-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "waitingRoomAdmitPerMinute" INTEGER;

-- Hand-written guard: a positive outflow rate, or none.
ALTER TABLE "Event" ADD CONSTRAINT "Event_admit_rate_positive" CHECK ("waitingRoomAdmitPerMinute" IS NULL OR "waitingRoomAdmitPerMinute" > 0);
