/**
 * The insights rollups never disagree with the leads: the dashboard, read from per-day rollup
 * rows (whole UTC days) and from the leads (part-days), is compared with an oracle that reads
 * only the leads, their timelines and deliveries — the exact SQL of the implementation before
 * the rollups (HEAD~ of insights.repository.ts, copied below). The data set is made the way
 * the product makes it (tRPC procedures for stage moves, activities, nurture, qualification,
 * owners; Prisma for what has no procedure), with arrivals at and around UTC midnight and the
 * local midnights of zones half an hour off UTC, across two daylight saving time changes.
 */
import { captureLead, InsightsRollupRepository, PipelineRepository, Prisma, type StageDto } from "@leadrelay/db";
import {
  bucketKeys,
  FIRST_CONTACT_BUCKETS,
  FIRST_CONTACT_TARGET_HOURS,
  FOLLOW_UP_RANGE,
  firstContactBucket,
  firstContactBucketStart,
  funnelFromFurthest,
  insightsBucket,
  SILENT_AFTER_DAYS,
  shiftDateKey,
  stackSeries,
  startOfDateKey,
} from "@leadrelay/leads";
import { describe, expect, it } from "vitest";
import { addMember, db, signUp, uid, type Caller } from "../../test/factories";
import { memberDirectory } from "../followups/_shared";
import { createTestLead, createTestOffer } from "../followups/testing";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Dashboard = Awaited<ReturnType<Caller["insights"]["dashboard"]>>;
interface DashboardInput {
  from: string;
  to: string;
  timeZone: string;
  offerId?: string;
}

// ---------------------------------------------------------------------------------------------
// The oracle: the exact SQL over leads of the implementation before the rollups (percentile_cont
// medians, the funnel from the timeline's stage moves and the current stage), composed the way
// the handler composed it then.
// ---------------------------------------------------------------------------------------------

interface OracleScope {
  tenantId: string;
  from: Date;
  to: Date;
  offerId: string | null;
  now: Date;
}

const MAX_BUCKETED_FOLLOW_UPS = FOLLOW_UP_RANGE.max + 1;

function oracleScope(s: OracleScope): Prisma.Sql {
  return Prisma.sql`l."tenantId" = ${s.tenantId} AND NOT l."isTest"
    AND l."firstReceivedAt" >= ${s.from} AND l."firstReceivedAt" < ${s.to}
    ${s.offerId ? Prisma.sql`AND l."offerId" = ${s.offerId}` : Prisma.empty}`;
}

async function oracleLeadSeries(s: OracleScope, bucketStarts: readonly Date[]) {
  const thresholds = bucketStarts.map((d) => d.toISOString().replace("T", " ").replace("Z", ""));
  const rows = await db().$queryRaw<{ b: number; source: string | null; action: string | null; funnel: string | null; gs: number; ga: number; count: number }[]>`
    WITH groups AS (
      SELECT width_bucket(l."firstReceivedAt", ${thresholds}::timestamp[]) AS "b", l."source", l."action", l."funnelStage"::text AS "funnel", count(*) AS "n"
        FROM "Lead" l WHERE ${oracleScope(s)}
       GROUP BY 1, 2, 3, 4)
    SELECT "b", "source", "action", "funnel", GROUPING("source")::int AS "gs", GROUPING("action")::int AS "ga", sum("n")::int AS "count"
      FROM groups
     GROUP BY GROUPING SETS (("b", "source"), ("b", "action"), ("b", "funnel"))`;
  return rows.map((r) => {
    const dimension = r.gs === 0 ? "source" : r.ga === 0 ? "action" : "funnelStage";
    const key = dimension === "source" ? r.source : dimension === "action" ? r.action : r.funnel;
    return { bucketIndex: r.b - 1, dimension, key, count: r.count };
  });
}

async function oracleSummary(s: OracleScope) {
  const silentBefore = new Date(s.now.getTime() - SILENT_AFTER_DAYS * DAY);
  const histogramColumns = Array.from(
    { length: MAX_BUCKETED_FOLLOW_UPS + 1 },
    (_, k) => Prisma.sql`count(*) FILTER (WHERE LEAST(l."followUpCount", ${MAX_BUCKETED_FOLLOW_UPS}::int) = ${k}::int AND l."funnelStage" <> 'DO_NOT_CONTACT')::int`,
  );
  const rows = await db().$queryRaw<
    {
      isTotal: number;
      ownerId: string | null;
      leads: number;
      doNotContact: number;
      contacted: number;
      contactedWithinTarget: number;
      medianFirstContactSeconds: number | null;
      averageFollowUps: number | null;
      followUps: number;
      withinRange: number;
      qualified: number;
      won: number;
      overdue: number;
      silent: number;
      histogram: number[];
    }[]
  >`
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
     WHERE ${oracleScope(s)}
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

async function oracleStageReach(s: OracleScope, orderedStageIds: string[], sideStageIds: readonly string[]) {
  const ranks = orderedStageIds.map((_, i) => i);
  const rows = await db().$queryRaw<{ kind: "rank" | "stage"; key: string; leads: number }[]>`
    WITH funnel AS (SELECT * FROM unnest(${orderedStageIds}::text[], ${ranks}::int[]) AS f("stageId", "rank")),
    scoped AS MATERIALIZED (SELECT l."id", l."stageId" FROM "Lead" l WHERE ${oracleScope(s)}),
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
  return {
    furthest: new Map(rows.filter((r) => r.kind === "rank").map((r) => [Number(r.key), r.leads])),
    visited: new Map(rows.filter((r) => r.kind === "stage").map((r) => [r.key, r.leads])),
  };
}

