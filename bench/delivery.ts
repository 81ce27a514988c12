/**
 * Benchmark 2 (delivery): 10,000 queued leads drained by the real worker (`startWorker`) to
 * a local webhook sink, and capture-to-delivered latency at 10 leads/s. Reference:
 * graphile-worker's own no-op job rate and add-to-start latency, same concurrency and options.
 */
import { captureLead, createDb, DELIVER_TASK } from "@leadrelay/db";
import { parseHttpsPayloadText } from "@leadrelay/leads";
import { createTestDestination, createTestTenant } from "@leadrelay/worker/testing";
import { startWorker, workerEnv } from "@leadrelay/worker";
import { Logger, run, type Runner } from "graphile-worker";
import pg from "pg";
import { marketplaceLead, startSink, type Sink } from "./lib/app";
import { benchEnv, createBenchDatabase, figure, log, percentile, round, sleep, uid, useDatabase, type BenchOptions, type Figure } from "./lib/common";

const quiet = new Logger(() => () => {});
const quietLog = (level: string, message: string) => {
  if (level === "error") log(`worker error: ${message}`);
};

/** Leads, touchpoints and PENDING deliveries with their jobs, as the capture outbox writes them, in bulk. */
async function queueLeads(pool: pg.Pool, tenantId: string, destinationId: string, count: number): Promise<void> {
  const run = uid();
  await pool.query(
    `WITH l AS (
       INSERT INTO "Lead" ("id", "tenantId", "dedupKey", "firstName", "lastName", "email", "company", "source", "action", "funnelStage",
                           "offerTitle", "searchText", "firstReceivedAt", "lastReceivedAt", "updatedAt")
       SELECT 'bl' || $3 || i, $1, 'email:' || $3 || i, 'Ada', 'Lovelace ' || i, 'ada.' || $3 || '.' || i || '@contoso-bench.example', 'Contoso',
              'AzureMarketplace', 'INS', 'ACTIVE', 'Bench Analytics', 'ada', now(), now(), now()
         FROM generate_series(1, $4::int) i
       RETURNING "id"),
     t AS (
       INSERT INTO "Touchpoint" ("id", "tenantId", "leadId", "channel", "source", "action", "funnelStage", "receivedAt", "idempotencyKey")
       SELECT 'bt' || substr(l."id", 3), $1, l."id", 'HTTPS', 'AzureMarketplace', 'INS', 'ACTIVE', now(), 'bench:' || l."id" FROM l
       RETURNING "id", "leadId"),
     d AS (
       INSERT INTO "Delivery" ("id", "tenantId", "leadId", "touchpointId", "destinationId", "status", "idempotencyKey", "updatedAt")
       SELECT 'bd' || substr(t."id", 3), $1, t."leadId", t."id", $2, 'PENDING', 'msg_' || t."id" || '_' || $2, now() FROM t
       RETURNING "id")
     SELECT count(graphile_worker.add_job($5, json_build_object('deliveryId', d."id"), queue_name => NULL, max_attempts => 10,
                                          job_key => 'delivery:' || d."id")) FROM d`,
    [tenantId, destinationId, run, count, DELIVER_TASK],
  );
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(20);
  }
  return false;
}

/** Drains `count` queued deliveries with the real worker; deliveries per second from start to the last arrival. */
async function drain(
  url: string, pool: pg.Pool, sink: Sink, target: { tenantId: string; destinationId: string }, count: number, concurrency: number, capMs: number,
) {
  await queueLeads(pool, target.tenantId, target.destinationId, count);
  const before = sink.received;
  let last = 0;
  sink.onRequest = (_body, at) => (last = at);
  const started = performance.now();
  const worker = await startWorker({ connectionString: url, concurrency, log: quietLog });
  // On a loaded machine the full drain can take many minutes: measure at most `capMs`.
  const done = await waitUntil(() => sink.received - before >= count, capMs);
  const elapsed = performance.now() - started;
  const arrived = sink.received - before;
  await worker.stop();
  sink.onRequest = null;
  const delivered = Number(
    (await pool.query(`SELECT count(*) FROM "Delivery" WHERE "destinationId" = $1 AND "status" = 'DELIVERED'`, [target.destinationId])).rows[0].count,
  );
  return { perSecond: done ? count / ((last - started) / 1000) : arrived / (elapsed / 1000), delivered, complete: done };
}

/** The same number of no-op jobs through graphile-worker with the same concurrency and poll settings. */
async function noopDrain(url: string, count: number, concurrency: number, capMs: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: Math.min(concurrency + 2, 20) });
  await pool.query(`SELECT count(graphile_worker.add_job('bench_noop', json_build_object('deliveryId', 'x' || i), max_attempts => 10, job_key => 'noop:' || i))
                      FROM generate_series(1, $1::int) i`, [count]);
  let ran = 0;
  let last = 0;
  const started = performance.now();
  const runner = await run({
    pgPool: pool, concurrency, noHandleSignals: true, logger: quiet, pollInterval: workerEnv().LEADRELAY_WORKER_POLL_INTERVAL_MS,
    taskList: { bench_noop: async () => void ((ran += 1), (last = performance.now())) },
  });
  const done = await waitUntil(() => ran >= count, capMs);
  const elapsed = performance.now() - started;
  await runner.stop();
  await pool.end();
  return done ? count / ((last - started) / 1000) : ran / (elapsed / 1000);
}

