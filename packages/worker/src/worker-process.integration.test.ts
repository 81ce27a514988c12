/**
 * The worker as its own process (`pnpm worker` → src/main.ts), killed or stopped while a
 * delivery is in flight: the lead still arrives, at most once more, with the same
 * idempotency key. Runs against a database of its own (a worker takes every job it sees).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createDb, type Db } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startWebhookSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "./start-worker";
import { captureTestLead, createIsolatedDatabase, createTestDestination, createTestTenant, waitFor } from "./testing";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const mainScript = fileURLToPath(new URL("./main.ts", import.meta.url));

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let sink: WebhookSink;
const children: ChildProcess[] = [];
const workers: RunningWorker[] = [];

beforeAll(async () => {
  database = await createIsolatedDatabase(process.env.DATABASE_URL, "process");
  db = createDb(database.url, 3);
  sink = await startWebhookSink(generateWebhookSecret());
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.stop()));
  await sink?.stop();
  await db?.$disconnect();
  await database?.drop();
});

/** `pnpm worker` against the test database; resolves once it says it has started. */
async function spawnWorker(): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", mainScript], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: "true",
      LEADRELAY_WORKER_POLL_INTERVAL_MS: "100",
      LEADRELAY_DELIVERY_TIMEOUT_MS: "60000",
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitFor(() => output.includes("Delivery worker started") || child.exitCode !== null, 30_000, "the worker process to start");
  if (child.exitCode !== null) throw new Error(`The worker process exited at start:\n${output}`);
  return { child, output: () => output, exited };
}

async function webhookDestination() {
  const { tenantId } = await createTestTenant(db, "process");
  await createTestDestination(db, { tenantId, config: { url: sink.endpoint }, secrets: { signingSecret: sink.secret } });
  return tenantId;
}

const loadDelivery = (id: string) =>
  db.delivery.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] } } });

describe("the worker process", () => {
  it("killed mid-delivery: another worker takes the job over and delivers once more with the same idempotency key", async () => {
    const tenantId = await webhookDestination();
    sink.reset();
    const receivedBefore = sink.received.length;
    sink.override("webhook", { kind: "slow", delayMs: 30_000 }, 1); // the first answer never comes in time

    const first = await spawnWorker();
    const captured = await captureTestLead(db, { tenantId });
    const id = captured.deliveryIds[0]!;
    await waitFor(() => sink.received.length > receivedBefore, 20_000, "the first request to reach the receiver");
    first.child.kill("SIGKILL");
    await first.exited;

    // The dead worker's attempt is open and its job still locked: graphile-worker alone would wait four hours.
    const orphaned = await loadDelivery(id);
    expect(orphaned.status).toBe("PENDING");
    expect(orphaned.attempts.map((a) => a.outcome)).toEqual(["in_progress"]);
    const [job] = await db.$queryRaw<{ locked_by: string | null }[]>`SELECT locked_by FROM graphile_worker.jobs WHERE key = ${`delivery:${id}`}`;
    expect(job?.locked_by).toBeTruthy();

    const second = await startWorker({
      connectionString: database.url,
      concurrency: 2,
      pollIntervalMs: 100,
      staleJobMs: 1_000,
      settings: { allowPrivateNetwork: true }, // the receiver listens on 127.0.0.1
      log: () => {},
    });
    workers.push(second);
    const delivered = await waitFor(
      async () => {
        const d = await loadDelivery(id);
        return d.status === "DELIVERED" ? d : undefined;
      },
      20_000,
      "the delivery to be taken over and delivered",
    );

    const requests = sink.received.slice(receivedBefore);
    expect(requests).toHaveLength(2); // the one the killed worker sent, and one more
    expect(requests.every((r) => r.verified)).toBe(true);
    expect(requests.map((r) => r.headers["webhook-id"])).toEqual([delivered.idempotencyKey, delivered.idempotencyKey]);
    expect(delivered.attempts.map((a) => a.outcome)).toEqual(["interrupted", "delivered"]);
    expect(delivered.attempts[0]!.error).toContain("same idempotency key");
    expect(delivered.attemptCount).toBe(2);
    await second.stop();
    workers.pop();
  });

  it("SIGTERM lets the delivery in progress finish, then exits cleanly", async () => {
    const tenantId = await webhookDestination();
    sink.reset();
    const receivedBefore = sink.received.length;
    sink.override("webhook", { kind: "slow", delayMs: 1_500 }, 1);

    const worker = await spawnWorker();
    const captured = await captureTestLead(db, { tenantId });
    await waitFor(() => sink.received.length > receivedBefore, 20_000, "the request to reach the receiver");
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("SIGTERM: finishing the deliveries in progress");

    const delivery = await loadDelivery(captured.deliveryIds[0]!);
    expect(delivery.status).toBe("DELIVERED");
    expect(delivery.attempts.map((a) => a.outcome)).toEqual(["delivered"]);
    expect(sink.received.slice(receivedBefore)).toHaveLength(1);
  });
});
