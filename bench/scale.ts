/**
 * Benchmarks 3 and 4 (inbox and insights at scale): a tenant with 1,000,000 leads beside
 * other tenants holding 1,000,000 more, seeded in SQL. Each query runs through the real
 * tRPC procedure (`appRouter.createCaller`, a session of the tenant's owner); the
 * reference runs the very statements the call sent (recorded from Prisma) bare via `pg`.
 */
import { createId } from "./lib/cuid";
import pg from "pg";
import { signUpOwner, type Owner } from "./lib/app";
import { benchEnv, createBenchDatabase, figure, log, percentile, round, uid, useDatabase, type BenchOptions, type Figure } from "./lib/common";
import { seedLeads, type SeedTarget } from "./lib/seed";
import { installRecordingClient, recordQueries, type CapturedQuery } from "./lib/sql-capture";

const OTHER_TENANTS = 4;

interface Timing {
  p50: number;
  p95: number;
}

async function time(runs: number, warmup: number, work: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Runs recorded statements bare: one after another, or all at once as the handler does. */
function bare(pool: pg.Pool, queries: CapturedQuery[], parallel: boolean): () => Promise<unknown> {
  return async () => {
    if (parallel) return Promise.all(queries.map((q) => pool.query(q.sql, q.params)));
    for (const q of queries) await pool.query(q.sql, q.params);
  };
}

async function prepareTenant(owner: Owner, label: string, db: pg.Pool, destinationUrl: string | null): Promise<SeedTarget> {
  const offerIds: string[] = [];
  for (let k = 0; k < 5; k++) {
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: `${label}-offer-${k}`, title: `Offer ${k}`, type: "SAAS" });
    offerIds.push(offer.id);
  }
  const ownerIds = [owner.userId];
  for (let k = 0; k < 4; k++) {
    const userId = createId();
    await db.query(`INSERT INTO "User" ("id", "email", "name", "createdAt", "updatedAt") VALUES ($1, $2, $3, now(), now())`, [
      userId, `member-${k}-${uid()}@example.test`, `Member ${k}`,
    ]);
    await db.query(`INSERT INTO "Membership" ("id", "tenantId", "userId", "role", "createdAt") VALUES ($1, $2, $3, 'MEMBER', now())`, [
      createId(), owner.tenantId, userId,
    ]);
    ownerIds.push(userId);
  }
  const stageIds = (await owner.caller.pipeline.stages()).map((s) => s.id);
  const destinationId = destinationUrl
    ? (await owner.caller.destinations.create({ kind: "WEBHOOK", name: "CRM hook", offerId: null, config: { url: destinationUrl }, secrets: {} })).destination.id
    : null;
  return { tenantId: owner.tenantId, offerIds, ownerIds, stageIds, destinationId };
}

const dateKey = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