/** Add-to-start latency of a no-op job at `rate` a second (LISTEN/NOTIFY wakes the worker). */
async function noopLatency(url: string, n: number, rate: number, concurrency: number): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: Math.min(concurrency + 2, 20) });
  const startedAt = new Map<string, number>();
  const latencies: number[] = [];
  const runner: Runner = await run({
    pgPool: pool, concurrency, noHandleSignals: true, logger: quiet, pollInterval: workerEnv().LEADRELAY_WORKER_POLL_INTERVAL_MS,
    taskList: {
      bench_ping: async (payload) => {
        const id = (payload as { id: string }).id;
        latencies.push(performance.now() - startedAt.get(id)!);
      },
    },
  });
  for (let i = 0; i < n; i++) {
    const id = `p${i}`;
    startedAt.set(id, performance.now());
    await pool.query(`SELECT graphile_worker.add_job('bench_ping', json_build_object('id', $1::text))`, [id]);
    await sleep(1000 / rate);
  }
  await waitUntil(() => latencies.length >= n, 10_000);
  await runner.stop();
  await pool.end();
  return latencies;
}

/** Captures through `captureLead` (the pipeline's database half) at `rate` a second; ms from capture start to the sink. */
async function captureLatency(url: string, sink: Sink, tenantId: string, n: number, rate: number): Promise<number[]> {
  const db = createDb(url, 4);
  const worker = await startWorker({ connectionString: url, log: quietLog });
  const startedAt = new Map<string, number>();
  const latencies: number[] = [];
  sink.onRequest = (body, at) => {
    const match = /ada\.lat[a-z0-9]+\.\d+@contoso-bench\.example/u.exec(body);
    const started = match && startedAt.get(match[0]);
    if (started !== undefined && started !== null) latencies.push(at - started);
  };
  const run = `lat${uid()}`;
  const pending: Promise<unknown>[] = [];
  await sleep(500); // the worker's LISTEN is up
  for (let i = 0; i < n; i++) {
    const raw = marketplaceLead(run, i);
    const parsed = parseHttpsPayloadText(raw, { receivedAt: new Date() });
    if (!parsed.ok) throw new Error("the benchmark's lead does not parse");
    startedAt.set(`ada.${run}.${i}@contoso-bench.example`, performance.now());
    pending.push(
      captureLead(db, { tenantId, channel: "API", offer: null, lead: parsed.lead, rawBody: raw, idempotencyKey: `bench:${run}:${i}`, receivedAt: new Date() }),
    );
    await sleep(1000 / rate);
  }
  await Promise.all(pending);
  await waitUntil(() => latencies.length >= n, 15_000);
  sink.onRequest = null;
  await worker.stop();
  await db.$disconnect();
  return latencies;
}

export async function deliveryBenchmark(options: BenchOptions): Promise<Figure[]> {
  const count = options.quick ? 1_000 : 10_000;
  const latencyLeads = options.quick ? 20 : 100;
  const db = await createBenchDatabase("delivery");
  Object.assign(process.env, benchEnv());
  const sink = await startSink();
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const figures: Figure[] = [];
  try {
    await useDatabase(db.url);
    const prisma = createDb(db.url, 2);
    const { tenantId } = await createTestTenant(prisma, "bench");
    const destination = await createTestDestination(prisma, { tenantId, config: { url: sink.url }, name: "Bench sink" });
    await prisma.$disconnect();
    const defaultConcurrency = workerEnv().LEADRELAY_WORKER_CONCURRENCY;

    const capMs = options.quick ? 30_000 : 90_000;
    for (const concurrency of [defaultConcurrency]) {
      log(`delivery: no-op reference, ${count} jobs, concurrency ${concurrency}`);
      const ref = await noopDrain(db.url, count, concurrency, capMs);
      log(`delivery: draining ${count} deliveries, concurrency ${concurrency}`);
      const result = await drain(db.url, pool, sink, { tenantId, destinationId: destination.id }, count, concurrency, capMs);
      log(`delivery: ${round(result.perSecond)}/s (${result.delivered} delivered); no-op ${round(ref)}/s`);
      figures.push(
        figure({
          benchmark: "delivery", name: `drain rate, concurrency ${concurrency}${concurrency === defaultConcurrency ? " (default)" : ""}`,
          value: round(result.perSecond), unit: "deliveries/s", reference: round(ref), referenceLabel: "graphile-worker no-op jobs/s",
          target: "≥ 1000/s", pass: result.perSecond >= 1000, note: `${count} queued leads, webhook to a local sink${result.complete ? "" : `; rate over the first ${capMs / 1000} s (${result.delivered} delivered)`}`,
        }),
      );
      // A capped drain leaves jobs behind: clear them, or the latency run would wait behind them.
      await pool.query(`DELETE FROM graphile_worker._private_jobs`);
      await pool.query(`DELETE FROM "Lead" WHERE "tenantId" = $1`, [tenantId]);
    }

    log(`delivery: latency at 10 leads/s, ${latencyLeads} leads`);
    const refLatency = await noopLatency(db.url, latencyLeads, 10, defaultConcurrency);
    const latencies = await captureLatency(db.url, sink, tenantId, latencyLeads, 10);
    const median = percentile(latencies, 50);
    figures.push(
      figure({
        benchmark: "delivery", name: "capture-to-delivered median @10/s", value: round(median), unit: "ms",
        reference: round(percentile(refLatency, 50)), referenceLabel: "no-op job add-to-start median",
        target: "≤ 100 ms", pass: latencies.length === latencyLeads && median <= 100,
        note: `p95 ${round(percentile(latencies, 95))} ms, ${latencies.length}/${latencyLeads} delivered`,
      }),
    );
    return figures;
  } finally {
    sink.onRequest = null;
    await pool.end();
    await sink.close();
    const { disconnectDb } = await import("@leadrelay/db");
    await disconnectDb();
    await db.drop();
  }
}
