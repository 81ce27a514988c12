/**
 * The app process is killed (SIGKILL, the whole process group: no shutdown code runs)
 * while leads are being captured, then started again. Every lead whose capture was
 * answered 2xx is in the database afterwards and reaches the webhook receiver, and no
 * lead is delivered under two different idempotency keys (webhook-id). Runs its own
 * `next start` of the production build (with the embedded worker) against a database of
 * its own, so killing it disturbs no other test.
 */
import { createCaller, createTRPCContext } from "@leadrelay/api";
import { createDb, type Db } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startWebhookSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { createIsolatedDatabase, createTestDestination, waitFor } from "@leadrelay/worker/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let sink: WebhookSink;
const servers: AppServer[] = [];
let capturePath = "";

function serverEnv(): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: "true", // the receiver listens on 127.0.0.1
    LEADRELAY_WORKER_POLL_INTERVAL_MS: "100",
    // Jobs locked by the killed process are taken over after 3 s instead of 5 min.
    LEADRELAY_STALE_JOB_SECONDS: "3",
    LEADRELAY_DELIVERY_TIMEOUT_MS: "2500",
    LEADRELAY_RETRY_SCALE: "0.001",
  };
}

beforeAll(async () => {
  database = await createIsolatedDatabase(inject("databaseUrl"), "crash");
  db = createDb(database.url, 3);
  sink = await startWebhookSink(generateWebhookSecret());
  const anonymous = createCaller(createTRPCContext({ session: null, db, headers: new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
  const suffix = Date.now().toString(36);
  const signedUp = await anonymous.account.signUp({
    name: "Cara Crash",
    email: `cara-${suffix}@crash.example`,
    password: "crash test passphrase 1",
    companyName: `Crash ${suffix}`,
  });
  const owner = createCaller(createTRPCContext({ session: { userId: signedUp.userId }, db }));
  const { endpoint } = await owner.captureEndpoints.create({ offerId: null });
  capturePath = new URL(endpoint.url!).pathname;
  await createTestDestination(db, { tenantId: signedUp.tenant.id, config: { url: sink.endpoint }, secrets: { signingSecret: sink.secret } });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await sink?.stop();
  await db?.$disconnect();
  await database?.drop();
});

let sequence = 0;
/** One marketplace lead, a new customer each time. */
async function capture(baseUrl: string): Promise<{ ok: boolean; email: string }> {
  const n = ++sequence;
  const email = `crash-${n}@contoso.example`;
  try {
    const response = await fetch(`${baseUrl}${capturePath}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        UserDetails: { FirstName: `Crash${n}`, LastName: "Test", Email: email, Company: "Contoso", Country: "US" },
        LeadSource: "AzureMarketplace",
        ActionCode: "INS",
        OfferTitle: "Contoso Analytics",
        Description: `capture ${n}`,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    await response.text().catch(() => ""); // the body may be cut off by the kill: the status counts
    return { ok: response.status >= 200 && response.status < 300, email };
  } catch {
    return { ok: false, email }; // the process died under the request
  }
}

describe("the app process killed while capturing", () => {
  it("keeps and delivers every lead it acknowledged, none under two idempotency keys", async () => {
    // Slow answers keep deliveries in flight when the process dies.
    sink.override("webhook", { kind: "slow", delayMs: 100 });
    const first = await startAppServer({ env: serverEnv() });
    servers.push(first);

    const acknowledged: string[] = [];
    let killed = false;
    let failed = 0;
    const loop = async () => {
      // Each client keeps posting until the process is gone, then a little longer (refused).
      for (let after = 0; after < 2; ) {
        if (killed) after += 1;
        const result = await capture(first.baseUrl);
        if (result.ok) acknowledged.push(result.email);
        else failed += 1;
      }
    };
    const clients = Array.from({ length: 6 }, loop);
    await waitFor(() => acknowledged.length >= 25 && sink.received.length >= 5, 60_000, "captures and deliveries to be under way");
    await first.kill();
    killed = true;
    await Promise.all(clients);
    expect(failed).toBeGreaterThan(0); // the kill really hit requests

    const second = await startAppServer({ env: serverEnv(), port: first.port });
    servers.push(second);
    for (let i = 0; i < 5; i++) {
      const result = await capture(second.baseUrl);
      expect(result.ok).toBe(true);
      acknowledged.push(result.email);
    }

    // Every acknowledged lead is stored, with its delivery; every stored lead is delivered.
    const stored = await db.lead.findMany({ select: { id: true, email: true } });
    const storedEmails = new Set(stored.map((l) => l.email));
    expect(acknowledged.filter((email) => !storedEmails.has(email))).toEqual([]);
    const leadOfEmail = new Map(stored.map((l) => [l.email, l.id]));
    const deliveries = await waitFor(
      async () => {
        const rows = await db.delivery.findMany({ select: { leadId: true, idempotencyKey: true, status: true } });
        return rows.length === stored.length && rows.every((d) => d.status === "DELIVERED") ? rows : undefined;
      },
      60_000,
      "every stored lead to be delivered",
    );

    // The receiver saw each lead, only under that lead's own key (a repeat after the crash reuses it).
    const keyOfLead = new Map(deliveries.map((d) => [d.leadId, d.idempotencyKey]));
    const received = sink.received.map((r) => String(r.headers["webhook-id"]));
    expect(sink.received.every((r) => r.verified)).toBe(true);
    expect(received.filter((key) => ![...keyOfLead.values()].includes(key))).toEqual([]);
    const receivedKeys = new Set(received);
    expect(acknowledged.filter((email) => !receivedKeys.has(keyOfLead.get(leadOfEmail.get(email) ?? "") ?? "none"))).toEqual([]);
    expect(new Set(deliveries.map((d) => d.idempotencyKey)).size).toBe(deliveries.length);
    // Each lead's body reached the receiver under exactly one key.
    const keysPerEmail = new Map<string, Set<string>>();
    for (const request of sink.received) {
      const email = (JSON.parse(request.body) as { UserDetails: { Email: string } }).UserDetails.Email;
      keysPerEmail.set(email, (keysPerEmail.get(email) ?? new Set()).add(String(request.headers["webhook-id"])));
    }
    expect([...keysPerEmail].filter(([, keys]) => keys.size !== 1)).toEqual([]);
    expect(keysPerEmail.size).toBe(stored.length);
  });
});
