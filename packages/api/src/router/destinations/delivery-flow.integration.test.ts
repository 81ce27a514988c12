/**
 * Delivery end to end: leads queued as capture queues them, a real worker (in this
 * process) against a database of this file's own (a worker takes every job in its
 * database), a webhook receiver that verifies Standard Webhooks signatures, and the
 * destinations API for pausing, resuming and replaying. Retry delays are scaled by
 * LEADRELAY_RETRY_SCALE=0.001 (5 min → 300 ms).
 */
import { disconnectDb, enqueueDeliveryJob, getDb } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startSmtpSink, startWebhookSink, type SmtpSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { startWorker, type RunningWorker } from "@leadrelay/worker";
import { captureTestLead, createIsolatedDatabase, waitFor } from "@leadrelay/worker/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, callerFor, createPlatformAdmin, expectAppError, signUp } from "../../test/factories";

const ENV_KEYS = [
  "DATABASE_URL",
  "LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS",
  "LEADRELAY_RETRY_SCALE",
  "LEADRELAY_DELIVERY_TIMEOUT_MS",
  "SMTP_URL",
] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let database: { url: string; drop: () => Promise<void> };
let worker: RunningWorker;
let smtp: SmtpSink;
const sinks: WebhookSink[] = [];

beforeAll(async () => {
  database = await createIsolatedDatabase(process.env.DATABASE_URL, "flow");
  process.env.DATABASE_URL = database.url; // getDb(): the procedures and factories use this file's database
  process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true"; // the sinks listen on 127.0.0.1
  process.env.LEADRELAY_RETRY_SCALE = "0.001";
  process.env.LEADRELAY_DELIVERY_TIMEOUT_MS = "5000";
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  worker = await startWorker({ connectionString: database.url, concurrency: 4, pollIntervalMs: 50, log: () => {} });
});

afterAll(async () => {
  await worker?.stop();
  await Promise.all(sinks.map((sink) => sink.stop()));
  await smtp?.stop();
  await disconnectDb();
  await database?.drop();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

/** A tenant with a webhook destination (tenant default) pointing at its own verifying sink. */
async function webhookTenant(label: string) {
  const owner = await signUp({ label });
  const secret = generateWebhookSecret();
  const sink = await startWebhookSink(secret);
  sinks.push(sink);
  const { destination } = await owner.caller.destinations.create({
    kind: "WEBHOOK",
    name: `${label} receiver`,
    offerId: null,
    config: { url: sink.endpoint },
    secrets: { signingSecret: secret },
  });
  return { owner, sink, destination, tenantId: owner.tenant.id };
}

function loadDelivery(id: string) {
  return getDb().delivery.findUniqueOrThrow({
    where: { id },
    include: { attempts: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] } },
  });
}

function waitForStatus(id: string, statuses: string[], timeoutMs = 15_000) {
  return waitFor(
    async () => {
      const delivery = await loadDelivery(id);
      return statuses.includes(delivery.status) ? delivery : undefined;
    },
    timeoutMs,
    `delivery ${id} to be ${statuses.join(" or ")}`,
  );
}

