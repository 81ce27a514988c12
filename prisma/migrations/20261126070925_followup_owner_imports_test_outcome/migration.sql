-- AlterTable
ALTER TABLE "Destination" ADD COLUMN     "failingSince" TIMESTAMP(3),
ADD COLUMN     "lastTestAt" TIMESTAMP(3),
ADD COLUMN     "lastTestResult" JSONB;

-- AlterTable
ALTER TABLE "Offer" ADD COLUMN     "defaultOwnerId" TEXT;

-- CreateTable
CREATE TABLE "AzureTableImport" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "offerId" TEXT,
    "name" TEXT NOT NULL,
    "tableName" TEXT NOT NULL DEFAULT 'MarketplaceLeads',
    "secretsCiphertext" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "intervalMinutes" INTEGER NOT NULL DEFAULT 15,
    "checkpointAt" TIMESTAMP(3),
    "checkpointKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "lastImportedCount" INTEGER NOT NULL DEFAULT 0,
    "totalImported" INTEGER NOT NULL DEFAULT 0,
    "nextSyncAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AzureTableImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AzureTableImport_tenantId_idx" ON "AzureTableImport"("tenantId");

-- CreateIndex
CREATE INDEX "AzureTableImport_enabled_nextSyncAt_idx" ON "AzureTableImport"("enabled", "nextSyncAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_isTest_firstReceivedAt_idx" ON "Lead"("tenantId", "isTest", "firstReceivedAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_ownerId_lastReceivedAt_idx" ON "Lead"("tenantId", "ownerId", "lastReceivedAt" DESC);

-- CreateIndex
CREATE INDEX "TimelineEvent_tenantId_kind_createdAt_idx" ON "TimelineEvent"("tenantId", "kind", "createdAt");

-- AddForeignKey
ALTER TABLE "AzureTableImport" ADD CONSTRAINT "AzureTableImport_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AzureTableImport" ADD CONSTRAINT "AzureTableImport_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

