/**
 * Destination health beyond failures in a row: pausing after days of nothing but failures
 * (`failingSince`), and the stored outcome of "Send test lead". A real worker against a
 * database of this file's own, webhook receivers on 127.0.0.1, retry delays scaled by
 * LEADRELAY_RETRY_SCALE=0.001 — the same setup as delivery-flow.integration.test.ts.
 */
import { disconnectDb, getDb } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startSmtpSink, startWebhookSink, type SmtpSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { startWorker, type RunningWorker } from "@leadrelay/worker";
import { captureTestLead, createIsolatedDatabase, waitFor } from "@leadrelay/worker/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, signUp } from "../../test/factories";

const ENV_KEYS = [
  "DATABASE_URL",
  "LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS",
  "LEADRELAY_RETRY_SCALE",
  "LEADRELAY_DELIVERY_TIMEOUT_MS",
  "LEADRELAY_PAUSE_AFTER_FAILING_DAYS",
  "SMTP_URL",
] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let database: { url: string; drop: () => Promise<void> };
let worker: RunningWorker;
let smtp: SmtpSink;
const sinks: WebhookSink[] = [];
const DAY_MS = 24 * 3600 * 1000;

beforeAll(async () => {
  database = await createIsolatedDatabase(process.env.DATABASE_URL, "health");
  process.env.DATABASE_URL = database.url;
  process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true"; // the sinks listen on 127.0.0.1
  process.env.LEADRELAY_RETRY_SCALE = "0.001";
  process.env.LEADRELAY_DELIVERY_TIMEOUT_MS = "5000";
  process.env.LEADRELAY_PAUSE_AFTER_FAILING_DAYS = "3";
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

async function webhookTenant(label: string, secretHeaders?: Record<string, string>) {
  const owner = await signUp({ label });
  const secret = generateWebhookSecret();
  const sink = await startWebhookSink(secret);
  sinks.push(sink);
  const { destination } = await owner.caller.destinations.create({
    kind: "WEBHOOK",
    name: `${label} receiver`,
    offerId: null,
    config: { url: sink.endpoint },
    secrets: { signingSecret: secret, ...(secretHeaders ? { headers: secretHeaders } : {}) },
  });
  return { owner, sink, destination, tenantId: owner.tenant.id, secret };
}

const destinationRow = (id: string) => getDb().destination.findUniqueOrThrow({ where: { id } });

describe("pausing after days of nothing but failures", () => {
  it("the first failure starts failingSince, later failures keep it, a success clears it", async () => {
    const { sink, destination, tenantId } = await webhookTenant("failing-since");
    sink.override("webhook", { kind: "respond", response: { status: 503, body: "maintenance" } });
    const lead = await captureTestLead(getDb(), { tenantId });
    const failing = await waitFor(async () => {
      const row = await destinationRow(destination.id);
      return row.consecutiveFailures >= 2 ? row : undefined;
    }, 15_000, "two failures");
    expect(failing.state).toBe("FAILING");
    expect(failing.failingSince).toBeInstanceOf(Date);
    // The run of failures started with the first one, not the latest.
    expect(failing.failingSince!.getTime()).toBeLessThan(failing.lastFailureAt!.getTime());

    sink.reset(); // the receiver is fixed
    await waitFor(async () => {
      const delivery = await getDb().delivery.findUniqueOrThrow({ where: { id: lead.deliveryIds[0]! } });
      return delivery.status === "DELIVERED" ? delivery : undefined;
    }, 15_000, "the retry to get through");
    const healthy = await destinationRow(destination.id);
    expect(healthy).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null });
  });

  it("a destination failing for longer than LEADRELAY_PAUSE_AFTER_FAILING_DAYS is paused after a few failures; admins are told; resuming starts afresh", async () => {
    const { owner, sink, destination, tenantId } = await webhookTenant("failing-days");
    sink.override("webhook", { kind: "respond", response: { status: 502, body: "bad gateway" } });
    // Two failures four days ago, nothing since: far from 20 in a row, but 3 days is the setting here.
    const since = new Date(Date.now() - 4 * DAY_MS);
    await getDb().destination.update({ where: { id: destination.id }, data: { state: "FAILING", consecutiveFailures: 2, failingSince: since, lastFailureAt: since } });

    const lead = await captureTestLead(getDb(), { tenantId, firstName: "Late" });
    const paused = await waitFor(async () => {
      const row = await destinationRow(destination.id);
      return row.state === "PAUSED" ? row : undefined;
    }, 10_000, "the destination to pause");
    expect(paused.consecutiveFailures).toBe(3);
    expect(paused.failingSince).toEqual(since);
    expect((await getDb().delivery.findUniqueOrThrow({ where: { id: lead.deliveryIds[0]! } })).status).toBe("HELD");

    const [event] = await auditEvents(tenantId, "destination.paused");
    expect(event).toMatchObject({ actorId: null, targetId: destination.id, data: { automatic: true, consecutiveFailures: 3, failingSince: since.toISOString() } });
    const notice = await waitFor(() => smtp.messages.find((m) => m.envelope.to.includes(owner.email)), 10_000, "the pause e-mail");
    expect(notice.parsed.subject).toContain("paused");
    expect(notice.parsed.text).toContain(`it has failed since ${since.toUTCString()}`);
    expect(notice.parsed.text).toContain("502");

    // The API shows since when it has been failing.
    expect((await owner.caller.destinations.get({ id: destination.id })).failingSince).toEqual(since);

    sink.reset();
    const resumed = await owner.caller.destinations.resume({ id: destination.id });
    expect(resumed.destination).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null });
    await waitFor(async () => {
      const delivery = await getDb().delivery.findUniqueOrThrow({ where: { id: lead.deliveryIds[0]! } });
      return delivery.status === "DELIVERED" ? delivery : undefined;
    }, 15_000, "the held lead to be delivered");
  });
});

