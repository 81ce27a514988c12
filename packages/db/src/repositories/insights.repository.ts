import { addHistograms, FIRST_CONTACT_BUCKETS, FOLLOW_UP_RANGE, medianFromHistogram, SILENT_AFTER_DAYS, splitRange, type RangeSplit, type StageRow } from "@leadrelay/leads";
import type { DbTx } from "../client";
import { Prisma } from "../generated/prisma/client";

/**
 * The insights dashboard's numbers, summed by PostgreSQL from per-day rollups so nothing
 * loads leads into memory and a year of a million leads reads a few thousand rows. Every
 * query reads the same scope: the tenant's real (non-test) leads that first arrived in the
 * range, optionally for one offer.
 */
export interface InsightsScope {
  tenantId: string;
  /** First instant of the range (inclusive). */
  from: Date;
  /** First instant after the range (exclusive). */
  to: Date;
  offerId: string | null;
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

/** The pipeline's stages by what the KPIs ask of them. */
export interface StageSets {
  /** Open stages, nurture included: a follow-up there can be overdue. */
  open: readonly string[];
  /** Open stages but nurture: a lead there can fall silent. */
  active: readonly string[];
  won: readonly string[];
}

/** The follow-up histogram's last element counts "more than FOLLOW_UP_RANGE.max". */
export const FOLLOW_UP_HISTOGRAM_LENGTH = FOLLOW_UP_RANGE.max + 2;

export interface OwnerRollupRowDto {
  /** null for unassigned leads. */
  ownerId: string | null;
  leads: number;
  doNotContact: number;
  contacted: number;
  contactedWithinTarget: number;
  contactable: number;
  contactableFollowUps: number;
  followUps: number;
  withinRange: number;
  qualified: number;
  /** Contactable leads by follow-up count (index = count; the last, "more"). */
  followUpHistogram: number[];
  /** Contacted leads by time to first contact, in FIRST_CONTACT_BUCKETS. */
  firstContactHistogram: number[];
}

export interface StageRollupRowDto extends StageRow {
  silentEligible: number;
}

/** The totals row: every owner's row summed. */
function sumOwnerRows(rows: readonly OwnerRollupRowDto[]): Omit<OwnerRollupRowDto, "ownerId"> {
  const total = {
    leads: 0, doNotContact: 0, contacted: 0, contactedWithinTarget: 0, contactable: 0, contactableFollowUps: 0,
    followUps: 0, withinRange: 0, qualified: 0, followUpHistogram: [] as number[], firstContactHistogram: [] as number[],
  };
  for (const r of rows) {
    for (const key of ["leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable", "contactableFollowUps", "followUps", "withinRange", "qualified"] as const) {
      total[key] += r[key];
    }
    total.followUpHistogram = addHistograms(total.followUpHistogram, r.followUpHistogram);
    total.firstContactHistogram = addHistograms(total.firstContactHistogram, r.firstContactHistogram);
  }
  return total;
}

const timestamps = (dates: readonly Date[]) => dates.map((d) => d.toISOString().replace("T", " ").replace("Z", ""));

/** `ARRAY[sum(h[1]), …, sum(h[n])]`: element-wise sum of a histogram column (faster than any array aggregate). */
export const histogramSumSql = (column: string, length: number) =>
  `ARRAY[${Array.from({ length }, (_, k) => `COALESCE(sum("${column}"[${k + 1}]), 0)::int`).join(", ")}]`;
const histogramSum = (column: string, length: number) => Prisma.raw(histogramSumSql(column, length));

/**
 * Reads the per-day rollups (kept by triggers, see schema.prisma's Insights* models) for the
 * whole UTC days of a range and the leads themselves for its part-days, through the same SQL
 * fact functions the triggers use. Live counts that depend on the time of the request
 * (overdue, silent) read small partial indexes.
 */
export class InsightsRepository {
  constructor(private readonly db: DbTx) {}

  /** Rollup rows `r` of the whole days of the split, for the scope's tenant and offer. */
  private wholeDays(s: InsightsScope, split: RangeSplit): Prisma.Sql {
    return Prisma.sql`r."tenantId" = ${s.tenantId} AND r."day" >= ${split.wholeFrom}::date AND r."day" < ${split.wholeTo}::date
      AND r."day" <> ALL(${split.cutUnits}::date[]) ${s.offerId ? Prisma.sql`AND r."offerId" = ${s.offerId}` : Prisma.empty}`;
  }

