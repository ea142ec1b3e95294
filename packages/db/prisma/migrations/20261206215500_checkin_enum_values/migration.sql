-- New enum values get their own migration: PostgreSQL refuses a value added in the same
-- transaction (a migration runs as one) as a statement that uses it.
ALTER TYPE "DeviceStatus" ADD VALUE 'PENDING';
ALTER TYPE "ScanResult" ADD VALUE 'MALFORMED';
ALTER TYPE "ScanResult" ADD VALUE 'NOT_ON_LIST';
ALTER TYPE "ScanResult" ADD VALUE 'NOT_YET_VALID';
ALTER TYPE "ScanResult" ADD VALUE 'EXPIRED';
