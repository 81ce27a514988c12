-- Insights rollups (issue #4: the dashboard stays interactive at 1,000,000 leads). The
-- dashboard sums per-day rollup rows for the whole UTC days of a range and reads leads only for
-- the part-days at its edges; see the models' comment in schema.prisma.

-- DropIndex
DROP INDEX "Lead_insights_covering_idx";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "isTestLead" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "leadOfferId" TEXT;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "reachedStageIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "InsightsLeadDay" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "offerId" TEXT,
    "source" TEXT,
    "action" TEXT,
    "funnelStage" "FunnelStage" NOT NULL,
    "leads" INTEGER NOT NULL,
    "isDelta" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "InsightsLeadDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightsLeadHour" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "offerId" TEXT,
    "source" TEXT,
    "action" TEXT,
    "funnelStage" "FunnelStage" NOT NULL,
    "leads" INTEGER NOT NULL,
    "isDelta" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "InsightsLeadHour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightsOwnerDay" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "offerId" TEXT,
    "ownerId" TEXT,
    "leads" INTEGER NOT NULL,
    "doNotContact" INTEGER NOT NULL,
    "contacted" INTEGER NOT NULL,
    "contactedWithinTarget" INTEGER NOT NULL,
    "contactable" INTEGER NOT NULL,
    "contactableFollowUps" INTEGER NOT NULL,
    "followUps" INTEGER NOT NULL,
    "withinRange" INTEGER NOT NULL,
    "qualified" INTEGER NOT NULL,
    "followUpHistogram" INTEGER[],
    "firstContactHistogram" INTEGER[],
    "isDelta" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "InsightsOwnerDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightsStageDay" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "offerId" TEXT,
    "ownerId" TEXT,
    "stageId" TEXT,
    "reachedStageIds" TEXT[],
    "leads" INTEGER NOT NULL,
    "silentEligible" INTEGER NOT NULL,
    "isDelta" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "InsightsStageDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightsDeliveryDay" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "offerId" TEXT,
    "destinationId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "deliveries" INTEGER NOT NULL,
    "isDelta" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "InsightsDeliveryDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InsightsLeadDay_tenantId_day_idx" ON "InsightsLeadDay"("tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsLeadDay_isDelta_tenantId_day_idx" ON "InsightsLeadDay"("isDelta", "tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsLeadHour_tenantId_hour_idx" ON "InsightsLeadHour"("tenantId", "hour");

-- CreateIndex
CREATE INDEX "InsightsLeadHour_isDelta_tenantId_hour_idx" ON "InsightsLeadHour"("isDelta", "tenantId", "hour");

-- CreateIndex
CREATE INDEX "InsightsOwnerDay_tenantId_day_idx" ON "InsightsOwnerDay"("tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsOwnerDay_isDelta_tenantId_day_idx" ON "InsightsOwnerDay"("isDelta", "tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsStageDay_tenantId_day_idx" ON "InsightsStageDay"("tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsStageDay_isDelta_tenantId_day_idx" ON "InsightsStageDay"("isDelta", "tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsDeliveryDay_tenantId_day_idx" ON "InsightsDeliveryDay"("tenantId", "day");

-- CreateIndex
CREATE INDEX "InsightsDeliveryDay_isDelta_tenantId_day_idx" ON "InsightsDeliveryDay"("isDelta", "tenantId", "day");

-- CreateIndex
CREATE INDEX "Delivery_tenantId_createdAt_idx" ON "Delivery"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_firstReceivedAt_idx" ON "Lead"("tenantId", "firstReceivedAt");


-- ---------------------------------------------------------------------------------------------
-- The facts one lead (or delivery) adds to each rollup, times `sign` (+1 to add, -1 to retract);
-- no row for test leads. The triggers below and the dashboard's part-day reads both use these,
-- so a rollup row and a live read can never disagree on what a lead counts as.
-- Constants mirror @leadrelay/leads: FIRST_CONTACT_TARGET_HOURS (24), FOLLOW_UP_RANGE (5–12),
-- follow-up histogram capped at 13 ("more than 12"), FIRST_CONTACT_BUCKETS (60 s × 1.1^k, 128).
-- ---------------------------------------------------------------------------------------------

-- Bucket of a time to first contact: 0 below a minute, then k covers [60·1.1^(k-1), 60·1.1^k) s.
CREATE FUNCTION "insights_first_contact_bucket"(seconds double precision) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds < 60 THEN 0 ELSE LEAST(127, 1 + floor(ln(seconds / 60) / ln(1.1))::int) END
$$;

-- A one-hot histogram as a short array: `sign` at 1-based position index + 1 (readers sum h[k]).
CREATE FUNCTION "insights_one_hot"(index integer, sign integer) RETURNS integer[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_fill(0, ARRAY[index]) || sign
$$;

-- Element-wise sum of histograms of any lengths (NULL is empty), for folding rollup rows.
CREATE FUNCTION "insights_add_arrays"(a integer[], b integer[]) RETURNS integer[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
              ELSE ARRAY(SELECT COALESCE(a[i], 0) + COALESCE(b[i], 0) FROM generate_series(1, GREATEST(cardinality(a), cardinality(b))) i) END
$$;

CREATE AGGREGATE "insights_sum_arrays"(integer[]) (
  SFUNC = "insights_add_arrays", STYPE = integer[], COMBINEFUNC = "insights_add_arrays", PARALLEL = SAFE
);

-- "at" is the arrival instant: InsightsLeadDay keys it by day, InsightsLeadHour by hour.
CREATE FUNCTION "insights_lead_facts"(l "Lead", sign integer)
  RETURNS TABLE ("tenantId" text, "at" timestamp(3), "offerId" text, "source" text, "action" text, "funnelStage" "FunnelStage", "leads" integer)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT l."tenantId", l."firstReceivedAt", l."offerId", l."source", l."action", l."funnelStage", sign
   WHERE NOT l."isTest"
$$;

CREATE FUNCTION "insights_owner_facts"(l "Lead", sign integer)
  RETURNS TABLE ("tenantId" text, "day" date, "offerId" text, "ownerId" text, "leads" integer, "doNotContact" integer,
                 "contacted" integer, "contactedWithinTarget" integer, "contactable" integer, "contactableFollowUps" integer,
                 "followUps" integer, "withinRange" integer, "qualified" integer, "followUpHistogram" integer[], "firstContactHistogram" integer[])
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT l."tenantId", l."firstReceivedAt"::date, l."offerId", l."ownerId", sign,
         sign * (l."funnelStage" = 'DO_NOT_CONTACT')::int,
         sign * (l."firstContactedAt" IS NOT NULL)::int,
         sign * COALESCE(l."firstContactedAt" - l."firstReceivedAt" <= interval '24 hours', false)::int,
         sign * (l."funnelStage" <> 'DO_NOT_CONTACT')::int,
         sign * CASE WHEN l."funnelStage" <> 'DO_NOT_CONTACT' THEN l."followUpCount" ELSE 0 END,
         sign * l."followUpCount",
         sign * (l."followUpCount" BETWEEN 5 AND 12)::int,
         sign * (l."qualifiedAt" IS NOT NULL)::int,
         CASE WHEN l."funnelStage" <> 'DO_NOT_CONTACT' THEN "insights_one_hot"(LEAST(GREATEST(l."followUpCount", 0), 13), sign) END,
         CASE WHEN l."firstContactedAt" IS NOT NULL THEN
           "insights_one_hot"("insights_first_contact_bucket"(GREATEST(0, EXTRACT(EPOCH FROM l."firstContactedAt" - l."firstReceivedAt")::float8)), sign) END
   WHERE NOT l."isTest"
$$;

CREATE FUNCTION "insights_stage_facts"(l "Lead", sign integer)
  RETURNS TABLE ("tenantId" text, "day" date, "offerId" text, "ownerId" text, "stageId" text, "reachedStageIds" text[],
                 "leads" integer, "silentEligible" integer)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT l."tenantId", l."firstReceivedAt"::date, l."offerId", l."ownerId", l."stageId", COALESCE(l."reachedStageIds", ARRAY[]::text[]), sign,
         sign * (l."funnelStage" <> 'DO_NOT_CONTACT' AND l."lastContactedAt" IS NOT NULL
                 AND l."nextFollowUpAt" IS NULL AND l."nurtureUntil" IS NULL)::int
   WHERE NOT l."isTest"
$$;

CREATE FUNCTION "insights_delivery_facts"(d "Delivery", sign integer)
  RETURNS TABLE ("tenantId" text, "day" date, "offerId" text, "destinationId" text, "status" "DeliveryStatus", "deliveries" integer)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT d."tenantId", d."createdAt"::date, d."leadOfferId", d."destinationId", d."status", sign
   WHERE NOT d."isTestLead"
$$;

-- ---------------------------------------------------------------------------------------------
-- Triggers. An update retracts the lead's old facts and adds its new ones, only for the
-- rollups whose facts changed (a repeat capture changes none of them).
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION "lead_reached_stages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."reachedStageIds" := COALESCE(NEW."reachedStageIds", ARRAY[]::text[]);
  IF NEW."stageId" IS NOT NULL AND NOT NEW."stageId" = ANY(NEW."reachedStageIds") THEN
    NEW."reachedStageIds" := NEW."reachedStageIds" || NEW."stageId";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Lead_reachedStageIds" BEFORE INSERT OR UPDATE OF "stageId", "reachedStageIds" ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION "lead_reached_stages"();

CREATE FUNCTION "lead_insights_rollups"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (SELECT f FROM "insights_lead_facts"(OLD, 1) f) IS DISTINCT FROM (SELECT f FROM "insights_lead_facts"(NEW, 1) f) THEN
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO "InsightsLeadDay" ("tenantId", "day", "offerId", "source", "action", "funnelStage", "leads")
      SELECT f."tenantId", f."at"::date, f."offerId", f."source", f."action", f."funnelStage", f."leads" FROM "insights_lead_facts"(OLD, -1) f;
      INSERT INTO "InsightsLeadHour" ("tenantId", "hour", "offerId", "source", "action", "funnelStage", "leads")
      SELECT f."tenantId", date_trunc('hour', f."at"), f."offerId", f."source", f."action", f."funnelStage", f."leads" FROM "insights_lead_facts"(OLD, -1) f;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO "InsightsLeadDay" ("tenantId", "day", "offerId", "source", "action", "funnelStage", "leads")
      SELECT f."tenantId", f."at"::date, f."offerId", f."source", f."action", f."funnelStage", f."leads" FROM "insights_lead_facts"(NEW, 1) f;
      INSERT INTO "InsightsLeadHour" ("tenantId", "hour", "offerId", "source", "action", "funnelStage", "leads")
      SELECT f."tenantId", date_trunc('hour', f."at"), f."offerId", f."source", f."action", f."funnelStage", f."leads" FROM "insights_lead_facts"(NEW, 1) f;
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR (SELECT f FROM "insights_owner_facts"(OLD, 1) f) IS DISTINCT FROM (SELECT f FROM "insights_owner_facts"(NEW, 1) f) THEN
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO "InsightsOwnerDay" ("tenantId", "day", "offerId", "ownerId", "leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable",
                                      "contactableFollowUps", "followUps", "withinRange", "qualified", "followUpHistogram", "firstContactHistogram")
      SELECT * FROM "insights_owner_facts"(OLD, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO "InsightsOwnerDay" ("tenantId", "day", "offerId", "ownerId", "leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable",
                                      "contactableFollowUps", "followUps", "withinRange", "qualified", "followUpHistogram", "firstContactHistogram")
      SELECT * FROM "insights_owner_facts"(NEW, 1);
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR (SELECT f FROM "insights_stage_facts"(OLD, 1) f) IS DISTINCT FROM (SELECT f FROM "insights_stage_facts"(NEW, 1) f) THEN
    IF TG_OP <> 'INSERT' THEN INSERT INTO "InsightsStageDay" ("tenantId", "day", "offerId", "ownerId", "stageId", "reachedStageIds", "leads", "silentEligible") SELECT * FROM "insights_stage_facts"(OLD, -1); END IF;
    IF TG_OP <> 'DELETE' THEN INSERT INTO "InsightsStageDay" ("tenantId", "day", "offerId", "ownerId", "stageId", "reachedStageIds", "leads", "silentEligible") SELECT * FROM "insights_stage_facts"(NEW, 1); END IF;
  END IF;
  -- A merge can give the lead an offer or make a test lead real: its deliveries' copies follow
  -- (their trigger then moves them in the delivery rollup).
  IF TG_OP = 'UPDATE' AND (OLD."offerId" IS DISTINCT FROM NEW."offerId" OR OLD."isTest" IS DISTINCT FROM NEW."isTest") THEN
    UPDATE "Delivery" SET "leadOfferId" = NEW."offerId", "isTestLead" = NEW."isTest" WHERE "leadId" = NEW."id";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Lead_insights" AFTER INSERT OR UPDATE OR DELETE ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION "lead_insights_rollups"();

CREATE FUNCTION "delivery_copy_lead"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT l."offerId", l."isTest" INTO NEW."leadOfferId", NEW."isTestLead" FROM "Lead" l WHERE l."id" = NEW."leadId";
  NEW."isTestLead" := COALESCE(NEW."isTestLead", false);
  RETURN NEW;
END
$$;

CREATE TRIGGER "Delivery_copyLead" BEFORE INSERT ON "Delivery"
  FOR EACH ROW EXECUTE FUNCTION "delivery_copy_lead"();

CREATE FUNCTION "delivery_insights_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (SELECT f FROM "insights_delivery_facts"(OLD, 1) f) IS DISTINCT FROM (SELECT f FROM "insights_delivery_facts"(NEW, 1) f) THEN
    IF TG_OP <> 'INSERT' THEN INSERT INTO "InsightsDeliveryDay" ("tenantId", "day", "offerId", "destinationId", "status", "deliveries") SELECT * FROM "insights_delivery_facts"(OLD, -1); END IF;
    IF TG_OP <> 'DELETE' THEN INSERT INTO "InsightsDeliveryDay" ("tenantId", "day", "offerId", "destinationId", "status", "deliveries") SELECT * FROM "insights_delivery_facts"(NEW, 1); END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Delivery_insights" AFTER INSERT OR UPDATE OR DELETE ON "Delivery"
  FOR EACH ROW EXECUTE FUNCTION "delivery_insights_rollup"();

-- ---------------------------------------------------------------------------------------------
-- Backfill: the stages each lead reached (its timeline's stage moves and its current stage),
-- the deliveries' copies of their lead, then the rollups as folded rows.
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "Lead" DISABLE TRIGGER "Lead_insights";
UPDATE "Lead" l SET "reachedStageIds" = r."ids"
  FROM (SELECT x."leadId", array_agg(x."stageId" ORDER BY x."at") AS "ids"
          FROM (SELECT DISTINCT ON (m."leadId", m."stageId") m."leadId", m."stageId", m."at"
                  FROM (SELECT t."leadId", t."data"->>'toStageId' AS "stageId", t."createdAt" AS "at" FROM "TimelineEvent" t WHERE t."kind" = 'stage.changed'
                        UNION ALL
                        SELECT "id", "stageId", 'infinity'::timestamp FROM "Lead" WHERE "stageId" IS NOT NULL) m
                 WHERE m."stageId" IS NOT NULL
                 ORDER BY m."leadId", m."stageId", m."at") x
         GROUP BY x."leadId") r
 WHERE r."leadId" = l."id";
ALTER TABLE "Lead" ENABLE TRIGGER "Lead_insights";

UPDATE "Delivery" d SET "leadOfferId" = l."offerId", "isTestLead" = l."isTest" FROM "Lead" l WHERE l."id" = d."leadId";
-- That update wrote delta rows; the backfill below recomputes every rollup from scratch.
DELETE FROM "InsightsDeliveryDay";

INSERT INTO "InsightsLeadDay" ("tenantId", "day", "offerId", "source", "action", "funnelStage", "leads", "isDelta")
SELECT f."tenantId", f."at"::date, f."offerId", f."source", f."action", f."funnelStage", sum(f."leads"), false
  FROM "Lead" l CROSS JOIN LATERAL "insights_lead_facts"(l, 1) f
 GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "InsightsLeadHour" ("tenantId", "hour", "offerId", "source", "action", "funnelStage", "leads", "isDelta")
SELECT f."tenantId", date_trunc('hour', f."at"), f."offerId", f."source", f."action", f."funnelStage", sum(f."leads"), false
  FROM "Lead" l CROSS JOIN LATERAL "insights_lead_facts"(l, 1) f
 GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "InsightsOwnerDay" ("tenantId", "day", "offerId", "ownerId", "leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable",
                                "contactableFollowUps", "followUps", "withinRange", "qualified", "followUpHistogram", "firstContactHistogram", "isDelta")
SELECT g."tenantId", g."day", g."offerId", g."ownerId", sum(g."leads"), sum(g."doNotContact"), sum(g."contacted"), sum(g."contactedWithinTarget"), sum(g."contactable"),
       sum(g."contactableFollowUps"), sum(g."followUps"), sum(g."withinRange"), sum(g."qualified"),
       "insights_sum_arrays"(g."followUpHistogram"), "insights_sum_arrays"(g."firstContactHistogram"),
       false
  FROM (SELECT f.* FROM "Lead" l CROSS JOIN LATERAL "insights_owner_facts"(l, 1) f) g
 GROUP BY 1, 2, 3, 4;

INSERT INTO "InsightsStageDay" ("tenantId", "day", "offerId", "ownerId", "stageId", "reachedStageIds", "leads", "silentEligible", "isDelta")
SELECT f."tenantId", f."day", f."offerId", f."ownerId", f."stageId", f."reachedStageIds", sum(f."leads"), sum(f."silentEligible"), false
  FROM "Lead" l CROSS JOIN LATERAL "insights_stage_facts"(l, 1) f
 GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "InsightsDeliveryDay" ("tenantId", "day", "offerId", "destinationId", "status", "deliveries", "isDelta")
SELECT f."tenantId", f."day", f."offerId", f."destinationId", f."status", sum(f."deliveries"), false
  FROM "Delivery" d CROSS JOIN LATERAL "insights_delivery_facts"(d, 1) f
 GROUP BY 1, 2, 3, 4, 5;

-- The dashboard's live counts (they depend on the time of the request): overdue follow-ups,
-- and the contacted leads not silent yet. Partial, so each holds only the leads concerned.
CREATE INDEX "Lead_insights_overdue_idx" ON "Lead" ("tenantId", "nextFollowUpAt") INCLUDE ("firstReceivedAt", "offerId", "ownerId", "stageId")
  WHERE NOT "isTest" AND "funnelStage" <> 'DO_NOT_CONTACT' AND "nextFollowUpAt" IS NOT NULL;
CREATE INDEX "Lead_insights_recently_contacted_idx" ON "Lead" ("tenantId", "lastContactedAt") INCLUDE ("firstReceivedAt", "offerId", "stageId")
  WHERE NOT "isTest" AND "funnelStage" <> 'DO_NOT_CONTACT' AND "lastContactedAt" IS NOT NULL AND "nextFollowUpAt" IS NULL AND "nurtureUntil" IS NULL;