export async function scaleBenchmarks(options: BenchOptions, which: { inbox: boolean; insights: boolean }): Promise<Figure[]> {
  const perTenant = options.quick ? 100_000 : 1_000_000;
  const otherTotal = options.quick ? 100_000 : 1_000_000;
  const runs = options.quick ? 5 : 30;
  const insightRuns = options.quick ? 3 : 5;
  const db = await createBenchDatabase("scale");
  Object.assign(process.env, benchEnv());
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  let uninstall: (() => Promise<void>) | null = null;
  const figures: Figure[] = [];
  try {
    await useDatabase(db.url);
    uninstall = installRecordingClient(db.url);
    const owner = await signUpOwner("scale");
    const target = await prepareTenant(owner, "main", pool, "https://crm.example.com/hook");
    const others: SeedTarget[] = [];
    for (let k = 0; k < OTHER_TENANTS; k++) others.push(await prepareTenant(await signUpOwner(`other${k}`), `o${k}`, pool, null));
    log(`scale: seeding ${perTenant} + ${otherTotal} leads`);
    const seedSeconds = await seedLeads(db.url, target, others, perTenant, otherTotal);
    log(`scale: seeded in ${round(seedSeconds)} s`);

    if (which.inbox) {
      const deep = await pool.query<{ ms: string; id: string }>(
        `SELECT (extract(epoch FROM "lastReceivedAt") * 1000)::bigint AS "ms", "id" FROM "Lead"
          WHERE "tenantId" = $1 AND NOT "isTest" ORDER BY "lastReceivedAt" DESC, "id" DESC OFFSET 9999 LIMIT 1`,
        [target.tenantId],
      );
      const cursor = Buffer.from(JSON.stringify(["lastReceivedAt", "desc", Number(deep.rows[0]!.ms), deep.rows[0]!.id])).toString("base64url");
      const email = (await pool.query<{ email: string }>(`SELECT "email" FROM "Lead" WHERE "id" = $1`, [`lx${perTenant / 2 + 1}`])).rows[0]!.email;
      const list = owner.caller.leads.list;
      const cases: [string, Parameters<typeof list>[0]][] = [
        ["first page", {}],
        ["filter: offer", { offerId: target.offerIds[2]! }],
        ["filter: no offer", { offerId: null }],
        ["filter: owner", { owner: target.ownerIds[1]! }],
        ["filter: unassigned", { owner: "unassigned" }],
        ["filter: entry stage (and unstaged)", { stageId: target.stageIds[0]! }],
        ["filter: later stage", { stageId: target.stageIds[2]! }],
        ["filter: source", { source: "AzurePortal" }],
        ["filter: action", { action: "DNC" }],
        ["filter: funnel stage", { funnelStage: "TRIAL" }],
        ["filter: date range", { receivedFrom: new Date(Date.now() - 60 * 86_400_000), receivedTo: new Date(Date.now() - 30 * 86_400_000) }],
        ["filter: test leads shown", { showTest: true }],
        ["page 10,000 rows deep", { cursor }],
        ["search: email", { q: email }],
        ["search: MSFT_TEST", { q: "MSFT_TEST" }],
      ];
      for (const [name, input] of cases) {
        const call = () => list(input);
        const queries = await recordQueries(call);
        const app = await time(runs, 3, call);
        const ref = await time(runs, 3, bare(pool, queries, false));
        const rows = (await call()).items.length;
        log(`inbox ${name}: p95 ${round(app.p95)} ms (bare ${round(ref.p95)} ms), ${rows} rows`);
        figures.push(
          figure({
            benchmark: "inbox", name: `inbox ${name} p95`, value: round(app.p95), unit: "ms",
            reference: round(ref.p95), referenceLabel: `same ${queries.length} SQL bare`,
            target: "≤ 50 ms", pass: app.p95 <= 50, note: `p50 ${round(app.p50)} ms (bare ${round(ref.p50)}), ${rows} rows`,
          }),
        );
      }
    }

    if (which.insights) {
      // Outside UTC, days are cut at local midnights: a range by day reads every lead from the
      // leads table, a range by week or month the days its boundaries cut.
      const cases: [string, Parameters<typeof owner.caller.insights.dashboard>[0]][] = [
        ["last 30 days", { from: dateKey(29), to: dateKey(0), timeZone: "UTC" }],
        ["last 30 days, Europe/Berlin", { from: dateKey(29), to: dateKey(0), timeZone: "Europe/Berlin" }],
        ["last 45 days, Asia/Kolkata", { from: dateKey(44), to: dateKey(0), timeZone: "Asia/Kolkata" }],
        ["last 90 days", { from: dateKey(89), to: dateKey(0), timeZone: "UTC" }],
        ["last 90 days, America/New_York", { from: dateKey(89), to: dateKey(0), timeZone: "America/New_York" }],
        ["last 365 days", { from: dateKey(364), to: dateKey(0), timeZone: "UTC" }],
        ["last 365 days, America/New_York", { from: dateKey(364), to: dateKey(0), timeZone: "America/New_York" }],
        ["last 365 days, one offer", { from: dateKey(364), to: dateKey(0), offerId: target.offerIds[1]!, timeZone: "UTC" }],
      ];
      for (const [name, input] of cases) {
        const call = () => owner.caller.insights.dashboard(input);
        const queries = await recordQueries(call);
        const app = await time(insightRuns, 1, call);
        const ref = await time(insightRuns, 1, bare(pool, queries, true));
        log(`insights ${name}: p95 ${round(app.p95)} ms (bare ${round(ref.p95)} ms)`);
        figures.push(
          figure({
            benchmark: "insights", name: `dashboard ${name} p95`, value: round(app.p95), unit: "ms",
            reference: round(ref.p95), referenceLabel: `same ${queries.length} SQL bare, parallel`,
            target: "≤ 300 ms", pass: app.p95 <= 300, note: `p50 ${round(app.p50)} ms (bare ${round(ref.p50)})`,
          }),
        );
      }
    }
    figures.push(
      figure({
        benchmark: which.inbox ? "inbox" : "insights", name: "seeding time", value: round(seedSeconds), unit: "s",
        reference: null, referenceLabel: `${perTenant} + ${otherTotal} leads, ${perTenant / 10} deliveries, stage moves`, ratio: null, target: "-", pass: null,
      }),
    );
    return figures;
  } finally {
    await uninstall?.();
    await pool.end();
    await db.drop();
  }
}