function oracleDestinations(s: OracleScope) {
  return db().$queryRaw<{ destinationId: string; name: string; kind: string; total: number; succeeded: number; failed: number; inFlight: number }[]>`
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

function funnelSteps(stages: StageDto[]) {
  const active = stages.filter((s) => s.kind === "OPEN" && !s.isNurture);
  const won = stages.filter((s) => s.kind === "WON");
  const steps = [...active.map((s) => ({ id: s.id, name: s.name, kind: s.kind as string, stageIds: [s.id] }))];
  if (won.length > 0) steps.push({ id: won[0]!.id, name: won.map((s) => s.name).join(" / "), kind: "WON", stageIds: won.map((s) => s.id) });
  return steps;
}

async function oracleDashboard(tenantId: string, input: DashboardInput): Promise<Dashboard> {
  const stages = await new PipelineRepository(db()).listStages(tenantId);
  const offerId = input.offerId ?? null;
  const bucket = insightsBucket(input.from, input.to);
  const scope: OracleScope = {
    tenantId,
    from: startOfDateKey(input.from, input.timeZone),
    to: startOfDateKey(shiftDateKey(input.to, 1), input.timeZone),
    offerId,
    now: new Date(),
  };
  const steps = funnelSteps(stages);
  const rankedStageIds = steps.flatMap((step, rank) => step.stageIds.map((id) => ({ id, rank })));
  const buckets = bucketKeys(input.from, input.to, bucket);
  const sideStages = stages.filter((s) => s.kind === "LOST" || s.kind === "DISQUALIFIED" || s.isNurture);
  const [seriesRows, { totals, histogram, owners: ownerRows }, reach, destinationRows, members] = await Promise.all([
    oracleLeadSeries(scope, buckets.map((key) => startOfDateKey(key, input.timeZone))),
    oracleSummary(scope),
    oracleStageReach(scope, rankedStageIds.map((r) => r.id), sideStages.map((s) => s.id)),
    oracleDestinations(scope),
    memberDirectory(db(), tenantId),
  ]);
  const furthestByStep = new Map<number, number>();
  for (const [index, leads] of reach.furthest) {
    const rank = rankedStageIds[index]?.rank ?? index;
    furthestByStep.set(rank, (furthestByStep.get(rank) ?? 0) + leads);
  }
  const series = seriesRows.map(({ bucketIndex, ...row }) => ({ ...row, bucket: buckets[bucketIndex] ?? "" }));
  const dimension = (d: "source" | "action" | "funnelStage") => stackSeries(series.filter((r) => r.dimension === d), buckets);
  const histogramByCount = new Map(histogram.map((h) => [h.count, h.leads]));
  return {
    range: { from: input.from, to: input.to, timeZone: input.timeZone, bucket, offerId },
    followUpRange: FOLLOW_UP_RANGE,
    firstContactTargetHours: FIRST_CONTACT_TARGET_HOURS,
    totals,
    leadsOverTime: { buckets, bySource: dimension("source"), byAction: dimension("action"), byFunnelStage: dimension("funnelStage") },
    funnel: funnelFromFurthest(steps.map((s) => s.id), furthestByStep).map((step, i) => ({ ...step, name: steps[i]!.name, kind: steps[i]!.kind })),
    sideStages: sideStages.map((s) => ({ stageId: s.id, name: s.name, kind: s.kind, isNurture: s.isNurture, reached: reach.visited.get(s.id) ?? 0 })),
    followUpsPerLead: Array.from({ length: MAX_BUCKETED_FOLLOW_UPS + 1 }, (_, count) => ({
      count,
      label: count === MAX_BUCKETED_FOLLOW_UPS ? `${MAX_BUCKETED_FOLLOW_UPS}+` : String(count),
      leads: histogramByCount.get(count) ?? 0,
      inRange: count >= FOLLOW_UP_RANGE.min && count <= FOLLOW_UP_RANGE.max,
    })),
    owners: ownerRows.map((row) => ({ ...row, owner: row.ownerId ? (members.get(row.ownerId) ?? { userId: row.ownerId, name: null, email: null }) : null })),
    destinations: destinationRows.map((row) => ({ ...row, successRate: row.succeeded + row.failed > 0 ? row.succeeded / (row.succeeded + row.failed) : null })),
  } as Dashboard;
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/**
 * Medians come from log-scale histograms (FIRST_CONTACT_BUCKETS: buckets 10 % wide, the middle
 * lead read at its bucket's geometric midpoint), so they are estimates: within √1.1 − 1 ≈ 4.88 %
 * of the exact percentile_cont, the 5 % the dashboard promises. Under a minute the bucket is
 * [0, 60 s) and the promise is 30 s.
 */
function expectMedian(actual: number | null, exact: number | null, what: string) {
  if (exact === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  if (exact < FIRST_CONTACT_BUCKETS.firstSeconds) expect(Math.abs(actual! - exact), `${what}: ${actual} vs exact ${exact}`).toBeLessThanOrEqual(FIRST_CONTACT_BUCKETS.firstSeconds / 2);
  else expect(Math.abs(actual! / exact - 1), `${what}: ${actual} vs exact ${exact}`).toBeLessThanOrEqual(0.05);
}

function expectSameDashboard(actual: Dashboard, expected: Dashboard, what: string) {
  expect(actual.range, `${what}: range`).toEqual(expected.range);
  const { medianFirstContactSeconds: median, averageFollowUps: average, ...totals } = actual.totals;
  const { medianFirstContactSeconds: exactMedian, averageFollowUps: exactAverage, ...exactTotals } = expected.totals;
  expect(totals, `${what}: totals`).toEqual(exactTotals);
  expectMedian(median, exactMedian, `${what}: median time to first contact`);
  // The only float besides the medians: PostgreSQL's avg() (numeric) against a division in JS.
  if (exactAverage === null) expect(average, `${what}: average follow-ups`).toBeNull();
  else expect(average, `${what}: average follow-ups`).toBeCloseTo(exactAverage, 12);
  expect(actual.leadsOverTime, `${what}: leads over time`).toEqual(expected.leadsOverTime);
  expect(actual.funnel, `${what}: funnel`).toEqual(expected.funnel);
  expect(actual.sideStages, `${what}: side stages`).toEqual(expected.sideStages);
  expect(actual.followUpsPerLead, `${what}: follow-ups per lead`).toEqual(expected.followUpsPerLead);
  const withoutMedian = (rows: Dashboard["owners"]) => rows.map(({ medianFirstContactSeconds: _m, ...row }) => row);
  expect(withoutMedian(actual.owners), `${what}: owners`).toEqual(withoutMedian(expected.owners));
  actual.owners.forEach((row, i) => expectMedian(row.medianFirstContactSeconds, expected.owners[i]!.medianFirstContactSeconds, `${what}: median of owner ${row.ownerId}`));
  expect(actual.destinations, `${what}: destinations`).toEqual(expected.destinations);
}

// ---------------------------------------------------------------------------------------------
// Rollup bookkeeping, straight from the tables
// ---------------------------------------------------------------------------------------------

interface RollupTable {
  table: string;
  /** Today's facts of the tenants' leads or deliveries, as the table's columns (`$1`: the tenant ids). */
  facts: string;
  keys: string[];
  sums: string[];
  histograms: string[];
}

const leadFacts = (time: string) =>
  `SELECT f."tenantId", ${time}, f."offerId", f."source", f."action", f."funnelStage", f."leads"
     FROM "Lead" x CROSS JOIN LATERAL insights_lead_facts(x, 1) f WHERE x."tenantId" = ANY($1::text[])`;
const allFacts = (source: "Lead" | "Delivery", fn: string) => `SELECT f.* FROM "${source}" x CROSS JOIN LATERAL ${fn}(x, 1) f WHERE x."tenantId" = ANY($1::text[])`;

const ROLLUP_TABLES: RollupTable[] = [
  { table: "InsightsLeadDay", facts: leadFacts(`f."at"::date AS "day"`), keys: ["tenantId", "day", "offerId", "source", "action", "funnelStage"], sums: ["leads"], histograms: [] },
  { table: "InsightsLeadHour", facts: leadFacts(`date_trunc('hour', f."at") AS "hour"`), keys: ["tenantId", "hour", "offerId", "source", "action", "funnelStage"], sums: ["leads"], histograms: [] },
  {
    table: "InsightsOwnerDay",
    facts: allFacts("Lead", "insights_owner_facts"),
    keys: ["tenantId", "day", "offerId", "ownerId"],
    sums: ["leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable", "contactableFollowUps", "followUps", "withinRange", "qualified"],
    histograms: ["followUpHistogram", "firstContactHistogram"],
  },
  { table: "InsightsStageDay", facts: allFacts("Lead", "insights_stage_facts"), keys: ["tenantId", "day", "offerId", "ownerId", "stageId", "reachedStageIds"], sums: ["leads", "silentEligible"], histograms: [] },
  { table: "InsightsDeliveryDay", facts: allFacts("Delivery", "insights_delivery_facts"), keys: ["tenantId", "day", "offerId", "destinationId", "status"], sums: ["deliveries"], histograms: [] },
];

/** Every (key, measure) whose sum differs between the rollup rows and the facts of today's leads and deliveries, both ways. */
async function rollupMismatches(tenantIds: string[]) {
  const mismatches: unknown[] = [];
  for (const t of ROLLUP_TABLES) {
    const key = `jsonb_build_array(${t.keys.map((k) => `r."${k}"`).join(", ")})`;
    const measures = (rows: string) =>
      [
        ...t.sums.map((m) => `SELECT ${key} AS "k", '${m}' AS "m", sum(r."${m}")::int AS "v" FROM ${rows} GROUP BY 1 HAVING sum(r."${m}") <> 0`),
        ...t.histograms.map(
          (h) => `SELECT ${key}, '${h}[' || u."i" || ']', sum(u."v")::int FROM ${rows} CROSS JOIN LATERAL unnest(r."${h}") WITH ORDINALITY AS u("v", "i") GROUP BY 1, 2 HAVING sum(u."v") <> 0`,
        ),
      ].join(" UNION ALL ");
    const rows = await db().$queryRawUnsafe<unknown[]>(
      `WITH stored AS (${measures(`(SELECT * FROM "${t.table}" WHERE "tenantId" = ANY($1::text[])) r`)}), fresh AS (${measures(`(${t.facts}) r`)})
       SELECT '${t.table}' AS "table", 'missing from the rollup' AS "side", * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM stored) a
       UNION ALL
       SELECT '${t.table}', 'extra in the rollup', * FROM (SELECT * FROM stored EXCEPT SELECT * FROM fresh) b`,
      tenantIds,
    );
    mismatches.push(...rows);
  }
  return mismatches;
}

async function duplicateKeys(tenantIds: string[]) {
  const duplicates: unknown[] = [];
  for (const t of ROLLUP_TABLES) {
    const keys = t.keys.map((k) => `"${k}"`).join(", ");
    duplicates.push(
      ...(await db().$queryRawUnsafe<unknown[]>(
        `SELECT '${t.table}' AS "table", ${keys}, count(*)::int AS "rows" FROM "${t.table}" WHERE "tenantId" = ANY($1::text[]) GROUP BY ${keys} HAVING count(*) > 1`,
        tenantIds,
      )),
    );
  }
  return duplicates;
}

/**
 * Folds every delta row and reads what is pending, in one REPEATABLE READ snapshot: other test
 * files write delta rows at the same time, and those (committed after the snapshot) are not
 * this fold's to see.
 */
async function compactAndReadPending(): Promise<Record<string, number>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(
        async (tx) => {
          const rollups = new InsightsRollupRepository(tx);
          await rollups.compact({ maxBatches: 10_000 });
          return rollups.pending();
        },
        { isolationLevel: "RepeatableRead", timeout: 60_000 },
      );
    } catch (error) {
      // A worker of another test file folding the same days at the same moment.
      if (attempt >= 3 || !/could not serialize|P2034/i.test(String(error))) throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The data set
// ---------------------------------------------------------------------------------------------

/** mulberry32: the data set is the same on every run (only "now" moves). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <V>(values: readonly V[]): V => values[Math.floor(next() * values.length)]!,
    chance: (p: number) => next() < p,
    /** `n` of `values`, at random. */
    sample: <V>(values: readonly V[], n: number): V[] => {
      const copy = [...values];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
}

const ZONES = ["UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"] as const;
/** 2026-10-25 ends summer time in Berlin, 2026-11-01 in St. John's: both inside the data and the ranges. */
const RANGES = [
  { from: "2026-10-24", to: "2026-11-02", bucket: "day" },
  { from: "2026-09-20", to: "2026-11-18", bucket: "week" },
  { from: "2026-04-15", to: "2026-11-30", bucket: "month" },
  { from: "2026-11-01", to: "2026-11-01", bucket: "day" },
] as const;
const WINDOW_START = Date.parse("2026-09-12T00:00:00Z");
const WINDOW_DAYS = 72;
const LAST_ACTIVITY = WINDOW_START + (WINDOW_DAYS + 1) * DAY;

const SOURCES = ["AzureMarketplace", "AppSource (SPZA)", "AzurePortal", null, "Partner Center", "Email", "LinkedIn", "SalesForce"];
const ACTIONS = ["INS", "PLT", "Create", "StartTest", null];
const FUNNEL_STAGES = ["INITIAL", "ACTIVE", "TRIAL"] as const;

/** An arrival around a midnight: UTC or local in one of the zones, exactly or a millisecond either side, or any time that day. */
function arrivalOn(rng: ReturnType<typeof random>, dayKey: string): Date {
  const kind = rng.int(0, 5);
  if (kind >= 4) return new Date(Date.parse(`${dayKey}T00:00:00Z`) + rng.int(0, DAY - 1));
  const midnight = startOfDateKey(dayKey, ZONES[kind]!);
  return new Date(midnight.getTime() + rng.pick([0, 0, -1, 1, -1000, 59_000]));
}

interface SeededLead {
  id: string;
  arrival: Date;
  isTest: boolean;
  dnc: boolean;
}

async function seedLeads(tenantId: string, opts: { seed: number; count: number; offers: (string | null)[]; owners: (string | null)[]; edges: Date[] }) {
  const rng = random(opts.seed);
  const arrivals: Date[] = [];
  for (let i = 0; i < opts.count; i++) {
    const day = new Date(WINDOW_START + Math.floor((i * WINDOW_DAYS) / opts.count) * DAY + rng.int(0, 1) * DAY).toISOString().slice(0, 10);
    arrivals.push(arrivalOn(rng, day));
  }
  arrivals.push(...opts.edges);
  const leads: SeededLead[] = [];
  for (const [i, arrival] of arrivals.entries()) {
    const dnc = rng.chance(0.12);
    const isTest = i % 13 === 5;
    const lead = await createTestLead(tenantId, {
      offerId: rng.pick(opts.offers),
      ownerId: rng.pick(opts.owners),
      source: rng.pick(SOURCES),
      action: dnc ? rng.pick(["DNC", "DNC", null]) : rng.pick(ACTIONS),
      funnelStage: dnc ? "DO_NOT_CONTACT" : rng.pick(FUNNEL_STAGES),
      firstReceivedAt: arrival,
      lastReceivedAt: new Date(arrival.getTime() + rng.int(0, 3) * DAY),
      isTest,
    });
    leads.push({ id: lead.id, arrival, isTest, dnc });
  }
  return leads;
}

/** The instants at and just around each range's edges, in every zone. */
function edgeInstants(): Date[] {
  const instants = new Set<number>();
  for (const zone of ZONES) {
    for (const range of RANGES) {
      const from = startOfDateKey(range.from, zone).getTime();
      const to = startOfDateKey(shiftDateKey(range.to, 1), zone).getTime();
      for (const t of [from - 1, from, to - 1, to]) instants.add(t);
    }
  }
  return [...instants].sort((a, b) => a - b).map((t) => new Date(t));
}

type Step =
  | { kind: "activity"; type: "CALL" | "EMAIL" | "MEETING" | "NOTE"; at: Date; outcome: string | null; nextInDays: number | null }
  | { kind: "move"; stage: string }
  | { kind: "nurture"; cadenceDays: number }
  | { kind: "assign"; owner: number | null }
  | { kind: "qualify"; uncheckAfter: boolean }
  | { kind: "schedule"; inDays: number | null };

const MOVES = [
  ["Contacted", "Demo", "Qualified", "Won"],
  ["Contacted", "Lost"],
  ["Qualified", "Contacted"],
  ["Demo"],
  ["Disqualified"],
  ["Won (partner)"],
  ["Lost", "Contacted"],
  ["Contacted", "Demo"],
  ["Qualified", "Won", "Qualified"],
];

/** What the team does with a lead, decided up front so the plan does not depend on the order calls finish in. */
function planFor(rng: ReturnType<typeof random>, lead: SeededLead): Step[] {
  const steps: Step[] = [];
  // Fixed, not relative to now: the data set must not change from one day to the next.
  const workable = lead.arrival.getTime() < LAST_ACTIVITY - DAY;
  if (workable && rng.chance(0.7)) {
    if (lead.dnc) {
      steps.push({ kind: "activity", type: "NOTE", at: new Date(lead.arrival.getTime() + HOUR), outcome: "Do not call", nextInDays: null });
    } else {
      const shape = rng.next();
      // Sub-minute responses, one logged before the lead arrived (clamped to 0), then minutes to weeks.
      const first =
        shape < 0.08 ? rng.int(5_000, 55_000) : shape < 0.12 ? -10 * 60_000 : Math.round(Math.exp(Math.log(120_000) + rng.next() * (Math.log(20 * DAY) - Math.log(120_000))));
      // Activities stop before the last days of the data (and never lie in the future).
      const last = Math.max(LAST_ACTIVITY, lead.arrival.getTime() + HOUR);
      let at = Math.min(lead.arrival.getTime() + first, last);
      const count = rng.int(1, 4);
      for (let k = 0; k < count; k++) {
        const type = rng.pick(["CALL", "EMAIL", "MEETING", "CALL", "NOTE"] as const);
        steps.push({ kind: "activity", type, at: new Date(at), outcome: rng.pick([null, "Reached", "Left a voicemail", "Interested"]), nextInDays: k === count - 1 && rng.chance(0.5) ? rng.int(1, 30) : null });
        at = Math.min(at + rng.int(HOUR, 10 * DAY), last);
      }
    }
  }
  if (rng.chance(0.35)) steps.push({ kind: "assign", owner: rng.chance(0.25) ? null : rng.int(0, 2) });
  if (!lead.dnc && rng.chance(0.15)) steps.push({ kind: "qualify", uncheckAfter: rng.chance(0.3) });
  if (!lead.dnc && rng.chance(0.12)) steps.push({ kind: "schedule", inDays: rng.chance(0.7) ? rng.int(2, 40) : null });
  const fate = rng.next();
  if (fate < 0.45) for (const stage of rng.pick(MOVES)) steps.push({ kind: "move", stage });
  else if (fate < 0.55 && !lead.dnc) steps.push({ kind: "nurture", cadenceDays: rng.int(7, 60) });
  return steps;
}

async function inChunks<V>(items: readonly V[], size: number, run: (item: V) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function touchpointFor(tenantId: string, leadId: string, at: Date) {
  return db().touchpoint.create({ data: { tenantId, leadId, channel: "API", funnelStage: "ACTIVE", idempotencyKey: `tp-${uid()}`, receivedAt: at } });
}

const STATUSES = ["PENDING", "DELIVERED", "ACCEPTED", "RETRYING", "FAILED", "HELD"] as const;

/** Inputs compared: every zone, range and offer filter. */
function inputs(offerId: string): DashboardInput[] {
  return ZONES.flatMap((timeZone) =>
    RANGES.flatMap((range) => [
      { from: range.from, to: range.to, timeZone },
      { from: range.from, to: range.to, timeZone, offerId },
    ]),
  );
}

describe("insights rollups", () => {
  it("never disagree with the leads, before and after folding, in any zone, range or offer", async () => {
    const now = new Date();
    const owner = await signUp({ name: "Olivia Owner" });
    const mia = await addMember(owner.caller, { label: "mia" });
    const noah = await addMember(owner.caller, { label: "noah" });
    const people = [owner.userId, mia.userId, noah.userId];
    const offers = [await createTestOffer(owner.tenant.id, "Contoso CRM"), await createTestOffer(owner.tenant.id, "Contoso Analytics"), await createTestOffer(owner.tenant.id, "Contoso Mail")];
    const other = await signUp({ label: "other" });
    const otherOffer = await createTestOffer(other.tenant.id, "Not mine");

    // The pipeline: a "Demo" step between Contacted and Qualified and a second won stage.
    await owner.caller.pipeline.createStage({ name: "Demo", kind: "OPEN" });
    await owner.caller.pipeline.createStage({ name: "Won (partner)", kind: "WON" });
    const initial = await owner.caller.pipeline.stages();
    const order = ["New", "Contacted", "Demo", "Qualified", "Nurturing", "Won", "Won (partner)", "Lost", "Disqualified"];
    await owner.caller.pipeline.reorderStages({ stageIds: order.map((name) => initial.find((s) => s.name === name)!.id) });
    const stageId = new Map(initial.map((s) => [s.name, s.id]));
    const criteria = await owner.caller.pipeline.criteria();

    const rng = random(20_261_126);
    const leads = await seedLeads(owner.tenant.id, { seed: 1, count: 84, offers: [...offers.map((o) => o.id), null], owners: [...people, null], edges: edgeInstants() });
    const theirs = await seedLeads(other.tenant.id, { seed: 2, count: 20, offers: [otherOffer.id, null], owners: [other.userId, null], edges: edgeInstants().filter((_, i) => i % 3 === 0) });

    // ---- The team works the leads through the procedures.
    const callers = [owner.caller, mia.caller, noah.caller];
    const plans = leads.map((lead) => ({ lead, steps: planFor(rng, lead), caller: rng.pick(callers) }));
    await inChunks(plans, 8, async ({ lead, steps, caller }) => {
      for (const step of steps) {
        if (step.kind === "activity") {
          await caller.followUps.logActivity({
            leadId: lead.id,
            type: step.type,
            outcome: step.outcome,
            occurredAt: step.at,
            ...(step.nextInDays !== null ? { nextFollowUpAt: new Date(now.getTime() + step.nextInDays * DAY) } : {}),
          });
        } else if (step.kind === "move") {
          await caller.pipeline.moveLead({ leadId: lead.id, stageId: stageId.get(step.stage)! });
        } else if (step.kind === "nurture") {
          await caller.followUps.startNurture({ leadId: lead.id, cadenceDays: step.cadenceDays });
        } else if (step.kind === "assign") {
          await caller.pipeline.assignOwner({ leadId: lead.id, ownerId: step.owner === null ? null : people[step.owner]! });
        } else if (step.kind === "qualify") {
          for (const c of criteria) await caller.followUps.setQualification({ leadId: lead.id, criterionId: c.id, checked: true });
          if (step.uncheckAfter) await caller.followUps.setQualification({ leadId: lead.id, criterionId: criteria[0]!.id, checked: false });
        } else {
          await caller.followUps.schedule({ leadId: lead.id, nextFollowUpAt: step.inDays === null ? null : new Date(now.getTime() + step.inDays * DAY) });
        }
      }
    });
    // The other tenant works a few of theirs too.
    const theirStages = await other.caller.pipeline.stages();
    for (const lead of theirs.filter((l) => !l.dnc).slice(0, 6)) {
      await other.caller.followUps.logActivity({ leadId: lead.id, type: "CALL", occurredAt: new Date(Math.min(lead.arrival.getTime() + 2 * HOUR, now.getTime())) });
      await other.caller.pipeline.moveLead({ leadId: lead.id, stageId: theirStages.find((s) => s.kind === "WON")!.id });
    }
    // Delete the Demo stage: its leads move on to Qualified (on their timelines).
    await owner.caller.pipeline.deleteStage({ stageId: stageId.get("Demo")!, moveLeadsToStageId: stageId.get("Qualified")! });

    // ---- Deliveries, created at and around midnights, then worked on.
    const hook = await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "WEBHOOK", name: "Zapier hook", config: {} } });
    const inbox = await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "EMAIL", name: "Sales inbox", config: {} } });
    const oldCrm = await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "WEBHOOK", name: "Old CRM", config: {} } });
    const theirHook = await db().destination.create({ data: { tenantId: other.tenant.id, kind: "WEBHOOK", name: "Their hook", config: {} } });
    const delivered = new Set<string>();
    const deliveries: { id: string }[] = [];
    const deliver = async (tenantId: string, lead: SeededLead, destinations: string[]) => {
      const at = rng.chance(0.5) ? arrivalOn(rng, new Date(lead.arrival.getTime() + rng.int(0, 2) * DAY).toISOString().slice(0, 10)) : new Date(lead.arrival.getTime() + rng.int(0, 90_000));
      const touchpoint = await touchpointFor(tenantId, lead.id, at);
      for (const destinationId of destinations) {
        deliveries.push(
          await db().delivery.create({
            data: { tenantId, leadId: lead.id, touchpointId: touchpoint.id, destinationId, status: rng.pick(STATUSES), idempotencyKey: `d-${uid()}`, createdAt: at },
            select: { id: true },
          }),
        );
      }
      delivered.add(lead.id);
    };
    for (const lead of leads) {
      if (!rng.chance(0.55)) continue;
      await deliver(owner.tenant.id, lead, [hook.id, inbox.id, oldCrm.id].filter(() => rng.chance(0.6)));
    }
    for (const lead of theirs.slice(0, 10)) await deliver(other.tenant.id, lead, [theirHook.id]);
    for (const delivery of deliveries.filter(() => rng.chance(0.3))) {
      await db().delivery.update({ where: { id: delivery.id }, data: { status: rng.pick(STATUSES) } });
    }
    await db().delivery.delete({ where: { id: deliveries[0]!.id } });
    await owner.caller.destinations.delete({ id: oldCrm.id });

    // ---- What has no procedure (or comes from captures and imports), straight in the database.
    const real = leads.filter((l) => !l.isTest);
    for (const lead of rng.sample(real, 16)) await db().lead.update({ where: { id: lead.id }, data: { followUpCount: { increment: rng.int(3, 13) } } });
    // Overdue (in open and closed stages, do-not-contact too: only open, contactable ones count).
    for (const lead of rng.sample(leads, 14)) await db().lead.update({ where: { id: lead.id }, data: { nextFollowUpAt: new Date(now.getTime() - rng.int(2, 200) * HOUR) } });
    // Silent for weeks, or contacted three days ago.
    for (const [i, lead] of rng.sample(real, 12).entries()) {
      await db().lead.update({ where: { id: lead.id }, data: { lastContactedAt: new Date(now.getTime() - (i % 2 === 0 ? 20 : 3) * DAY), nextFollowUpAt: null, nurtureUntil: null } });
    }
    // First contacts from an import: half a minute, exactly the 24-hour target, a millisecond past it.
    const uncontacted = (await db().lead.findMany({ where: { tenantId: owner.tenant.id, firstContactedAt: null, id: { in: real.map((l) => l.id) } }, select: { id: true, firstReceivedAt: true } })).slice(0, 3);
    for (const [i, lead] of uncontacted.entries()) {
      await db().lead.update({ where: { id: lead.id }, data: { firstContactedAt: new Date(lead.firstReceivedAt.getTime() + [30_000, 24 * HOUR, 24 * HOUR + 1][i]!) } });
    }
    // Merges of later captures: a DNC signal, new source and action, an earlier first arrival,
    // a test lead made real and an offer found (on leads without deliveries: see the test below).
    const undelivered = real.filter((l) => !delivered.has(l.id));
    await db().lead.update({ where: { id: undelivered[0]!.id }, data: { funnelStage: "DO_NOT_CONTACT", action: "DNC" } });
    await db().lead.update({ where: { id: real[3]!.id }, data: { funnelStage: "DO_NOT_CONTACT" } });
    await db().lead.update({ where: { id: real[4]!.id }, data: { source: "AzurePortal", action: "PLT", funnelStage: "TRIAL" } });
    for (const lead of real.slice(10, 13)) await db().lead.update({ where: { id: lead.id }, data: { firstReceivedAt: new Date(lead.arrival.getTime() - 36 * HOUR - 1) } });
    const testLead = leads.find((l) => l.isTest && !delivered.has(l.id));
    expect(testLead, "a test lead without deliveries").toBeDefined();
    await db().lead.update({ where: { id: testLead!.id }, data: { isTest: false } });
    await db().lead.update({ where: { id: undelivered[1]!.id }, data: { offerId: offers[2]!.id } });
    await db().lead.update({ where: { id: undelivered[2]!.id }, data: { ownerId: null } });
    // Leads deleted (with their deliveries and timelines), in both tenants.
    await db().lead.deleteMany({ where: { id: { in: [real[20]!.id, real[21]!.id, ...leads.filter((l) => delivered.has(l.id)).slice(2, 4).map((l) => l.id), theirs[1]!.id] } } });
    await db().lead.update({ where: { id: theirs[2]!.id }, data: { funnelStage: "DO_NOT_CONTACT" } });

    // ---- Compare, with the delta rows, then folded.
    const tenants = [owner.tenant.id, other.tenant.id];
    const compareAll = async (phase: string) => {
      expect(await rollupMismatches(tenants), `${phase}: rollup rows vs the facts of the leads`).toEqual([]);
      await inChunks(inputs(offers[0]!.id), 3, async (input) => {
        const what = `${phase} ${input.timeZone} ${input.from}..${input.to}${input.offerId ? " offer" : ""}`;
        const [actual, expected] = await Promise.all([owner.caller.insights.dashboard(input), oracleDashboard(owner.tenant.id, input)]);
        expectSameDashboard(actual, expected, what);
        expect(actual.range.bucket, what).toBe(RANGES.find((r) => r.from === input.from && r.to === input.to)!.bucket);
        // The oracle itself reads the right leads.
        const count = await db().lead.count({
          where: {
            tenantId: owner.tenant.id,
            isTest: false,
            firstReceivedAt: { gte: startOfDateKey(input.from, input.timeZone), lt: startOfDateKey(shiftDateKey(input.to, 1), input.timeZone) },
            ...(input.offerId ? { offerId: input.offerId } : {}),
          },
        });
        expect(expected.totals.leads, what).toBe(count);
      });
      for (const timeZone of ["UTC", "Asia/Kolkata"]) {
        const input = { from: RANGES[1].from, to: RANGES[1].to, timeZone };
        expectSameDashboard(await other.caller.insights.dashboard(input), await oracleDashboard(other.tenant.id, input), `${phase} other tenant ${timeZone}`);
      }
    };

    // The triggers wrote delta rows for this tenant (pending() counts every tenant's).
    for (const t of ROLLUP_TABLES) {
      const [deltas] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS "n" FROM "${t.table}" WHERE "isDelta" AND "tenantId" = $1`, owner.tenant.id);
      expect(deltas?.n, `delta rows in ${t.table}`).toBeGreaterThan(0);
    }
    // The data set is what it is meant to be: every kind of lead and state is there.
    const ours = await db().lead.findMany({ where: { tenantId: owner.tenant.id } });
    expect(ours.filter((l) => l.isTest).length).toBeGreaterThan(3);
    expect(ours.filter((l) => l.funnelStage === "DO_NOT_CONTACT").length).toBeGreaterThan(5);
    expect(ours.filter((l) => l.ownerId === null).length).toBeGreaterThan(5);
    expect(ours.filter((l) => l.followUpCount > FOLLOW_UP_RANGE.max).length).toBeGreaterThan(0);
    expect(ours.filter((l) => l.nextFollowUpAt && l.nextFollowUpAt < now).length).toBeGreaterThan(5);
    expect(ours.filter((l) => l.qualifiedAt).length).toBeGreaterThan(3);
    expect(ours.filter((l) => l.nurtureUntil).length).toBeGreaterThan(2);
    expect(ours.filter((l) => l.firstContactedAt && l.firstContactedAt.getTime() - l.firstReceivedAt.getTime() < 60_000).length).toBeGreaterThan(2);
    const [walked] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Lead" WHERE "tenantId" = ${owner.tenant.id} AND cardinality("reachedStageIds") > 2`;
    expect(walked?.n).toBeGreaterThan(5);

    await compareAll("with delta rows");

    const pending = await compactAndReadPending();
    expect(Object.keys(pending).sort()).toEqual(ROLLUP_TABLES.map((t) => t.table).sort());
    expect(pending).toEqual(Object.fromEntries(ROLLUP_TABLES.map((t) => [t.table, 0])));
    expect(await duplicateKeys(tenants), "one row per key once folded").toEqual([]);
    await compareAll("folded");

    // Changes after folding write deltas on top of folded rows; the sums still hold.
    const [moved, deleted] = await db().lead.findMany({ where: { tenantId: owner.tenant.id, isTest: false, stageId: null }, orderBy: { firstReceivedAt: "asc" }, take: 2 });
    await owner.caller.pipeline.moveLead({ leadId: moved!.id, stageId: stageId.get("Won")! });
    await db().lead.delete({ where: { id: deleted!.id } });
    const input = { from: RANGES[1].from, to: RANGES[1].to, timeZone: "Europe/Berlin" };
    expectSameDashboard(await owner.caller.insights.dashboard(input), await oracleDashboard(owner.tenant.id, input), "after folding, changed again");
    expect(await rollupMismatches(tenants), "deltas on top of folded rows").toEqual([]);
    expect(Object.values(await compactAndReadPending()).every((n) => n === 0)).toBe(true);
    expect(await duplicateKeys(tenants), "one row per key once folded again").toEqual([]);
    expect(await rollupMismatches(tenants), "folded again").toEqual([]);
  });

  it("has the SQL bucket of a time to first contact agree with firstContactBucket", async () => {
    const values = [0, 1e-9, 0.5, 30, 59.9, 59.999999, 60, 60.000001, 65.999, 66, 66.000001, 3_600, 86_400, 86_400 * 30, 9.8e6, 1e7, 1e9, 1e12];
    for (let k = 1; k < FIRST_CONTACT_BUCKETS.count; k++) {
      const start = firstContactBucketStart(k);
      values.push(start * (1 + 1e-6), start * (1 - 1e-6));
    }
    const rows = await db().$queryRaw<{ seconds: number; bucket: number }[]>`
      SELECT s AS "seconds", insights_first_contact_bucket(s) AS "bucket" FROM unnest(${values}::float8[]) AS s`;
    expect(rows).toHaveLength(values.length);
    const mismatches = rows.filter((r) => r.bucket !== firstContactBucket(r.seconds)).map((r) => ({ ...r, js: firstContactBucket(r.seconds) }));
    expect(mismatches).toEqual([]);
    expect(rows.find((r) => r.seconds === 1e12)!.bucket).toBe(FIRST_CONTACT_BUCKETS.count - 1);
  });

  it("counts a delivery under its lead's current offer and test flag, as the leads do, after a capture merges into the lead", async () => {
    const owner = await signUp();
    // Paused: its deliveries are HELD, so no worker of another test file touches them.
    await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "WEBHOOK", name: "Paused hook", config: {}, state: "PAUSED" } });
    const publisherId = "contoso";
    const offerRef = `crm-${uid()}`;
    /** A capture naming the offer `contoso.crm-…`, resolved to the tenant's offer when it exists. */
    const capture = (email: string, at: Date, isTest: boolean, offer: { id: string; title: string } | null) =>
      captureLead(db(), {
        tenantId: owner.tenant.id,
        channel: "HTTPS",
        offer: offer && { id: offer.id, publisherId, offerId: offerRef, title: offer.title },
        lead: { customer: { email }, source: "AzureMarketplace", action: "INS", offer: { publisherId, offerId: offerRef }, receivedAt: at, isTest, isPrivacyRedacted: false, extraFields: {} },
        idempotencyKey: uid(),
        receivedAt: at,
      });
    // A lead naming an offer the publisher has not added to Leadrelay yet; once added, the
    // person's next capture fills in the lead's offer.
    const found = `found-${uid()}@x.example`;
    const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
    await capture(found, ago(30), false, null);
    const offer = await db().offer.create({ data: { tenantId: owner.tenant.id, publisherId, offerId: offerRef, title: "Contoso CRM", type: "SAAS" } });
    await capture(found, ago(20), false, offer);
    // A test capture, then a real one of the same person: one real lead with two deliveries.
    const tested = `tested-${uid()}@x.example`;
    await capture(tested, ago(10), true, offer);
    await capture(tested, ago(5), false, offer);
    const leadRows = await db().lead.findMany({ where: { tenantId: owner.tenant.id }, select: { isTest: true, offerId: true } });
    expect(leadRows).toEqual([{ isTest: false, offerId: offer.id }, { isTest: false, offerId: offer.id }]);
    expect(await db().delivery.count({ where: { tenantId: owner.tenant.id } })).toBe(4);

    // Deliveries are created with the capture: today.
    const today = new Date().toISOString().slice(0, 10);
    const range = { from: shiftDateKey(today, -3), to: today, timeZone: "UTC" };
    const read = async (input: DashboardInput) => {
      const [actual, expected] = await Promise.all([owner.caller.insights.dashboard(input), oracleDashboard(owner.tenant.id, input)]);
      const counts = (rows: Dashboard["destinations"]) => rows.map((d) => [d.name, d.total, d.inFlight]);
      return { actual: counts(actual.destinations), expected: counts(expected.destinations) };
    };
    const [all, byOffer] = await Promise.all([read(range), read({ ...range, offerId: offer.id })]);
    expect({ all: all.expected, byOffer: byOffer.expected }).toEqual({ all: [["Paused hook", 4, 4]], byOffer: [["Paused hook", 4, 4]] });
    expect({ all: all.actual, byOffer: byOffer.actual }).toEqual({ all: all.expected, byOffer: byOffer.expected });
  });
});
