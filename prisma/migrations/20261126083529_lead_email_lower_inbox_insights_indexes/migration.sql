-- Inbox: the keyset indexes get id in the same direction as lastReceivedAt, so a page (and a
-- page after a cursor) is one index range, ties on lastReceivedAt included.
-- Insights: the (tenantId, isTest, firstReceivedAt) index becomes a covering one (below).
-- DropIndex
DROP INDEX "Lead_tenantId_isTest_firstReceivedAt_idx";

-- DropIndex
DROP INDEX "Lead_tenantId_isTest_lastReceivedAt_idx";

-- DropIndex
DROP INDEX "Lead_tenantId_lastReceivedAt_id_idx";

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "emailLower" TEXT;

-- The inbox's exact e-mail search reads "emailLower": the e-mail trimmed and lower-cased, as
-- de-duplication normalises it. The database keeps it, whoever writes the lead (capture,
-- imports, edits, raw SQL), so it can never drift from "email".
CREATE FUNCTION "lead_email_lower"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."emailLower" := NULLIF(lower(btrim(NEW."email", E' \t\n\r\f\v')), '');
  RETURN NEW;
END
$$;

CREATE TRIGGER "Lead_emailLower" BEFORE INSERT OR UPDATE OF "email" ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION "lead_email_lower"();

-- Backfill the existing leads (before the indexes are built).
UPDATE "Lead" SET "emailLower" = NULLIF(lower(btrim("email", E' \t\n\r\f\v')), '') WHERE "email" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Lead_tenantId_lastReceivedAt_id_idx" ON "Lead"("tenantId", "lastReceivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_isTest_lastReceivedAt_id_idx" ON "Lead"("tenantId", "isTest", "lastReceivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Lead_insights_covering_idx" ON "Lead"("tenantId", "isTest", "firstReceivedAt", "offerId", "funnelStage", "ownerId", "stageId", "followUpCount", "firstContactedAt", "lastContactedAt", "nextFollowUpAt", "nurtureUntil", "qualifiedAt", "id");

-- CreateIndex
CREATE INDEX "Lead_tenantId_emailLower_idx" ON "Lead"("tenantId", "emailLower");
