-- CreateEnum
CREATE TYPE "OfferType" AS ENUM ('SAAS', 'AZURE_APPLICATION', 'AZURE_VIRTUAL_MACHINE', 'AZURE_CONTAINER', 'CONSULTING_SERVICE', 'MANAGED_SERVICE', 'DYNAMICS_365_CUSTOMER_ENGAGEMENT', 'DYNAMICS_365_OPERATIONS', 'DYNAMICS_365_BUSINESS_CENTRAL', 'POWER_BI_APP', 'IOT_EDGE_MODULE', 'OTHER');

-- CreateEnum
CREATE TYPE "FunnelStage" AS ENUM ('INITIAL', 'ACTIVE', 'TRIAL', 'DO_NOT_CONTACT');

-- CreateEnum
CREATE TYPE "CaptureChannel" AS ENUM ('HTTPS', 'API', 'AZURE_TABLE', 'CSV', 'MANUAL');

-- CreateEnum
CREATE TYPE "DestinationKind" AS ENUM ('DYNAMICS_365', 'SALESFORCE', 'MARKETO', 'AZURE_TABLE', 'WEBHOOK', 'EMAIL');

-- CreateEnum
CREATE TYPE "DestinationState" AS ENUM ('ACTIVE', 'FAILING', 'PAUSED', 'DISABLED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'ACCEPTED', 'RETRYING', 'FAILED', 'HELD');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "privacyDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "publisherId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" "OfferType" NOT NULL,
    "listedAsContactMe" BOOLEAN NOT NULL DEFAULT false,
    "hasTestDrive" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaptureEndpoint" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "offerId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "tokenCiphertext" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "lastLeadAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaptureEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaptureRejection" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "captureEndpointId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "httpStatus" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "bodyExcerpt" TEXT,

    CONSTRAINT "CaptureRejection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "offerId" TEXT,
    "offerRef" TEXT,
    "offerTitle" TEXT,
    "dedupKey" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "country" TEXT,
    "company" TEXT,
    "title" TEXT,
    "source" TEXT,
    "action" TEXT,
    "funnelStage" "FunnelStage" NOT NULL,
    "description" TEXT,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "isPrivacyRedacted" BOOLEAN NOT NULL DEFAULT false,
    "privacyReason" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "touchpointCount" INTEGER NOT NULL DEFAULT 1,
    "firstReceivedAt" TIMESTAMP(3) NOT NULL,
    "lastReceivedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Touchpoint" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "channel" "CaptureChannel" NOT NULL,
    "captureEndpointId" TEXT,
    "source" TEXT,
    "action" TEXT,
    "funnelStage" "FunnelStage" NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rawBody" TEXT,
    "extraFields" JSONB,
    "idempotencyKey" TEXT NOT NULL,
    "isTest" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Touchpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Destination" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "offerId" TEXT,
    "kind" "DestinationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "secretsCiphertext" TEXT,
    "state" "DestinationState" NOT NULL DEFAULT 'ACTIVE',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastSuccessAt" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "lastFailureReason" TEXT,
    "pausedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Destination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "touchpointId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT NOT NULL,
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "externalId" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "responseExcerpt" TEXT,
    "error" TEXT,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Offer_tenantId_title_idx" ON "Offer"("tenantId", "title");

-- CreateIndex
CREATE UNIQUE INDEX "Offer_tenantId_publisherId_offerId_key" ON "Offer"("tenantId", "publisherId", "offerId");

-- CreateIndex
CREATE UNIQUE INDEX "CaptureEndpoint_tokenHash_key" ON "CaptureEndpoint"("tokenHash");

-- CreateIndex
CREATE INDEX "CaptureEndpoint_tenantId_offerId_idx" ON "CaptureEndpoint"("tenantId", "offerId");

-- CreateIndex
CREATE INDEX "CaptureRejection_captureEndpointId_receivedAt_idx" ON "CaptureRejection"("captureEndpointId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_lastReceivedAt_id_idx" ON "Lead"("tenantId", "lastReceivedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Lead_tenantId_offerId_lastReceivedAt_idx" ON "Lead"("tenantId", "offerId", "lastReceivedAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_funnelStage_lastReceivedAt_idx" ON "Lead"("tenantId", "funnelStage", "lastReceivedAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_isTest_lastReceivedAt_idx" ON "Lead"("tenantId", "isTest", "lastReceivedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Lead_tenantId_dedupKey_key" ON "Lead"("tenantId", "dedupKey");

-- CreateIndex
CREATE INDEX "Touchpoint_leadId_receivedAt_idx" ON "Touchpoint"("leadId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Touchpoint_tenantId_idempotencyKey_key" ON "Touchpoint"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Destination_tenantId_offerId_idx" ON "Destination"("tenantId", "offerId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_idempotencyKey_key" ON "Delivery"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Delivery_destinationId_status_createdAt_idx" ON "Delivery"("destinationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_tenantId_status_createdAt_idx" ON "Delivery"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_leadId_idx" ON "Delivery"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_touchpointId_destinationId_key" ON "Delivery"("touchpointId", "destinationId");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_startedAt_idx" ON "DeliveryAttempt"("deliveryId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_createdAt_idx" ON "ApiToken"("tenantId", "createdAt");

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureEndpoint" ADD CONSTRAINT "CaptureEndpoint_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureEndpoint" ADD CONSTRAINT "CaptureEndpoint_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureRejection" ADD CONSTRAINT "CaptureRejection_captureEndpointId_fkey" FOREIGN KEY ("captureEndpointId") REFERENCES "CaptureEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Touchpoint" ADD CONSTRAINT "Touchpoint_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Touchpoint" ADD CONSTRAINT "Touchpoint_captureEndpointId_fkey" FOREIGN KEY ("captureEndpointId") REFERENCES "CaptureEndpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Destination" ADD CONSTRAINT "Destination_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Destination" ADD CONSTRAINT "Destination_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_touchpointId_fkey" FOREIGN KEY ("touchpointId") REFERENCES "Touchpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

