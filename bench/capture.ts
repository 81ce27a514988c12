/**
 * Benchmark 1 (capture throughput) and the memory half of benchmark 5: autocannon posts
 * unique marketplace leads to a capture URL of the production build, one active webhook
 * destination (the embedded worker delivers to a local sink meanwhile). Reference: the same
 * leads inserted by bare `pg`, one transaction per lead, with as many connections.
 */
import { createId } from "./lib/cuid";
import autocannon from "autocannon";
import pg from "pg";
import { marketplaceLead, sampleRss, signUpOwner, startNext, startSink } from "./lib/app";
import { benchEnv, createBenchDatabase, figure, log, percentile, round, uid, useDatabase, type BenchOptions, type Figure } from "./lib/common";

const CONNECTIONS = 64;

interface Reference {
  perSecond: number;
  p99: number;
  errors: number;
}

/** Lead + touchpoint per transaction: what a capture durably stores, without the app. */
async function bareInserts(url: string, tenantId: string, seconds: number): Promise<Reference> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const run = uid();
  let n = 0;
  let errors = 0;
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < until) {
        const i = n++;
        const body = marketplaceLead(run, i);
        const email = `ada.${run}.${i}@contoso-bench.example`;
        const leadId = createId();
        const started = performance.now();
        try {
          await client.query("BEGIN");
          await client.query(
            `INSERT INTO "Lead" ("id", "tenantId", "dedupKey", "firstName", "lastName", "email", "phone", "country", "company", "title",
               "source", "action", "funnelStage", "offerTitle", "description", "searchText", "firstReceivedAt", "lastReceivedAt", "updatedAt")
             VALUES ($1, $2, $3, 'Ada', $4, $5, '+44 20 7946 0000', 'GB', $6, 'CTO', 'AzureMarketplace', 'INS', 'ACTIVE', 'Bench Analytics',
               'Interested in the enterprise plan', $7, now(), now(), now())`,
            [leadId, tenantId, `email:${email}`, `Lovelace ${i}`, email, `Contoso ${i % 997}`, `ada lovelace ${i} ${email} contoso ${i % 997}`],
          );
          await client.query(
            `INSERT INTO "Touchpoint" ("id", "tenantId", "leadId", "channel", "source", "action", "funnelStage", "receivedAt", "rawBody", "idempotencyKey")
             VALUES ($1, $2, $3, 'HTTPS', 'AzureMarketplace', 'INS', 'ACTIVE', now(), $4, $5)`,
            [createId(), tenantId, leadId, body, `bench:${run}:${i}`],
          );
          await client.query("COMMIT");
          latencies.push(performance.now() - started);
        } catch (error) {
          errors += 1;
          await client.query("ROLLBACK").catch(() => {});
          if (errors === 1) log(`reference insert failed: ${String(error)}`);
        }
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  return { perSecond: latencies.length / elapsed, p99: percentile(latencies, 99), errors };
}

function blast(url: string, run: string, seconds: number, connections: number): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: marketplaceLead(run, n++) }),
      },
    ],
  });
}

export async function captureBenchmark(options: BenchOptions): Promise<Figure[]> {
  const seconds = options.quick ? 5 : 20;
  const db = await createBenchDatabase("capture");
  const sink = await startSink();
  let server: Awaited<ReturnType<typeof startNext>> | null = null;
  try {
    await useDatabase(db.url);
    const owner = await signUpOwner("capture");
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "bench-analytics", title: "Bench Analytics", type: "SAAS" });
    const { endpoint } = await owner.caller.captureEndpoints.create({ offerId: offer.id });
    await owner.caller.destinations.create({ kind: "WEBHOOK", name: "Bench sink", offerId: null, config: { url: sink.url }, secrets: {} });
    const token = endpoint.url?.split("/api/capture/")[1];
    if (!token) throw new Error("The capture URL has no token");
    // The per-URL limit (600 a minute) protects tenants; the benchmark measures the pipeline behind it.
    const reference = await signUpOwner("capture-ref");
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`UPDATE "Tenant" SET "captureRateLimitPerMinute" = 100000000 WHERE "id" = $1`, [owner.tenantId]);
    await admin.end();

    log(`capture: reference, bare pg, ${CONNECTIONS} connections, ${seconds} s`);
    const ref = await bareInserts(db.url, reference.tenantId, seconds);
    log(`capture: reference ${round(ref.perSecond)} leads/s, p99 ${round(ref.p99)} ms`);

    server = await startNext({ ...benchEnv(), DATABASE_URL: db.url });
    const captureUrl = `${server.baseUrl}/api/capture/${token}`;
    log("capture: warm-up");
    await blast(captureUrl, `warm${uid()}`, options.quick ? 2 : 5, 8);
    log(`capture: autocannon, ${CONNECTIONS} connections, ${seconds} s`);
    const rss = sampleRss(server.pid);
    const result = await blast(captureUrl, uid(), seconds, CONNECTIONS);
    const peakRss = rss.stop();
    const ok = result["2xx"];
    const perSecond = ok / (result.duration || seconds);
    const errors = result.errors + result.timeouts + result.non2xx;
    log(`capture: ${round(perSecond)} leads/s, p99 ${result.latency.p99} ms, errors ${errors}, peak RSS ${round(peakRss / 2 ** 20)} MB`);
    if (errors > 0) log(`capture: server output tail:\n${server.output().slice(-2000)}`);

    return [
      figure({
        benchmark: "capture", name: "capture throughput", value: round(perSecond), unit: "leads/s",
        reference: round(ref.perSecond), referenceLabel: "bare pg insert, 1 tx/lead",
        target: "≥ 50% of ref", pass: perSecond >= 0.5 * ref.perSecond,
        note: `${CONNECTIONS} connections, ${seconds} s, ${ok} leads stored; DB pool ${process.env.DATABASE_POOL_SIZE ?? "20 (default)"}`,
      }),
      figure({
        benchmark: "capture", name: "capture p99 latency", value: result.latency.p99, unit: "ms",
        reference: round(ref.p99), referenceLabel: "bare pg insert p99",
        target: "≤ 50 ms", pass: result.latency.p99 <= 50, note: `p50 ${result.latency.p50} ms`,
      }),
      figure({
        benchmark: "capture", name: "capture errors", value: errors, unit: "",
        reference: ref.errors, referenceLabel: "bare pg errors", ratio: null,
        target: "0", pass: errors === 0, note: `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
      }),
      figure({
        benchmark: "memory", name: "app peak RSS during capture", value: round(peakRss / 2 ** 20), unit: "MB",
        reference: null, referenceLabel: "next-server process tree", ratio: null,
        target: "≤ 500 MB", pass: peakRss <= 500 * 2 ** 20,
      }),
    ];
  } finally {
    await server?.stop();
    await sink.close();
    const { disconnectDb } = await import("@leadrelay/db");
    await disconnectDb();
    await db.drop();
  }
}