const destinationRow = (id: string) => getDb().destination.findUniqueOrThrow({ where: { id } });
const bodyOf = (request: { body: string }) => JSON.parse(request.body) as { UserDetails: { FirstName: string; Email: string } };
const webhookId = (request: { headers: Record<string, unknown> }) => String(request.headers["webhook-id"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("delivery through the worker", () => {
  it("a captured lead reaches the webhook signed; the attempt is logged and the destination healthy", async () => {
    const { owner, sink, destination, tenantId } = await webhookTenant("signed");
    const captured = await captureTestLead(getDb(), { tenantId, firstName: "Grace" });
    expect(captured.deliveryIds).toHaveLength(1);
    const delivery = await waitForStatus(captured.deliveryIds[0]!, ["DELIVERED"]);

    expect(sink.received).toHaveLength(1);
    const [request] = sink.received;
    expect(request!.verified).toBe(true);
    expect(webhookId(request!)).toBe(delivery.idempotencyKey);
    expect(bodyOf(request!).UserDetails.FirstName).toBe("Grace");

    expect(delivery).toMatchObject({ attemptCount: 1, lastError: null, nextAttemptAt: null });
    expect(delivery.deliveredAt).toBeInstanceOf(Date);
    expect(delivery.attempts.map((a) => ({ outcome: a.outcome, httpStatus: a.httpStatus }))).toEqual([{ outcome: "delivered", httpStatus: 200 }]);
    expect(delivery.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);

    const health = await destinationRow(destination.id);
    expect(health).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
    expect(health.lastSuccessAt).toBeInstanceOf(Date);

    // The lead page and the destination page show the same attempt.
    const forLead = await owner.caller.deliveries.forLead({ leadId: captured.leadId });
    expect(forLead.map((d) => ({ status: d.status, destination: d.destination.id, attempts: d.attempts.length }))).toEqual([
      { status: "DELIVERED", destination: destination.id, attempts: 1 },
    ]);
    const log = await owner.caller.destinations.deliveries({ id: destination.id });
    expect(log.items.map((d) => ({ id: d.id, lead: d.lead.firstName, status: d.status }))).toEqual([
      { id: delivery.id, lead: "Grace", status: "DELIVERED" },
    ]);
    const [listed] = await owner.caller.destinations.list();
    expect(listed!.deliveryCounts).toMatchObject({ DELIVERED: 1, FAILED: 0, PENDING: 0 });
  });

  it("a 500 is retried with the same webhook-id and then delivered", async () => {
    const { sink, destination, tenantId } = await webhookTenant("retry");
    sink.override("webhook", { kind: "respond", response: { status: 500, body: "database is down" } }, 1);
    const captured = await captureTestLead(getDb(), { tenantId });
    const delivery = await waitForStatus(captured.deliveryIds[0]!, ["DELIVERED"]);

    expect(sink.received).toHaveLength(2);
    expect(sink.received.every((r) => r.verified)).toBe(true);
    expect(new Set(sink.received.map(webhookId))).toEqual(new Set([delivery.idempotencyKey]));
    expect(sink.received.map((r) => r.headers["x-leadrelay-attempt"])).toEqual(["1", "2"]);
    expect(delivery.attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ["retryable", 500],
      ["delivered", 200],
    ]);
    expect(delivery.attempts[0]!.responseExcerpt).toBe("database is down");
    expect(delivery.attemptCount).toBe(2);
    // The failure made the destination FAILING for a moment; the success made it healthy again.
    expect(await destinationRow(destination.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
  });

  it("a 400 fails at once, is not retried, and does not count against the destination", async () => {
    const { sink, destination, tenantId } = await webhookTenant("rejected");
    sink.override("webhook", { kind: "respond", response: { status: 400, body: '{"error":"Email is required"}' } }, 1);
    const captured = await captureTestLead(getDb(), { tenantId });
    const delivery = await waitForStatus(captured.deliveryIds[0]!, ["FAILED"]);
    await sleep(300);

    expect(sink.received).toHaveLength(1);
    expect(delivery.attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([["permanent_failure", 400]]);
    expect(delivery.lastError).toContain("400");
    expect(delivery.nextAttemptAt).toBeNull();
    const health = await destinationRow(destination.id);
    expect(health).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
    expect(health.lastFailureReason).toContain("400");
  });

  it("a 429's Retry-After is honoured (scaled), within the schedule's window", async () => {
    const { sink, destination, tenantId } = await webhookTenant("throttled");
    // As if attempts 1 and 2 had failed: attempt 3 gets 429 with Retry-After: 3000 s (50 min), which lies
    // inside the third delay's window [30 min ±20%, 2 × that]: honoured as is, 3 s once scaled.
    await getDb().destination.update({ where: { id: destination.id }, data: { state: "PAUSED" } });
    const captured = await captureTestLead(getDb(), { tenantId });
    const id = captured.deliveryIds[0]!;
    expect((await loadDelivery(id)).status).toBe("HELD");
    sink.override("webhook", { kind: "respond", response: { status: 429, headers: { "retry-after": "3000" }, body: "slow down" } }, 1);
    await getDb().$transaction(async (tx) => {
      await tx.destination.update({ where: { id: destination.id }, data: { state: "ACTIVE" } });
      await tx.delivery.update({ where: { id }, data: { status: "RETRYING", attemptCount: 2 } });
      await enqueueDeliveryJob(tx, id);
    });

    const throttled = await waitFor(
      async () => {
        const d = await loadDelivery(id);
        return d.attempts.length === 1 && d.attempts[0]!.outcome === "retryable" && d.status === "RETRYING" ? d : undefined;
      },
      10_000,
      "the throttled attempt",
    );
    const third = throttled.attempts[0]!;
    expect(third.httpStatus).toBe(429);
    expect(throttled.attemptCount).toBe(3);
    const waitedMs = throttled.nextAttemptAt!.getTime() - (third.startedAt.getTime() + third.durationMs);
    // Without Retry-After the third delay is at most 36 min → 2.16 s scaled; with it, 3000 s → 3 s.
    expect(waitedMs).toBeGreaterThan(2_900);
    expect(waitedMs).toBeLessThan(3_500);

    const delivered = await waitForStatus(id, ["DELIVERED"]);
    expect(delivered.attempts.map((a) => a.httpStatus)).toEqual([429, 200]);
    expect(delivered.attempts[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(throttled.nextAttemptAt!.getTime() - 5);
    expect(new Set(sink.received.map(webhookId)).size).toBe(1);
  });
});

describe("pausing, resuming and replaying", () => {
  it("at the failure threshold the destination is paused, its deliveries held, admins told; resuming delivers the backlog in capture order", async () => {
    const { owner, sink, destination, tenantId } = await webhookTenant("paused");
    sink.override("webhook", { kind: "respond", response: { status: 503, body: "maintenance" } });
    // As if 18 deliveries had already failed in a row; two more attempts reach the threshold of 20.
    await getDb().destination.update({ where: { id: destination.id }, data: { state: "FAILING", consecutiveFailures: 18 } });

    const first = await captureTestLead(getDb(), { tenantId, firstName: "First" });
    const paused = await waitFor(async () => {
      const row = await destinationRow(destination.id);
      return row.state === "PAUSED" ? row : undefined;
    }, 10_000, "the destination to pause");
    expect(paused.consecutiveFailures).toBe(20);
    expect(paused.pausedAt).toBeInstanceOf(Date);
    expect(paused.lastFailureReason).toContain("503");
    expect((await loadDelivery(first.deliveryIds[0]!)).status).toBe("HELD");

    const [pauseEvent] = await auditEvents(tenantId, "destination.paused");
    expect(pauseEvent).toMatchObject({ actorId: null, targetId: destination.id, data: { automatic: true, consecutiveFailures: 20 } });
    const notice = await waitFor(() => smtp.messages.find((m) => m.envelope.to.includes(owner.email)), 10_000, "the pause e-mail");
    expect(notice.parsed.subject).toContain("paused");
    expect(notice.parsed.text).toContain("503");

    // Leads captured while it is paused are held, not attempted.
    const second = await captureTestLead(getDb(), { tenantId, firstName: "Second" });
    const third = await captureTestLead(getDb(), { tenantId, firstName: "Third" });
    for (const captured of [second, third]) expect((await loadDelivery(captured.deliveryIds[0]!)).status).toBe("HELD");
    await sleep(200);
    const attemptsBeforeResume = sink.received.length;
    expect(attemptsBeforeResume).toBe(2);

    sink.reset(); // the receiver is fixed
    const resumed = await owner.caller.destinations.resume({ id: destination.id });
    expect(resumed).toMatchObject({ released: 3, destination: { state: "ACTIVE", consecutiveFailures: 0 } });
    for (const captured of [first, second, third]) await waitForStatus(captured.deliveryIds[0]!, ["DELIVERED"]);

    const replayed = sink.received.slice(attemptsBeforeResume);
    expect(replayed.map((r) => bodyOf(r).UserDetails.FirstName)).toEqual(["First", "Second", "Third"]);
    expect(replayed.every((r) => r.verified)).toBe(true);
    // The first lead keeps its webhook-id across the failed attempts and the replay.
    expect(webhookId(replayed[0]!)).toBe(webhookId(sink.received[0]!));
    const [resumeEvent] = await auditEvents(tenantId, "destination.resumed");
    expect(resumeEvent).toMatchObject({ actorId: owner.userId, data: { from: "PAUSED", releasedDeliveries: 3 } });
  });

  it("replayFailed sends every failed delivery again, in capture order, with the same idempotency keys", async () => {
    const { owner, sink, destination, tenantId } = await webhookTenant("replay");
    sink.override("webhook", { kind: "respond", response: { status: 422, body: "unprocessable" } }, 2);
    const one = await captureTestLead(getDb(), { tenantId, firstName: "One" });
    await waitForStatus(one.deliveryIds[0]!, ["FAILED"]);
    const two = await captureTestLead(getDb(), { tenantId, firstName: "Two" });
    await waitForStatus(two.deliveryIds[0]!, ["FAILED"]);
    const failedIds = sink.received.map(webhookId);

    await expect(owner.caller.destinations.replayFailed({ id: destination.id })).resolves.toEqual({ queued: 2, held: 0 });
    const delivered = [await waitForStatus(one.deliveryIds[0]!, ["DELIVERED"]), await waitForStatus(two.deliveryIds[0]!, ["DELIVERED"])];

    const replayed = sink.received.slice(2);
    expect(replayed.map((r) => bodyOf(r).UserDetails.FirstName)).toEqual(["One", "Two"]);
    expect(replayed.map(webhookId)).toEqual(failedIds);
    expect(delivered.map((d) => d.attempts.map((a) => a.outcome))).toEqual([
      ["permanent_failure", "delivered"],
      ["permanent_failure", "delivered"],
    ]);
    await expect(owner.caller.destinations.replayFailed({ id: destination.id })).resolves.toEqual({ queued: 0, held: 0 });
    const events = await auditEvents(tenantId, "destination.replayed");
    expect(events.map((e) => ({ actorId: e.actorId, targetId: e.targetId, data: e.data }))).toEqual([
      { actorId: owner.userId, targetId: destination.id, data: { allFailed: true, queued: 0, held: 0 } },
      { actorId: owner.userId, targetId: destination.id, data: { allFailed: true, queued: 2, held: 0 } },
    ]);
  });

  it("replayDelivery sends one failed delivery again; others are refused with a clear message", async () => {
    const { owner, sink, tenantId } = await webhookTenant("replay-one");
    sink.override("webhook", { kind: "respond", response: { status: 400 } }, 1);
    const captured = await captureTestLead(getDb(), { tenantId });
    const id = captured.deliveryIds[0]!;
    await waitForStatus(id, ["FAILED"]);

    await expect(owner.caller.destinations.replayDelivery({ deliveryId: id })).resolves.toEqual({ deliveryId: id, status: "PENDING" });
    const delivered = await waitForStatus(id, ["DELIVERED"]);
    expect(sink.received.map(webhookId)).toEqual([delivered.idempotencyKey, delivered.idempotencyKey]);
    await expectAppError(owner.caller.destinations.replayDelivery({ deliveryId: id }), {
      code: "BAD_REQUEST",
      reason: "deliveryNotFailed",
      message: "Only failed deliveries can be replayed; this one is delivered.",
    });
  });

  it("a suspended tenant's leads are held and delivered when it is reactivated", async () => {
    const { sink, tenantId } = await webhookTenant("suspended");
    const staff = await createPlatformAdmin();
    await staff.caller.admin.setTenantStatus({ tenantId, status: "SUSPENDED" });
    const captured = await captureTestLead(getDb(), { tenantId });
    const id = captured.deliveryIds[0]!;
    await sleep(200);
    expect((await loadDelivery(id)).status).toBe("HELD");
    expect(sink.received).toHaveLength(0);

    await callerFor(staff.userId).admin.setTenantStatus({ tenantId, status: "ACTIVE" });
    await waitForStatus(id, ["DELIVERED"]);
    expect(sink.received).toHaveLength(1);
  });
});
