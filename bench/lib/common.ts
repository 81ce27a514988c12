/**
 * Shared pieces of `pnpm bench`: the run's options, a database per benchmark, statistics
 * and the figures every benchmark reports (value beside its same-run reference).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface BenchOptions {
  quick: boolean;
  /** Benchmarks to run (default: all). */
  only: Set<string> | null;
}

export type Direction = "higher" | "lower";

export interface Figure {
  benchmark: string;
  name: string;
  value: number | null;
  unit: string;
  /** The same-run reference and what it is. */
  reference: number | null;
  referenceLabel: string;
  /** value / reference. */
  ratio: number | null;
  /** Human-readable target, e.g. "≥ 50% of ref" or "≤ 50 ms". */
  target: string;
  pass: boolean | null;
  note?: string;
}

export function figure(f: Omit<Figure, "ratio"> & { ratio?: number | null }): Figure {
  const ratio = f.ratio !== undefined ? f.ratio : f.value !== null && f.reference ? f.value / f.reference : null;
  return { ...f, ratio };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function log(line: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** The server benchmarks run on: DATABASE_URL's (its maintenance database), else local PostgreSQL. */
export const SERVER_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(SERVER_URL, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a bench database once the pools that used it have closed: a forced drop kills their
 * connections, and a pool still closing (Prisma's $disconnect does not wait for its pool)
 * then emits an 'error' nobody handles, which ends the process. Forces after 10 s.
 */
async function dropWhenClosed(name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}"`));
      return;
    } catch (error) {
      // 55006: still in use by other sessions.
      if ((error as { code?: string }).code !== "55006") throw error;
      await sleep(250);
    }
  }
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A fresh, migrated database `leadrelay_bench_<pid>_<label>`, dropped by `drop()`. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `leadrelay_bench_${process.pid}_${label}_${randomBytes(2).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(SERVER_URL, name);
  const { migrate } = await import("@leadrelay/db/migrate");
  await migrate(url);
  return {
    url,
    name,
    // LEADRELAY_BENCH_KEEP_DB=1 keeps the database (for EXPLAIN ANALYZE after a run).
    drop: () =>
      process.env.LEADRELAY_BENCH_KEEP_DB
        ? Promise.resolve(log(`kept database ${url}`))
        : dropWhenClosed(name),
  };
}

/** Points the process-wide Prisma client (getDb) at this database. */
export async function useDatabase(url: string): Promise<void> {
  const { disconnectDb } = await import("@leadrelay/db");
  await disconnectDb();
  process.env.DATABASE_URL = url;
}

/** The secrets the app needs, fixed for the benchmark (never used outside it). */
export function benchEnv(): Record<string, string> {
  return {
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    LEADRELAY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: "true",
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export const uid = () => randomBytes(5).toString("hex");
