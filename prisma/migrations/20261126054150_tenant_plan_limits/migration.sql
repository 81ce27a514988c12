-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "apiRateLimitPerMinute" INTEGER,
ADD COLUMN     "captureRateLimitPerMinute" INTEGER;

