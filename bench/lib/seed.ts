/**
 * Seeds leads at scale in SQL (generate_series, INSERT … SELECT): the tenant under test
 * and other tenants, every column the inbox and the insights dashboard read, plus
 * touchpoints and deliveries (insights' destination table) and stage moves (its funnel).
 * Secondary indexes are dropped for the load and rebuilt from their own definitions.
 */
import pg from "pg";
import { log } from "./common";

export interface SeedTarget {
  tenantId: string;
  offerIds: string[];
  ownerIds: string[];
  stageIds: string[];
  destinationId: string | null;
}

const TABLES = ["Lead", "Touchpoint", "Delivery", "TimelineEvent"];

/** `(i * p) % m / m`: a cheap, repeatable pseudo-random number in [0, 1) per row and salt. */
const rnd = (salt: number) => `(((i::bigint * ${2_654_435_761 + salt * 40_503}) + ${salt * 7_919}) % 1000003)::float8 / 1000003`;

function leadInsert(t: SeedTarget, prefix: string, count: number, yearStart: Date): { sql: string; params: unknown[] } {
  const sql = `
    INSERT INTO "Lead" ("id", "tenantId", "offerId", "offerTitle", "dedupKey", "firstName", "lastName", "email", "phone", "country",
      "company", "title", "source", "action", "funnelStage", "description", "isTest", "searchText", "touchpointCount", "stageId", "ownerId",
      "followUpCount", "firstContactedAt", "lastContactedAt", "nextFollowUpAt", "qualifiedAt", "firstReceivedAt", "lastReceivedAt", "createdAt", "updatedAt")
    SELECT "id", $1, "offerId", 'Offer ' || coalesce("offerId", 'none'), 'email:' || "email", "firstName", "lastName", "email", '+1 425 555 0100', "country",
      "company", 'Director', "source", "action", "funnelStage", NULL, "isTest", lower("firstName" || ' ' || "lastName" || ' ' || "email" || ' ' || "company"),
      1 + ("r6" * 3)::int, "stageId", "ownerId", "followUps", "firstContactedAt", "firstContactedAt" + ("r6" * interval '10 days'),
      CASE WHEN "r7" < 0.3 THEN now() + (("r7" * 66 - 10) * interval '1 day') END,
      CASE WHEN "r5" < 0.1 THEN "firstReceivedAt" + interval '3 days' END,
      "firstReceivedAt", LEAST(now(), "firstReceivedAt" + CASE WHEN "r6" < 0.2 THEN "r6" * interval '150 days' ELSE interval '0' END), "firstReceivedAt", now()
    FROM (
      SELECT g.*,
        CASE WHEN g."isTest" THEN 'MSFT_TEST_636573304831318844' ELSE (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken'])[1 + (i % 8)] END AS "firstName",
        CASE WHEN g."isTest" THEN 'MSFT_TEST_636573304831318844' ELSE 'Person' || i END AS "lastName",
        CASE WHEN g."isTest" THEN 'msft_test_' || i || '@test.com' ELSE 'lead' || i || '@co' || (i % 20011) || '.example' END AS "email",
        CASE WHEN g."isTest" THEN 'MSFT_TEST_636573304831318844' ELSE 'Company ' || (i % 20011) END AS "company",
        CASE "action" WHEN 'INS' THEN 'ACTIVE' WHEN 'Create' THEN 'ACTIVE' WHEN 'PLT' THEN 'INITIAL' WHEN 'DNC' THEN 'DO_NOT_CONTACT' ELSE 'TRIAL' END::"FunnelStage" AS "funnelStage",
        CASE WHEN "r4" < 0.6 THEN "firstReceivedAt" + ("r4" * interval '80 hours') END AS "firstContactedAt",
        CASE WHEN "r4" < 0.6 THEN (("r4" * 1000)::int % 14) ELSE 0 END AS "followUps"
      FROM (
        SELECT i, '${prefix}' || i AS "id",
          ${rnd(1)} AS "r1", ${rnd(2)} AS "r2", ${rnd(3)} AS "r3", ${rnd(4)} AS "r4", ${rnd(5)} AS "r5", ${rnd(6)} AS "r6", ${rnd(7)} AS "r7",
          (i % 4999 = 0) AS "isTest",
          ($2::text[])[1 + (i % (cardinality($2::text[]) + 1))] AS "offerId",
          ($3::text[])[1 + ((i / 7) % (cardinality($3::text[]) + 1))] AS "ownerId",
          CASE WHEN (i % 10) < 6 THEN NULL ELSE ($4::text[])[1 + ((i / 3) % cardinality($4::text[]))] END AS "stageId",
          (ARRAY['AzureMarketplace','AzureMarketplace','AzureMarketplace','AppSource (SPZA)','AppSource (SPZA)','AzurePortal'])[1 + (i % 6)] AS "source",
          (ARRAY['INS','INS','INS','PLT','PLT','Create','StartTestDrive','StartTestDrive','DNC','INS','PLT'])[1 + ((i / 11) % 11)] AS "action",
          (ARRAY['US','GB','DE','FR','IN','JP','BR','CA'])[1 + (i % 8)] AS "country",
          $5::timestamp + ((${rnd(8)}) * interval '365 days') AS "firstReceivedAt"
        FROM generate_series(1, $6::int) i) g) x
    -- Leads arrive over time: store them in that order, so a month's leads share heap pages as in production.
    ORDER BY "firstReceivedAt"`;
  return { sql, params: [t.tenantId, t.offerIds, t.ownerIds, t.stageIds, yearStart, count] };
}

