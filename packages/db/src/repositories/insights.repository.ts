import { FIRST_CONTACT_TARGET_HOURS, FOLLOW_UP_RANGE, SILENT_AFTER_DAYS, type InsightsBucket } from "@leadrelay/leads";
import type { DbTx } from "../client";
import { Prisma } from "../generated/prisma/client";

/**
 * The insights dashboard's numbers, each computed by PostgreSQL (GROUP BY, date_trunc,
 * percentile_cont) so nothing loads leads into memory. Every query reads the same scope:
 * the tenant's real (non-test) leads that first arrived in the range, optionally for one
 * offer.
 */
export interface InsightsScope {
  tenantId: string;
  /** First instant of the range (inclusive). */
  from: Date;
  /** First instant after the range (exclusive). */
  to: Date;
  offerId: string | null;
  /** IANA zone the buckets are cut in (validated by the caller). */
  timeZone: string;
  bucket: InsightsBucket;
  now: Date;
}

export interface LeadSeriesRowDto {
  bucket: string;
  dimension: "source" | "action" | "funnelStage";
  key: string | null;
  count: number;
}

export interface InsightsTotalsDto {
  leads: number;
  doNotContact: number;
  contacted: number;
  contactedWithinTarget: number;
  /** Median seconds from arrival to first contact, over contacted leads; null when none. */
  medianFirstContactSeconds: number | null;
  averageFollowUps: number | null;
  withinRange: number;
  qualified: number;
  won: number;
  overdue: number;
  silent: number;
}

export interface OwnerRowDto {
  ownerId: string | null;
  leads: number;
  contacted: number;
  followUps: number;
  withinRange: number;
  overdue: number;
  qualified: number;
  won: number;
  medianFirstContactSeconds: number | null;
}

export interface DestinationRowDto {
  destinationId: string;
  name: string;
  kind: string;
  total: number;
  succeeded: number;
  failed: number;
  inFlight: number;
}

/** Funnel stages in order; each lead counts at the furthest one it reached (now or in its timeline). */
export interface FunnelInput {
  /** Stage ids in funnel order: open, non-nurture stages from the entry stage on, then won. Rank = index. */
  orderedStageIds: string[];
}

const MAX_BUCKETED_FOLLOW_UPS = FOLLOW_UP_RANGE.max + 1;

// GREATEST ignores NULLs, so the median filters out leads never contacted explicitly; the
// clamp at 0 covers activities logged with a time before the lead arrived.
export class InsightsRepository {
  constructor(private readonly db: DbTx) {}

  /** The leads in scope, as a WHERE clause over `"Lead" l`. */
  private scope(s: InsightsScope): Prisma.Sql {
    // A range of the covering Lead_insights_covering_idx (tenantId, isTest, firstReceivedAt, …):
    // every column the queries read but source and action is in it, so they scan the index only.
    return Prisma.sql`l."tenantId" = ${s.tenantId} AND NOT l."isTest"
      AND l."firstReceivedAt" >= ${s.from} AND l."firstReceivedAt" < ${s.to}
      ${s.offerId ? Prisma.sql`AND l."offerId" = ${s.offerId}` : Prisma.empty}`;
  }

  /**
   * New leads per bucket by source, by action and by funnel stage. Each lead is placed in
   * its bucket by a binary search over the buckets' first instants (`width_bucket`), which
   * the caller computes in the viewer's time zone: no per-row time zone conversion. One
   * pass over the leads, then GROUPING SETS over the few (bucket, source, action, stage)
   * groups.
   */
  async leadSeries(s: InsightsScope, bucketStarts: readonly Date[]): Promise<(Omit<LeadSeriesRowDto, "bucket"> & { bucketIndex: number })[]> {
    const thresholds = bucketStarts.map((d) => d.toISOString().replace("T", " ").replace("Z", ""));
    const rows = await this.db.$queryRaw<{ b: number; source: string | null; action: string | null; funnel: string | null; gs: number; ga: number; count: number }[]>`
      WITH groups AS (
        SELECT width_bucket(l."firstReceivedAt", ${thresholds}::timestamp[]) AS "b", l."source", l."action", l."funnelStage"::text AS "funnel", count(*) AS "n"
          FROM "Lead" l WHERE ${this.scope(s)}
         GROUP BY 1, 2, 3, 4)
      SELECT "b", "source", "action", "funnel", GROUPING("source")::int AS "gs", GROUPING("action")::int AS "ga", sum("n")::int AS "count"
        FROM groups
       GROUP BY GROUPING SETS (("b", "source"), ("b", "action"), ("b", "funnel"))`;
    return rows.map((r) => {
      const dimension = r.gs === 0 ? "source" : r.ga === 0 ? "action" : "funnelStage";
      const key = dimension === "source" ? r.source : dimension === "action" ? r.action : r.funnel;
      // width_bucket is 1-based; 0 would be before the first bucket (the scope excludes it).
      return { bucketIndex: r.b - 1, dimension, key, count: r.count };
    });
  }

