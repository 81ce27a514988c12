import { FIRST_CONTACT_BUCKETS } from "@leadrelay/leads";
import type { DbTx } from "../client";
import { Prisma } from "../generated/prisma/client";
import { FOLLOW_UP_HISTOGRAM_LENGTH, histogramSumSql } from "./insights.repository";

/** The graphile-worker task that folds the insights rollups' delta rows. */
export const INSIGHTS_COMPACT_TASK = "insights-compact";

interface RollupTable {
  name: string;
  /** The time column a fold batches by. */
  period: "day" | "hour";
  keys: string[];
  sums: string[];
  histograms: { column: string; length: number }[];
  /** The measure that is zero exactly when the key has no lead or delivery left. */
  count: string;
}

const ROLLUPS: RollupTable[] = [
  { name: "InsightsLeadDay", period: "day", keys: ["tenantId", "day", "offerId", "source", "action", "funnelStage"], sums: ["leads"], histograms: [], count: "leads" },
  { name: "InsightsLeadHour", period: "hour", keys: ["tenantId", "hour", "offerId", "source", "action", "funnelStage"], sums: ["leads"], histograms: [], count: "leads" },
  {
    name: "InsightsOwnerDay",
    period: "day",
    keys: ["tenantId", "day", "offerId", "ownerId"],
    sums: ["leads", "doNotContact", "contacted", "contactedWithinTarget", "contactable", "contactableFollowUps", "followUps", "withinRange", "qualified"],
    histograms: [
      { column: "followUpHistogram", length: FOLLOW_UP_HISTOGRAM_LENGTH },
      { column: "firstContactHistogram", length: FIRST_CONTACT_BUCKETS.count },
    ],
    count: "leads",
  },
  { name: "InsightsStageDay", period: "day", keys: ["tenantId", "day", "offerId", "ownerId", "stageId", "reachedStageIds"], sums: ["leads", "silentEligible"], histograms: [], count: "leads" },
  { name: "InsightsDeliveryDay", period: "day", keys: ["tenantId", "day", "offerId", "destinationId", "status"], sums: ["deliveries"], histograms: [], count: "deliveries" },
];

const q = (column: string) => `"${column}"`;

/**
 * One statement per batch of periods: delete every row of those (tenant, day or hour)s and insert their
 * sums, one row per key, dropping keys that sum to nothing. The delete only removes rows its
 * snapshot sees, so deltas written meanwhile stay for the next run; a concurrent fold of the
 * same rows waits for this one and then finds them gone.
 */
function foldStatement(table: RollupTable, batchDays: number): Prisma.Sql {
  const keys = table.keys.map(q).join(", ");
  const columns = [...table.keys, ...table.sums, ...table.histograms.map((h) => h.column)].map(q).join(", ");
  const sums = table.sums.map((c) => `sum(${q(c)})::int`);
  const histograms = table.histograms.map((h) => histogramSumSql(h.column, h.length));
  return Prisma.raw(`
    WITH periods AS (SELECT DISTINCT "tenantId", "${table.period}" FROM "${table.name}" WHERE "isDelta" LIMIT ${batchDays}),
    gone AS (DELETE FROM "${table.name}" r USING periods p WHERE r."tenantId" = p."tenantId" AND r."${table.period}" = p."${table.period}" RETURNING r.*)
    INSERT INTO "${table.name}" (${columns}, "isDelta")
    SELECT ${keys}, ${[...sums, ...histograms].join(", ")}, false
      FROM gone GROUP BY ${keys} HAVING sum(${q(table.count)}) <> 0`);
}

export class InsightsRollupRepository {
  constructor(private readonly db: DbTx) {}

  /**
   * Folds delta rows, up to `batchDays` (tenant, day)s per table and statement, until none is
   * left or `maxBatches` ran; returns the batches run. Readers sum all rows, so folding
   * changes no number, only how many rows the dashboard reads.
   */
  async compact(options: { batchDays?: number; maxBatches?: number } = {}): Promise<number> {
    const batchDays = options.batchDays ?? 500;
    const maxBatches = options.maxBatches ?? 100;
    let batches = 0;
    for (const table of ROLLUPS) {
      const statement = foldStatement(table, batchDays);
      while (batches < maxBatches) {
        const [pending] = await this.db.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table.name}"`)} WHERE "isDelta") AS "any"`;
        if (!pending?.any) break;
        await this.db.$executeRaw(statement);
        batches++;
      }
    }
    return batches;
  }

  /** Delta rows waiting to be folded, per table. */
  async pending(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of ROLLUPS) {
      const [row] = await this.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM ${Prisma.raw(`"${table.name}"`)} WHERE "isDelta"`;
      counts[table.name] = row?.n ?? 0;
    }
    return counts;
  }
}