async function secondaryIndexes(client: pg.PoolClient): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [TABLES],
  );
  return rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
}

/** Seeds `perTenant` leads for the target and `others.length` × their share for the other tenants; returns seconds taken. */
export async function seedLeads(url: string, target: SeedTarget, others: SeedTarget[], perTenant: number, otherTotal: number): Promise<number> {
  const started = performance.now();
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const indexes = await secondaryIndexes(client);
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    const yearStart = new Date(Date.now() - 365 * 86_400_000);

    const jobs = [{ t: target, prefix: "lx", count: perTenant }, ...others.map((t, k) => ({ t, prefix: `lo${k}x`, count: Math.floor(otherTotal / others.length) }))];
    // Two loads at a time: one per core.
    await Promise.all(
      [jobs.filter((_, k) => k % 2 === 0), jobs.filter((_, k) => k % 2 === 1)].map(async (batch) => {
        const c = await pool.connect();
        try {
          for (const job of batch) {
            const { sql, params } = leadInsert(job.t, job.prefix, job.count, yearStart);
            await c.query(sql, params);
            log(`scale: seeded ${job.count} leads (${job.prefix})`);
          }
        } finally {
          c.release();
        }
      }),
    );

    // For insights' destination table: a touchpoint and a delivery for one lead in ten of the target tenant
    // (a delivery per lead would triple the seeding time; the query reads deliveries by date range).
    await client.query(
      `INSERT INTO "Touchpoint" ("id", "tenantId", "leadId", "channel", "source", "action", "funnelStage", "receivedAt", "idempotencyKey", "isTest")
       SELECT 't' || l."id", l."tenantId", l."id", 'HTTPS', l."source", l."action", l."funnelStage", l."firstReceivedAt", 'seed:' || l."id", l."isTest"
         FROM "Lead" l WHERE l."tenantId" = $1 AND l."id" LIKE '%0'`,
      [target.tenantId],
    );
    if (target.destinationId) {
      await client.query(
        `INSERT INTO "Delivery" ("id", "tenantId", "leadId", "touchpointId", "destinationId", "status", "attemptCount", "idempotencyKey", "deliveredAt", "createdAt", "updatedAt")
         SELECT 'd' || l."id", l."tenantId", l."id", 't' || l."id", $2,
                (CASE WHEN l."id" LIKE '%17' THEN 'FAILED' WHEN l."id" LIKE '%331' THEN 'RETRYING' ELSE 'DELIVERED' END)::"DeliveryStatus", 1,
                'msg_t' || l."id" || '_' || $2, l."firstReceivedAt", l."firstReceivedAt", l."firstReceivedAt"
           FROM "Lead" l WHERE l."tenantId" = $1 AND l."id" LIKE '%0'`,
        [target.tenantId, target.destinationId],
      );
    }
    // Stage moves on the timeline of every lead that left the first stage (the funnel reads them).
    await client.query(
      `INSERT INTO "TimelineEvent" ("id", "tenantId", "leadId", "kind", "data", "createdAt")
       SELECT 'e' || l."id", l."tenantId", l."id", 'stage.changed', jsonb_build_object('fromStageId', NULL, 'toStageId', l."stageId"), l."firstReceivedAt" + interval '1 day'
         FROM "Lead" l WHERE l."tenantId" = $1 AND l."stageId" IS NOT NULL`,
      [target.tenantId],
    );
    log("scale: rebuilding indexes");
    // Two builds at a time, on separate connections.
    const queue = [...indexes];
    await Promise.all(
      [0, 1].map(async () => {
        const c = await pool.connect();
        try {
          await c.query(`SET maintenance_work_mem = '256MB'`);
          for (let index = queue.shift(); index; index = queue.shift()) await c.query(index.def);
        } finally {
          c.release();
        }
      }),
    );
    // The triggers wrote a delta row per lead into each insights rollup; fold them as the
    // worker's insights-compact job does every minute.
    const folding = performance.now();
    const { createDb, InsightsRollupRepository } = await import("@leadrelay/db");
    const folder = createDb(url, 1);
    const batches = await new InsightsRollupRepository(folder).compact({ batchDays: 50, maxBatches: 100_000 }).finally(() => folder.$disconnect());
    log(`scale: folded the insights rollups in ${((performance.now() - folding) / 1000).toFixed(1)} s (${batches} batches)`);
    await client.query("VACUUM ANALYZE");
  } finally {
    client.release();
    await pool.end();
  }
  return (performance.now() - started) / 1000;
}