  /**
   * The totals, the follow-up histogram and one row per owner, in one pass over the leads
   * (an index-only scan): GROUPING SETS ((owner), ()) sorts the leads by owner once and
   * computes every owner's row and the totals from that one sort. The histogram counts
   * contactable leads by follow-up count, 13 standing for "more than 12".
   */
  async summary(s: InsightsScope): Promise<{ totals: InsightsTotalsDto; histogram: { count: number; leads: number }[]; owners: OwnerRowDto[] }> {
    const silentBefore = new Date(s.now.getTime() - SILENT_AFTER_DAYS * 86_400_000);
    const histogramColumns = Array.from(
      { length: MAX_BUCKETED_FOLLOW_UPS + 1 },
      (_, k) => Prisma.sql`count(*) FILTER (WHERE LEAST(l."followUpCount", ${MAX_BUCKETED_FOLLOW_UPS}::int) = ${k}::int AND l."funnelStage" <> 'DO_NOT_CONTACT')::int`,
    );
    const rows = await this.db.$queryRaw<(InsightsTotalsDto & { isTotal: number; ownerId: string | null; followUps: number; histogram: number[] })[]>`
      SELECT GROUPING(l."ownerId")::int AS "isTotal", l."ownerId",
             count(*)::int AS "leads",
             count(*) FILTER (WHERE l."funnelStage" = 'DO_NOT_CONTACT')::int AS "doNotContact",
             count(l."firstContactedAt")::int AS "contacted",
             count(*) FILTER (WHERE l."firstContactedAt" - l."firstReceivedAt" <= make_interval(hours => ${FIRST_CONTACT_TARGET_HOURS}::int))::int AS "contactedWithinTarget",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM (l."firstContactedAt" - l."firstReceivedAt"))))
               FILTER (WHERE l."firstContactedAt" IS NOT NULL) AS "medianFirstContactSeconds",
             (avg(l."followUpCount") FILTER (WHERE l."funnelStage" <> 'DO_NOT_CONTACT'))::float8 AS "averageFollowUps",
             COALESCE(sum(l."followUpCount"), 0)::int AS "followUps",
             count(*) FILTER (WHERE l."followUpCount" BETWEEN ${FOLLOW_UP_RANGE.min}::int AND ${FOLLOW_UP_RANGE.max}::int)::int AS "withinRange",
             count(l."qualifiedAt")::int AS "qualified",
             count(*) FILTER (WHERE s."kind" = 'WON')::int AS "won",
             count(*) FILTER (WHERE (s."id" IS NULL OR s."kind" = 'OPEN') AND l."funnelStage" <> 'DO_NOT_CONTACT' AND l."nextFollowUpAt" < ${s.now})::int AS "overdue",
             count(*) FILTER (WHERE (s."id" IS NULL OR (s."kind" = 'OPEN' AND NOT s."isNurture")) AND l."funnelStage" <> 'DO_NOT_CONTACT'
                               AND l."lastContactedAt" <= ${silentBefore} AND l."nextFollowUpAt" IS NULL AND l."nurtureUntil" IS NULL)::int AS "silent",
             ARRAY[${Prisma.join(histogramColumns)}] AS "histogram"
        FROM "Lead" l LEFT JOIN "PipelineStage" s ON s."id" = l."stageId"
       WHERE ${this.scope(s)}
       GROUP BY GROUPING SETS ((l."ownerId"), ())
       ORDER BY GROUPING(l."ownerId"), count(*) DESC, l."ownerId" NULLS LAST`;
    const total = rows.find((r) => r.isTotal === 1)!;
    const { isTotal: _t, ownerId: _o, followUps: _f, histogram, ...totals } = total;
    return {
      totals,
      histogram: histogram.map((leads, count) => ({ count, leads })).filter((h) => h.leads > 0),
      owners: rows
        .filter((r) => r.isTotal === 0)
        .map((r) => ({
          ownerId: r.ownerId,
          leads: r.leads,
          contacted: r.contacted,
          followUps: r.followUps,
          withinRange: r.withinRange,
          overdue: r.overdue,
          qualified: r.qualified,
          won: r.won,
          medianFirstContactSeconds: r.medianFirstContactSeconds,
        })),
    };
  }