  /**
   * The scope's leads `l` (deliveries `d`) of the split's part-days, as a WHERE clause (test
   * leads included: the fact functions drop them). An OR of ranges, each an index range
   * (a join against unnest() of the ranges was planned as a scan of every lead).
   */
  private partialRows(s: InsightsScope, spans: readonly { start: Date; end: Date }[], table: "Lead" | "Delivery"): Prisma.Sql {
    const alias = Prisma.raw(table === "Lead" ? "l" : "d");
    // A lead is in range by when it arrived, a delivery by when it was created.
    const at = Prisma.raw(table === "Lead" ? `l."firstReceivedAt"` : `d."createdAt"`);
    const ranges = spans.map((p) => Prisma.sql`(${at} >= ${p.start} AND ${at} < ${p.end})`);
    const offer = s.offerId
      ? table === "Lead"
        ? Prisma.sql`AND l."offerId" = ${s.offerId}`
        : Prisma.sql`AND d."leadOfferId" = ${s.offerId}`
      : Prisma.empty;
    return Prisma.sql`${alias}."tenantId" = ${s.tenantId} AND (${Prisma.join(ranges, " OR ")}) ${offer}`;
  }

  /** The scope's real leads, live, as a WHERE clause over `"Lead" l`. */
  private liveScope(s: InsightsScope): Prisma.Sql {
    return Prisma.sql`l."tenantId" = ${s.tenantId} AND NOT l."isTest" AND l."funnelStage" <> 'DO_NOT_CONTACT'
      AND l."firstReceivedAt" >= ${s.from} AND l."firstReceivedAt" < ${s.to}
      ${s.offerId ? Prisma.sql`AND l."offerId" = ${s.offerId}` : Prisma.empty}`;
  }

