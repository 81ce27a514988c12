/**
 * A destination that is down for a while (answers 503) and then recovers: every lead
 * captured before and during the outage reaches it afterwards, each touchpoint exactly
 * once with a 2xx and always under its own idempotency key, and the touchpoints of one
 * lead in the order they were captured. The worker runs in this process against a
 * database of its own; the retry schedule is shortened through LEADRELAY_RETRY_SCALE
 * (the configuration operators have), not through a test-only hook.
 */
import { randomBytes } from "node:crypto";
import { createDb, queueDeliveries, type Db } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startWebhookSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "./start-worker";
import { captureTestLead, createIsolatedDatabase, createTestDestination, createTestTenant, waitFor } from "./testing";

const ENV_KEYS = ["LEADRELAY_RETRY_SCALE", "LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let sink: WebhookSink;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  database = await createIsolatedDatabase(process.env.DATABASE_URL, "outage");
  db = createDb(database.url, 3);
  sink = await startWebhookSink(generateWebhookSecret());
  // 5 s → 5 ms, 5 min → 300 ms, 30 min → 1.8 s: an hour-long outage in a second or two.
  process.env.LEADRELAY_RETRY_SCALE = "0.001";
  process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true"; // the sink listens on 127.0.0.1
});

afterAll(async () => {
  await worker?.stop();
  await sink?.stop();
  await db?.$disconnect();
  await database?.drop();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another touchpoint of an existing lead (the customer came back), queued as capture queues it. */
async function captureAgain(tenantId: string, leadId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    await tx.lead.update({ where: { id: leadId }, data: { lastReceivedAt: now }, select: { id: true } });
    const touchpoint = await tx.touchpoint.create({
      data: {
        tenantId,
        leadId,
        channel: "HTTPS",
        source: "AzureMarketplace",
        action: "StartTestDrive",
        funnelStage: "TRIAL",
        receivedAt: now,
        idempotencyKey: `outage-${randomBytes(5).toString("hex")}`,
      },
      select: { id: true },
    });
    const [deliveryId] = await queueDeliveries(tx, { tenantId, leadId, touchpointId: touchpoint.id, offerId: null, tenantSuspended: false });
    return deliveryId!;
  });
}

describe("a destination that is down for a while", () => {
  it("receives every lead after it recovers, each once under its own idempotency key, per lead in capture order", async () => {
    const { tenantId } = await createTestTenant(db, "outage");
    const destination = await createTestDestination(db, { tenantId, config: { url: sink.endpoint }, secrets: { signingSecret: sink.secret } });
    const down = { kind: "respond", response: { status: 503, headers: { "content-type": "text/plain" }, body: "down for maintenance" } } as const;
    sink.override("webhook", down);

    worker = await startWorker({ connectionString: database.url, concurrency: 4, pollIntervalMs: 50, log: () => {} });

    // Captured over the outage: lead A three times, lead B twice; A's last touchpoint just before recovery.
    const captured: { lead: "A" | "B"; deliveryId: string }[] = [];
    const a = await captureTestLead(db, { tenantId, firstName: "Ada" });
    captured.push({ lead: "A", deliveryId: a.deliveryIds[0]! });
    const b = await captureTestLead(db, { tenantId, firstName: "Bea" });
    captured.push({ lead: "B", deliveryId: b.deliveryIds[0]! });
    await sleep(250);
    captured.push({ lead: "A", deliveryId: await captureAgain(tenantId, a.leadId) });
    await sleep(250);
    captured.push({ lead: "B", deliveryId: await captureAgain(tenantId, b.leadId) });
    const keyOfDelivery = async (id: string) => (await db.delivery.findUniqueOrThrow({ where: { id } })).idempotencyKey;
    const firstKeys = [await keyOfDelivery(a.deliveryIds[0]!), await keyOfDelivery(b.deliveryIds[0]!)];
    const requestsWith = (key: string) => sink.received.filter((r) => r.headers["webhook-id"] === key).length;
    await waitFor(() => firstKeys.every((key) => requestsWith(key) >= 2), 10_000, "the first touchpoints to be refused twice");
    captured.push({ lead: "A", deliveryId: await captureAgain(tenantId, a.leadId) });
    await sleep(150);
    // The receiver comes back. Requests up to here were answered 503, every later one 200.
    const failedRequests = sink.received.length;
    sink.override("webhook", down, 0);

    const deliveries = await waitFor(
      async () => {
        const rows = await db.delivery.findMany({ where: { id: { in: captured.map((c) => c.deliveryId) } } });
        return rows.every((d) => d.status === "DELIVERED") ? rows : undefined;
      },
      30_000,
      "every delivery to arrive after the recovery",
    );

    const keyOf = new Map(deliveries.map((d) => [d.id, d.idempotencyKey]));
    const keys = captured.map((c) => keyOf.get(c.deliveryId)!);
    expect(new Set(keys).size).toBe(captured.length);
    expect(sink.received.every((r) => r.verified)).toBe(true);
    // Every request carries the key of a captured touchpoint; the outage really refused each one.
    const ids = sink.received.map((r) => String(r.headers["webhook-id"]));
    expect(ids.filter((id) => !keys.includes(id))).toEqual([]);
    const refused = ids.slice(0, failedRequests);
    for (const key of firstKeys) expect(refused, `touchpoint ${key} was refused during the outage`).toContain(key);

    // After the recovery: each touchpoint accepted exactly once, nothing sent again.
    const accepted = ids.slice(failedRequests);
    expect([...accepted].sort()).toEqual([...keys].sort());

    // Per lead, in the order its touchpoints were captured.
    for (const lead of ["A", "B"] as const) {
      const inCaptureOrder = captured.filter((c) => c.lead === lead).map((c) => keyOf.get(c.deliveryId)!);
      expect(accepted.filter((id) => inCaptureOrder.includes(id)), `lead ${lead}`).toEqual(inCaptureOrder);
    }

    // The destination is healthy again, and it was never paused: nothing waits for a person.
    const health = await db.destination.findUniqueOrThrow({ where: { id: destination.id } });
    expect(health).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
    // The first touchpoints were tried again and again through the outage; the later ones waited their turn.
    const firstAttempts = deliveries.filter((d) => firstKeys.includes(d.idempotencyKey)).map((d) => d.attemptCount);
    expect(firstAttempts.every((count) => count >= 3)).toBe(true);
  });
});
