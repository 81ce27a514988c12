/**
 * Records the SQL the app sends: the process-wide Prisma client (what `getDb()` and thus
 * the tRPC caller use) is replaced by one that emits query events, so the reference can
 * run exactly those statements bare through `pg`.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../packages/db/src/generated/prisma/client";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

let recording: CapturedQuery[] | null = null;

export function installRecordingClient(url: string, poolSize = 10): () => Promise<void> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    if (!recording) return;
    let params: unknown[] = [];
    try {
      params = JSON.parse(event.params) as unknown[];
    } catch {
      params = [];
    }
    recording.push({ sql: event.query, params });
  });
  (globalThis as unknown as { leadrelayDb?: unknown }).leadrelayDb = client;
  return async () => {
    await client.$disconnect();
    (globalThis as unknown as { leadrelayDb?: unknown }).leadrelayDb = undefined;
  };
}

/** The statements `work` sent (reads only: BEGIN/COMMIT and bookkeeping writes are left out). */
export async function recordQueries(work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  recording = [];
  try {
    await work();
    return recording.filter((q) => /^\s*(SELECT|WITH)\b/iu.test(q.sql));
  } finally {
    recording = null;
  }
}
