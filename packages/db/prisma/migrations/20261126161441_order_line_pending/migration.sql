-- AlterEnum
ALTER TYPE "OrderLineStatus" ADD VALUE 'PENDING';