  /**
   * New leads per bucket by source, by action and by funnel stage. Rows are placed in buckets
   * by a binary search over the buckets' first instants (`width_bucket`), which the caller
   * computes in the viewer's time zone: a whole day's rollup rows by the day's start; a day
   * that a bucket boundary cuts (outside UTC) by its hourly rows; an hour that one cuts (zones
   * at :30 or :45) lead by lead.
   */
  async leadSeries(s: InsightsScope, bucketStarts: readonly Date[]): Promise<(Omit<LeadSeriesRowDto, "bucket"> & { bucketIndex: number })[]> {
    const days = splitRange(s.from, s.to, bucketStarts, "day");
    const hours = days.partial.map((span) => splitRange(span.start, span.end, bucketStarts, "hour"));
    const leads = hours.flatMap((h) => h.partial);
    const offer = s.offerId ? Prisma.sql`AND r."offerId" = ${s.offerId}` : Prisma.empty;
    const hourRanges = hours
      .filter((h) => h.wholeFrom < h.wholeTo)
      .map((h) => Prisma.sql`(r."hour" >= ${h.wholeFrom}::timestamp AND r."hour" < ${h.wholeTo}::timestamp AND r."hour" <> ALL(${h.cutUnits}::timestamp[]))`);
    const thresholds = timestamps(bucketStarts);
    const rows = await this.db.$queryRaw<{ b: number; source: string | null; action: string | null; funnel: string | null; gs: number; ga: number; count: number }[]>`
      WITH facts AS (
        SELECT width_bucket(r."day"::timestamp, ${thresholds}::timestamp[]) AS "b", r."source", r."action", r."funnelStage"::text AS "funnel", r."leads" AS "n"
          FROM "InsightsLeadDay" r WHERE ${this.wholeDays(s, days)}
        ${hourRanges.length === 0 ? Prisma.empty : Prisma.sql`UNION ALL
        SELECT width_bucket(r."hour", ${thresholds}::timestamp[]), r."source", r."action", r."funnelStage"::text, r."leads"
          FROM "InsightsLeadHour" r WHERE r."tenantId" = ${s.tenantId} ${offer} AND (${Prisma.join(hourRanges, " OR ")})`}
        ${leads.length === 0 ? Prisma.empty : Prisma.sql`UNION ALL
        SELECT width_bucket(f."at", ${thresholds}::timestamp[]), f."source", f."action", f."funnelStage"::text, f."leads"
          FROM "Lead" l CROSS JOIN LATERAL insights_lead_facts(l, 1) f WHERE ${this.partialRows(s, leads, "Lead")}`}),
      groups AS (SELECT "b", "source", "action", "funnel", sum("n") AS "n" FROM facts GROUP BY 1, 2, 3, 4 HAVING sum("n") <> 0)
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

  /** Per owner: counts, follow-up sums and both histograms (the totals are their sum: sumOwnerRows). */
  async ownerRollup(s: InsightsScope): Promise<OwnerRollupRowDto[]> {
    const split = splitRange(s.from, s.to);
    const measures = Prisma.raw(
      `"leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable", "contactableFollowUps", "followUps", "withinRange", "qualified", "followUpHistogram", "firstContactHistogram"`,
    );
    return this.db.$queryRaw<OwnerRollupRowDto[]>`
      WITH facts AS (
        SELECT r."ownerId", ${measures} FROM "InsightsOwnerDay" r WHERE ${this.wholeDays(s, split)}
        ${split.partial.length === 0 ? Prisma.empty : Prisma.sql`UNION ALL
        SELECT f."ownerId", ${measures} FROM "Lead" l CROSS JOIN LATERAL insights_owner_facts(l, 1) f WHERE ${this.partialRows(s, split.partial, "Lead")}`})
      SELECT "ownerId",
             sum("leads")::int AS "leads", sum("doNotContact")::int AS "doNotContact",
             sum("contacted")::int AS "contacted", sum("contactedWithinTarget")::int AS "contactedWithinTarget",
             sum("contactable")::int AS "contactable", sum("contactableFollowUps")::int AS "contactableFollowUps",
             sum("followUps")::int AS "followUps", sum("withinRange")::int AS "withinRange",
             sum("qualified")::int AS "qualified",
             ${histogramSum("followUpHistogram", FOLLOW_UP_HISTOGRAM_LENGTH)} AS "followUpHistogram",
             ${histogramSum("firstContactHistogram", FIRST_CONTACT_BUCKETS.count)} AS "firstContactHistogram"
        FROM facts
       GROUP BY "ownerId"
      HAVING sum("leads") <> 0`;
  }

  /** Leads by owner, current stage and stages reached (the funnel, won, side stages, silent). */
  async stageRollup(s: InsightsScope): Promise<StageRollupRowDto[]> {
    const split = splitRange(s.from, s.to);
    return this.db.$queryRaw<StageRollupRowDto[]>`
      WITH facts AS (
        SELECT r."ownerId", r."stageId", r."reachedStageIds", r."leads", r."silentEligible" FROM "InsightsStageDay" r WHERE ${this.wholeDays(s, split)}
        ${split.partial.length === 0 ? Prisma.empty : Prisma.sql`UNION ALL
        SELECT f."ownerId", f."stageId", f."reachedStageIds", f."leads", f."silentEligible"
          FROM "Lead" l CROSS JOIN LATERAL insights_stage_facts(l, 1) f WHERE ${this.partialRows(s, split.partial, "Lead")}`})
      SELECT "ownerId", "stageId", "reachedStageIds", sum("leads")::int AS "leads", sum("silentEligible")::int AS "silentEligible"
        FROM facts
       GROUP BY 1, 2, 3
      HAVING sum("leads") <> 0`;
  }

  /** Contactable leads whose next follow-up is past, per owner, among leads in `openStageIds` (or no stage). */
  async overdueByOwner(s: InsightsScope, openStageIds: readonly string[]): Promise<Map<string | null, number>> {
    const rows = await this.db.$queryRaw<{ ownerId: string | null; overdue: number }[]>`
      SELECT l."ownerId", count(*)::int AS "overdue" FROM "Lead" l
       WHERE ${this.liveScope(s)} AND l."nextFollowUpAt" IS NOT NULL AND l."nextFollowUpAt" < ${s.now}
         AND (l."stageId" IS NULL OR l."stageId" = ANY(${[...openStageIds]}::text[]))
       GROUP BY 1`;
    return new Map(rows.map((r) => [r.ownerId, r.overdue]));
  }

  /**
   * Leads that would be silent but for a contact since `silentBefore` (the stage rollup's
   * silentEligible minus these is the silent count): a window of recent contacts, so small.
   */
  async recentlyContacted(s: InsightsScope, silentBefore: Date, activeStageIds: readonly string[]): Promise<number> {
    const [row] = await this.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "Lead" l
       WHERE ${this.liveScope(s)} AND l."lastContactedAt" IS NOT NULL AND l."nextFollowUpAt" IS NULL AND l."nurtureUntil" IS NULL
         AND l."lastContactedAt" > ${silentBefore}
         AND (l."stageId" IS NULL OR l."stageId" = ANY(${[...activeStageIds]}::text[]))`;
    return row?.n ?? 0;
  }