  /**
   * For the funnel: how many leads got at most as far as each step (by rank): the further
   * of their current stage and every stage their timeline says they were moved to (a lead
   * moved New → Qualified passed Contacted too). And, for the side stages (lost,
   * disqualified, nurture), how many leads were ever in each. One query: the leads in
   * scope and their stage moves are each read once, then hash-joined.
   */
  async stageReach(
    s: InsightsScope,
    funnel: FunnelInput,
    sideStageIds: readonly string[],
  ): Promise<{ furthest: Map<number, number>; visited: Map<string, number>; total: number }> {
    const ranks = funnel.orderedStageIds.map((_, i) => i);
    const rows = await this.db.$queryRaw<{ kind: "rank" | "stage"; key: string; leads: number }[]>`
      WITH funnel AS (SELECT * FROM unnest(${funnel.orderedStageIds}::text[], ${ranks}::int[]) AS f("stageId", "rank")),
      scoped AS MATERIALIZED (SELECT l."id", l."stageId" FROM "Lead" l WHERE ${this.scope(s)}),
      moves AS MATERIALIZED (
        SELECT t."leadId", t."data"->>'toStageId' AS "stageId"
          FROM "TimelineEvent" t JOIN scoped ON scoped."id" = t."leadId"
         WHERE t."kind" = 'stage.changed'),
      moved AS (SELECT m."leadId", max(f."rank") AS "rank" FROM moves m JOIN funnel f ON f."stageId" = m."stageId" GROUP BY m."leadId"),
      furthest AS (
        SELECT GREATEST(COALESCE(c."rank", 0), COALESCE(m."rank", 0)) AS "rank", count(*) AS "leads"
          FROM scoped
          LEFT JOIN funnel c ON c."stageId" = scoped."stageId"
          LEFT JOIN moved m ON m."leadId" = scoped."id"
         GROUP BY 1),
      side AS (
        SELECT x."stageId", count(DISTINCT x."leadId") AS "leads"
          FROM (SELECT "id" AS "leadId", "stageId" FROM scoped WHERE "stageId" = ANY(${[...sideStageIds]}::text[])
                UNION ALL
                SELECT "leadId", "stageId" FROM moves WHERE "stageId" = ANY(${[...sideStageIds]}::text[])) x
         GROUP BY x."stageId")
      SELECT 'rank' AS "kind", "rank"::text AS "key", "leads"::int AS "leads" FROM furthest
      UNION ALL
      SELECT 'stage', "stageId", "leads"::int FROM side`;
    const furthest = new Map(rows.filter((r) => r.kind === "rank").map((r) => [Number(r.key), r.leads]));
    const total = [...furthest.values()].reduce((sum, n) => sum + n, 0);
    return { furthest, visited: new Map(rows.filter((r) => r.kind === "stage").map((r) => [r.key, r.leads])), total };
  }

  /** Deliveries created in the range, per destination: delivered or accepted vs failed vs still going. */
  async destinations(s: InsightsScope): Promise<DestinationRowDto[]> {
    return this.db.$queryRaw<DestinationRowDto[]>`
      SELECT d."destinationId", dest."name", dest."kind"::text AS "kind",
             count(*)::int AS "total",
             count(*) FILTER (WHERE d."status" IN ('DELIVERED', 'ACCEPTED'))::int AS "succeeded",
             count(*) FILTER (WHERE d."status" = 'FAILED')::int AS "failed",
             count(*) FILTER (WHERE d."status" IN ('PENDING', 'RETRYING', 'HELD'))::int AS "inFlight"
        FROM "Delivery" d
        JOIN "Lead" l ON l."id" = d."leadId"
        JOIN "Destination" dest ON dest."id" = d."destinationId"
       WHERE d."tenantId" = ${s.tenantId} AND d."createdAt" >= ${s.from} AND d."createdAt" < ${s.to} AND NOT l."isTest"
         ${s.offerId ? Prisma.sql`AND l."offerId" = ${s.offerId}` : Prisma.empty}
       GROUP BY d."destinationId", dest."name", dest."kind"
       ORDER BY dest."name"`;
  }

  /** The tenant's offers, for the filter. */
  offers(tenantId: string): Promise<{ id: string; title: string }[]> {
    return this.db.offer.findMany({ where: { tenantId }, orderBy: [{ title: "asc" }, { id: "asc" }], select: { id: true, title: true } });
  }

  offerExists(tenantId: string, offerId: string): Promise<boolean> {
    return this.db.offer.count({ where: { tenantId, id: offerId } }).then((n) => n === 1);
  }
}