describe("the outcome of Send test lead is kept", () => {
  it("a delivered test lead is stored with status, latency and excerpt, marks the destination verified, and shows in get and list", async () => {
    const { owner, destination } = await webhookTenant("test-ok");
    const before = await owner.caller.destinations.get({ id: destination.id });
    expect(before).toMatchObject({ lastTestAt: null, lastTestResult: null, verified: false });

    const sent = await owner.caller.destinations.sendTestLead({ id: destination.id });
    expect(sent.ok).toBe(true);
    const got = await owner.caller.destinations.get({ id: destination.id });
    expect(got.lastTestAt).toBeInstanceOf(Date);
    expect(got.lastTestResult).toEqual({
      ok: true,
      outcome: "delivered",
      httpStatus: 200,
      durationMs: sent.durationMs,
      responseExcerpt: '{"ok":true}',
      message: null,
    });
    expect(got.verified).toBe(true);
    expect(got.lastSuccessAt).toEqual(got.lastTestAt);
    const [listed] = (await owner.caller.destinations.list({ offerId: null })).filter((d) => d.id === destination.id);
    expect(listed).toMatchObject({ verified: true, lastTestResult: { ok: true, httpStatus: 200 } });
  });

  it("a refused test lead is stored with the reason and a cut, redacted excerpt, never the secrets", async () => {
    const token = `Bearer tok-${Date.now()}-abcdefghijkl`;
    const { owner, sink, destination, secret } = await webhookTenant("test-refused", { Authorization: token });
    await owner.caller.destinations.sendTestLead({ id: destination.id });
    expect((await owner.caller.destinations.get({ id: destination.id })).verified).toBe(true);

    // A receiver that echoes the credentials it got, at length.
    sink.override("webhook", { kind: "respond", response: { status: 401, body: `invalid credentials ${token} ${"x".repeat(2000)}` } });
    const sent = await owner.caller.destinations.sendTestLead({ id: destination.id });
    expect(sent.ok).toBe(false);
    const got = await owner.caller.destinations.get({ id: destination.id });
    expect(got.verified).toBe(false);
    expect(got.lastTestResult).toMatchObject({ ok: false, outcome: "auth_invalid", httpStatus: 401 });
    expect(got.lastTestResult!.message).toContain("refused the credentials (401)");
    expect(got.lastTestResult!.responseExcerpt).toHaveLength(500);
    expect(got.lastTestResult!.responseExcerpt).toMatch(/^invalid credentials \[redacted\] x+$/u);
    // A failed test neither counts toward pausing nor starts a run of failures.
    expect(got).toMatchObject({ consecutiveFailures: 0, failingSince: null, state: "ACTIVE" });
    const stored = JSON.stringify((await destinationRow(destination.id)).lastTestResult);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(secret);
    expect(stored.toLowerCase()).not.toContain("authorization");
  });
});