  /**
   * The totals, the follow-up histogram, one row per owner and the stage rows the funnel is
   * drawn from: four queries at once, composed here.
   */
  async summary(
    s: InsightsScope,
    stages: StageSets,
  ): Promise<{ totals: InsightsTotalsDto; histogram: number[]; owners: OwnerRowDto[]; stageRows: StageRollupRowDto[] }> {
    const silentBefore = new Date(s.now.getTime() - SILENT_AFTER_DAYS * 86_400_000);
    const [ownerRows, stageRows, overdue, recentlyContacted] = await Promise.all([
      this.ownerRollup(s),
      this.stageRollup(s),
      this.overdueByOwner(s, stages.open),
      this.recentlyContacted(s, silentBefore, stages.active),
    ]);
    const won = new Set(stages.won);
    const active = new Set(stages.active);
    const wonBy = new Map<string | null, number>();
    let silentEligible = 0;
    for (const row of stageRows) {
      if (row.stageId !== null && won.has(row.stageId)) wonBy.set(row.ownerId, (wonBy.get(row.ownerId) ?? 0) + row.leads);
      if (row.stageId === null || active.has(row.stageId)) silentEligible += row.silentEligible;
    }
    const sum = (m: Map<string | null, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const total = sumOwnerRows(ownerRows);
    const totals: InsightsTotalsDto = {
      leads: total.leads,
      doNotContact: total.doNotContact,
      contacted: total.contacted,
      contactedWithinTarget: total.contactedWithinTarget,
      medianFirstContactSeconds: medianFromHistogram(total.firstContactHistogram),
      averageFollowUps: total.contactable > 0 ? total.contactableFollowUps / total.contactable : null,
      withinRange: total.withinRange,
      qualified: total.qualified,
      won: sum(wonBy),
      overdue: sum(overdue),
      silent: silentEligible - recentlyContacted,
    };
    const owners = ownerRows
      .map((r) => ({
        ownerId: r.ownerId,
        leads: r.leads,
        contacted: r.contacted,
        followUps: r.followUps,
        withinRange: r.withinRange,
        overdue: overdue.get(r.ownerId) ?? 0,
        qualified: r.qualified,
        won: wonBy.get(r.ownerId) ?? 0,
        medianFirstContactSeconds: medianFromHistogram(r.firstContactHistogram),
      }))
      .sort((a, b) => b.leads - a.leads || (a.ownerId === null ? 1 : b.ownerId === null ? -1 : a.ownerId.localeCompare(b.ownerId)));
    return { totals, histogram: total.followUpHistogram, owners, stageRows };
  }

  /** Deliveries created in the range, per destination: delivered or accepted vs failed vs still going. */
  async destinations(s: InsightsScope): Promise<DestinationRowDto[]> {
    const split = splitRange(s.from, s.to);
    return this.db.$queryRaw<DestinationRowDto[]>`
      WITH facts AS (
        SELECT r."destinationId", r."status", r."deliveries" FROM "InsightsDeliveryDay" r WHERE ${this.wholeDays(s, split)}
        ${split.partial.length === 0 ? Prisma.empty : Prisma.sql`UNION ALL
        SELECT f."destinationId", f."status", f."deliveries"
          FROM "Delivery" d CROSS JOIN LATERAL insights_delivery_facts(d, 1) f WHERE ${this.partialRows(s, split.partial, "Delivery")}`})
      SELECT facts."destinationId", dest."name", dest."kind"::text AS "kind",
             sum("deliveries")::int AS "total",
             COALESCE(sum("deliveries") FILTER (WHERE "status" IN ('DELIVERED', 'ACCEPTED')), 0)::int AS "succeeded",
             COALESCE(sum("deliveries") FILTER (WHERE "status" = 'FAILED'), 0)::int AS "failed",
             COALESCE(sum("deliveries") FILTER (WHERE "status" IN ('PENDING', 'RETRYING', 'HELD')), 0)::int AS "inFlight"
        FROM facts JOIN "Destination" dest ON dest."id" = facts."destinationId" AND dest."tenantId" = ${s.tenantId}
       GROUP BY facts."destinationId", dest."name", dest."kind"
      HAVING sum("deliveries") <> 0
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
