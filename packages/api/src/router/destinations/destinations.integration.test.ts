/**
 * The destinations API: validation with field messages, SSRF refusal, secrets that never
 * leave the server, "Send test lead" against a real (local) receiver, pausing and
 * resuming without a worker, paging, and who may do what. No worker runs here, so queued
 * deliveries stay as the API left them; the file has a database of its own all the same,
 * so another file's worker can never pick them up.
 */
import { disconnectDb, getDb } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startWebhookSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { captureTestLead, createIsolatedDatabase } from "@leadrelay/worker/testing";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createTRPCContext } from "../../index";
import { addMember, auditEvents, expectAppError, signUp, uid, type Caller } from "../../test/factories";

const ENV_KEYS = ["DATABASE_URL", "LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS", "LEADRELAY_DELIVERY_TIMEOUT_MS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let database: { url: string; drop: () => Promise<void> };
const sinks: WebhookSink[] = [];

beforeAll(async () => {
  database = await createIsolatedDatabase(process.env.DATABASE_URL, "destinations");
  process.env.DATABASE_URL = database.url;
  process.env.LEADRELAY_DELIVERY_TIMEOUT_MS = "5000";
});

afterEach(() => {
  // The receivers listen on 127.0.0.1; tests of the SSRF rules turn this off.
  process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true";
});
process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true";

afterAll(async () => {
  await Promise.all(sinks.map((sink) => sink.stop()));
  await disconnectDb();
  await database?.drop();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

async function sinkWith(secret = generateWebhookSecret()) {
  const sink = await startWebhookSink(secret);
  sinks.push(sink);
  return sink;
}

async function createOffer(tenantId: string) {
  return getDb().offer.create({
    data: { tenantId, publisherId: "contoso", offerId: `analytics-${uid()}`, title: "Contoso Analytics", type: "SAAS" },
  });
}

async function webhookDestination(caller: Caller, sink: WebhookSink, extra: { offerId?: string | null; secretHeaders?: Record<string, string> } = {}) {
  const { destination } = await caller.destinations.create({
    kind: "WEBHOOK",
    name: "CRM webhook",
    offerId: extra.offerId ?? null,
    config: { url: sink.endpoint },
    secrets: { signingSecret: sink.secret, ...(extra.secretHeaders ? { headers: extra.secretHeaders } : {}) },
  });
  return destination;
}

/** The issues of a FieldValidationError (its ZodError cause), as the error formatter turns them into `fieldErrors`. */
async function expectFieldErrors(call: Promise<unknown>, reason: string): Promise<Record<string, string[]>> {
  const error = await expectAppError(call, { code: "BAD_REQUEST", reason });
  const issues = (error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues ?? [];
  const byField: Record<string, string[]> = {};
  for (const issue of issues) (byField[String(issue.path[0])] ??= []).push(issue.message);
  return byField;
}

const jobFor = async (deliveryId: string) =>
  (
    await getDb().$queryRaw<{ queue_name: string | null; locked_at: Date | null }[]>`
      SELECT queue_name, locked_at FROM graphile_worker.jobs WHERE key = ${`delivery:${deliveryId}`}`
  )[0] ?? null;
const statusOf = async (deliveryId: string) => (await getDb().delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status;

describe("destinations.kinds", () => {
  it("describes every kind with its guidance and fields, and lists Azure Blob as retired", async () => {
    const owner = await signUp({ label: "kinds" });
    const kinds = await owner.caller.destinations.kinds();
    expect(kinds.map((k) => k.kind)).toEqual(["DYNAMICS_365", "SALESFORCE", "MARKETO", "AZURE_TABLE", "WEBHOOK", "EMAIL", "AZURE_BLOB"]);
    for (const kind of kinds.filter((k) => k.available)) {
      expect(kind.label.length).toBeGreaterThan(3);
      expect(kind.description.length).toBeGreaterThan(20);
      expect(kind.setupGuide.steps.length).toBeGreaterThan(0);
      expect(kind.configFields.length).toBeGreaterThan(0);
    }
    // The app renders each guide from its messages (en, ru) under this key.
    for (const kind of kinds) expect(kind.messageKey).toBe(`destinations.kinds.${kind.kind}`);
    expect(kinds.find((k) => k.kind === "WEBHOOK")).toMatchObject({ configFields: ["url", "headers"], secretFields: ["signingSecret", "headers"] });
    const blob = kinds.find((k) => k.kind === "AZURE_BLOB")!;
    expect(blob).toMatchObject({ available: false, alternatives: ["AZURE_TABLE", "WEBHOOK"] });
    expect(blob.retiredMessage).toMatch(/retired/i);
  });
});

describe("destinations.create", () => {
  it("refuses invalid settings with a message per field (data.fieldErrors over HTTP)", async () => {
    const owner = await signUp({ label: "invalid" });
    const input = { kind: "WEBHOOK" as const, name: "Hook", offerId: null, config: { url: "ftp://leads.example.com/in" }, secrets: { signingSecret: "whsec_short" } };
    const fields = await expectFieldErrors(owner.caller.destinations.create(input), "invalidDestinationSettings");
    expect(fields.url).toEqual(["Enter a full URL starting with https://"]);
    expect(fields.signingSecret?.[0]).toMatch(/whsec_/);

    // What the browser gets: 400 with the field messages under data.fieldErrors.
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/destinations.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: input }),
      }),
      router: appRouter,
      createContext: () => createTRPCContext({ session: { userId: owner.userId } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string; data: { reason: string; fieldErrors: Record<string, string[]> } } } };
    expect(body.error.json.data.reason).toBe("invalidDestinationSettings");
    expect(body.error.json.data.fieldErrors.url).toEqual(["Enter a full URL starting with https://"]);
    expect(body.error.json.message).toContain("url: Enter a full URL");

    // Salesforce's own field message reaches the form too.
    const salesforce = await expectFieldErrors(
      owner.caller.destinations.create({ kind: "SALESFORCE", name: "SF", offerId: null, config: { orgId: "12345" }, secrets: {} }),
      "invalidDestinationSettings",
    );
    expect(salesforce.orgId?.[0]).toContain("00D");
    // Input a schema chokes on is still a 400 with a message, never a 500.
    await expectAppError(
      owner.caller.destinations.create({ ...input, config: { url: "not a url" }, secrets: {} }),
      { code: "BAD_REQUEST", reason: "invalidDestinationSettings", message: /Check the HTTPS endpoint/ },
    );
    expect(await getDb().destination.count({ where: { tenantId: owner.tenant.id } })).toBe(0);
  });

  it("refuses Azure Blob with what to use instead, and unknown kinds", async () => {
    const owner = await signUp({ label: "blob" });
    await expectAppError(owner.caller.destinations.create({ kind: "AZURE_BLOB", name: "Blob", offerId: null, config: {}, secrets: {} }), {
      code: "BAD_REQUEST",
      reason: "azureBlobRetired",
      message: /Azure Table/,
    });
    const unknown = await owner.caller.destinations
      .create({ kind: "FTP" as "WEBHOOK", name: "x", offerId: null, config: {}, secrets: {} })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(TRPCError);
    expect((unknown as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("refuses URLs on private networks and plain http unless LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS is on", async () => {
    const owner = await signUp({ label: "ssrf" });
    process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "false";
    const create = (url: string) =>
      owner.caller.destinations.create({ kind: "WEBHOOK", name: "Hook", offerId: null, config: { url }, secrets: {} });
    for (const [url, message] of [
      ["https://127.0.0.1/hooks", /loopback/],
      ["https://169.254.169.254/latest/meta-data", /link-local/],
      ["https://10.1.2.3/hooks", /private network/],
      ["http://leads.example.com/hooks", /Only https/],
    ] as const) {
      const fields = await expectFieldErrors(create(url), "unsafeDestinationUrl");
      expect(fields.url?.[0]).toMatch(message);
    }
    process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true";
    await expect(create("http://127.0.0.1:9/hooks")).resolves.toMatchObject({ destination: { kind: "WEBHOOK" } });
  });

  it("binds a destination to one of the tenant's offers; another tenant's offer is not found", async () => {
    const owner = await signUp({ label: "offer" });
    const other = await signUp({ label: "offer-other" });
    const sink = await sinkWith();
    const offer = await createOffer(owner.tenant.id);
    const foreignOffer = await createOffer(other.tenant.id);

    const destination = await webhookDestination(owner.caller, sink, { offerId: offer.id });
    expect(destination).toMatchObject({ offerId: offer.id, offer: { publisherId: "contoso", title: "Contoso Analytics" }, state: "ACTIVE" });
    await expectAppError(
      owner.caller.destinations.create({ kind: "WEBHOOK", name: "x", offerId: foreignOffer.id, config: { url: sink.endpoint }, secrets: {} }),
      { code: "NOT_FOUND", reason: "offerNotFound" },
    );
    expect((await owner.caller.destinations.list({ offerId: offer.id })).map((d) => d.id)).toEqual([destination.id]);
    expect(await owner.caller.destinations.list({ offerId: null })).toEqual([]);
    const [created] = await auditEvents(owner.tenant.id, "destination.created");
    expect(created).toMatchObject({ actorId: owner.userId, targetId: destination.id, data: { kind: "WEBHOOK", offerId: offer.id } });
  });

  it("returns a signing secret it generated once, at creation, so the receiver can verify signatures", async () => {
    const owner = await signUp({ label: "generated" });
    const created = await owner.caller.destinations.create({ kind: "WEBHOOK", name: "Hook", offerId: null, config: { url: "https://leads.example.com/in" }, secrets: {} });
    expect(created.generatedSecrets.signingSecret).toMatch(/^whsec_/);
    const fetched = await owner.caller.destinations.get({ id: created.destination.id });
    expect(JSON.stringify(fetched)).not.toContain(created.generatedSecrets.signingSecret!);
  });
});

describe("secrets", () => {
  it("never appear in any destinations.* response; get shows them masked; update replaces only those given", async () => {
    const owner = await signUp({ label: "secrets" });
    const sink = await sinkWith();
    const headerSecret = `Bearer tok-${uid()}${uid()}`;
    const responses: unknown[] = [];
    const keep = <T>(value: T) => (responses.push(value), value);

    const { destination } = keep(
      await owner.caller.destinations.create({
        kind: "WEBHOOK",
        name: "Secret hook",
        offerId: null,
        config: { url: sink.endpoint },
        secrets: { signingSecret: sink.secret, headers: { Authorization: headerSecret } },
      }),
    );
    expect(destination.hasSecrets).toBe(true);
    const fetched = keep(await owner.caller.destinations.get({ id: destination.id }));
    expect(fetched.secrets).toEqual({ signingSecret: `••••${sink.secret.slice(-4)}`, headers: { Authorization: `••••${headerSecret.slice(-4)}` } });

    keep(await owner.caller.destinations.list());
    keep(await owner.caller.destinations.kinds());
    const test = keep(await owner.caller.destinations.sendTestLead({ id: destination.id }));
    expect(test).toMatchObject({ ok: true, outcome: "delivered" });
    expect(sink.received.at(-1)!.headers.authorization).toBe(headerSecret);

    // Rename without secrets: both kept.
    keep(await owner.caller.destinations.update({ id: destination.id, name: "Renamed hook", secrets: { signingSecret: "" } }));
    keep(await owner.caller.destinations.sendTestLead({ id: destination.id }));
    expect(sink.received.at(-1)).toMatchObject({ verified: true, headers: { authorization: headerSecret } });

    // A new signing secret and a new receiver: the header secret is kept.
    const moved = await sinkWith();
    keep(await owner.caller.destinations.update({ id: destination.id, config: { url: moved.endpoint }, secrets: { signingSecret: moved.secret } }));
    const afterMove = keep(await owner.caller.destinations.sendTestLead({ id: destination.id }));
    expect(afterMove).toMatchObject({ ok: true });
    expect(moved.received.at(-1)).toMatchObject({ verified: true, headers: { authorization: headerSecret } });
    const refetched = keep(await owner.caller.destinations.get({ id: destination.id }));
    expect(refetched.secrets).toEqual({ signingSecret: `••••${moved.secret.slice(-4)}`, headers: { Authorization: `••••${headerSecret.slice(-4)}` } });

    keep(await owner.caller.destinations.pause({ id: destination.id }));
    keep(await owner.caller.destinations.resume({ id: destination.id }));
    keep(await owner.caller.destinations.deliveries({ id: destination.id }));
    keep(await owner.caller.destinations.replayFailed({ id: destination.id }));

    const json = JSON.stringify(responses);
    for (const secret of [sink.secret, moved.secret, headerSecret, sink.secret.slice(6), headerSecret.slice(7)]) expect(json).not.toContain(secret);
    const [updated] = await auditEvents(owner.tenant.id, "destination.updated");
    expect(updated!.data).toEqual({ changed: ["config"], secretsReplaced: ["signingSecret"] });
    expect(JSON.stringify(await auditEvents(owner.tenant.id))).not.toContain(moved.secret);
    // Stored encrypted: the ciphertext holds neither secret.
    const row = await getDb().destination.findUniqueOrThrow({ where: { id: destination.id } });
    expect(row.secretsCiphertext).toMatch(/^v1\./);
    expect(row.secretsCiphertext).not.toContain(moved.secret);
    expect(JSON.stringify(row.config)).not.toContain(headerSecret);
  });
});

describe("destinations.sendTestLead", () => {
  it("sends an MSFT_TEST lead through the real adapter at once and returns the outcome", async () => {
    const owner = await signUp({ label: "test-lead" });
    const sink = await sinkWith();
    const offer = await createOffer(owner.tenant.id);
    const destination = await webhookDestination(owner.caller, sink, { offerId: offer.id });

    const result = await owner.caller.destinations.sendTestLead({ id: destination.id });
    expect(result).toMatchObject({ ok: true, outcome: "delivered", httpStatus: 200, message: null, responseExcerpt: '{"ok":true}' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.testLeadToken).toMatch(/^MSFT_TEST_\d+$/);

    const [request] = sink.received;
    expect(request!.verified).toBe(true);
    const body = JSON.parse(request!.body) as { UserDetails: { FirstName: string; Email: string }; OfferTitle: string };
    expect(body.UserDetails.FirstName).toBe(result.testLeadToken);
    expect(body.UserDetails.Email).toBe(`${result.testLeadToken}@test.com`);
    expect(body.OfferTitle).toBe("Contoso Analytics");
    expect(request!.headers["x-leadrelay-test-lead"]).toBe("true");
    expect(decodeURIComponent(String(request!.headers["x-leadrelay-offer"]))).toBe(`contoso.${offer.offerId}`);

    const health = await owner.caller.destinations.get({ id: destination.id });
    expect(health.lastSuccessAt).toBeInstanceOf(Date);
    expect(await getDb().delivery.count({ where: { destinationId: destination.id } })).toBe(0); // not a captured lead
    const [audited] = await auditEvents(owner.tenant.id, "destination.test_sent");
    expect(audited).toMatchObject({ actorId: owner.userId, data: { outcome: "delivered", httpStatus: 200 } });
  });

  it("reports a failing receiver's answer; the failure shows on the destination without counting toward pausing", async () => {
    const owner = await signUp({ label: "test-fail" });
    const sink = await sinkWith();
    const destination = await webhookDestination(owner.caller, sink);
    sink.override("webhook", { kind: "respond", response: { status: 503, body: "Service Unavailable: deploy in progress" } });

    const result = await owner.caller.destinations.sendTestLead({ id: destination.id });
    expect(result).toMatchObject({ ok: false, outcome: "retryable", httpStatus: 503, responseExcerpt: "Service Unavailable: deploy in progress" });
    expect(result.message).toContain("503");
    const health = await owner.caller.destinations.get({ id: destination.id });
    expect(health).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
    expect(health.lastFailureReason).toContain("503");

    // Unreachable: a clear reason, never a 500.
    const closed = await sinkWith();
    await owner.caller.destinations.update({ id: destination.id, config: { url: closed.endpoint } });
    await closed.stop();
    sinks.splice(sinks.indexOf(closed), 1);
    const unreachable = await owner.caller.destinations.sendTestLead({ id: destination.id });
    expect(unreachable).toMatchObject({ ok: false, outcome: "retryable", httpStatus: null });
    expect(unreachable.message).toMatch(/ECONNREFUSED|reach/);
  });
});

describe("pausing, resuming, disabling (without a worker)", () => {
  it("pause holds queued deliveries and removes their jobs; resume queues them again in one serial queue", async () => {
    const owner = await signUp({ label: "pause" });
    const destination = await webhookDestination(owner.caller, await sinkWith());
    const first = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    const id = first.deliveryIds[0]!;
    expect(await statusOf(id)).toBe("PENDING");
    expect(await jobFor(id)).toMatchObject({ queue_name: null });

    await expect(owner.caller.destinations.pause({ id: destination.id })).resolves.toMatchObject({
      held: 1,
      destination: { state: "PAUSED", deliveryCounts: { HELD: 1, PENDING: 0 } },
    });
    expect(await statusOf(id)).toBe("HELD");
    expect(await jobFor(id)).toBeNull();
    const whilePaused = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    expect(await statusOf(whilePaused.deliveryIds[0]!)).toBe("HELD");

    await expect(owner.caller.destinations.resume({ id: destination.id })).resolves.toMatchObject({
      released: 2,
      destination: { state: "ACTIVE", pausedAt: null, deliveryCounts: { PENDING: 2, HELD: 0 } },
    });
    for (const deliveryId of [id, whilePaused.deliveryIds[0]!]) {
      expect(await statusOf(deliveryId)).toBe("PENDING");
      expect(await jobFor(deliveryId)).toMatchObject({ queue_name: `destination:${destination.id}` });
    }
    const actions = (await auditEvents(owner.tenant.id)).map((e) => e.action).filter((a) => a.startsWith("destination."));
    expect(actions).toEqual(["destination.resumed", "destination.paused", "destination.created"]);
  });

  it("a disabled destination gets no new deliveries; enabling releases the held ones", async () => {
    const owner = await signUp({ label: "disable" });
    const destination = await webhookDestination(owner.caller, await sinkWith());
    const queued = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    await expect(owner.caller.destinations.disable({ id: destination.id })).resolves.toMatchObject({ held: 1, destination: { state: "DISABLED" } });
    const whileDisabled = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    expect(whileDisabled.deliveryIds).toEqual([]);

    await expect(owner.caller.destinations.enable({ id: destination.id })).resolves.toMatchObject({ released: 1, destination: { state: "ACTIVE" } });
    expect(await statusOf(queued.deliveryIds[0]!)).toBe("PENDING");
    expect((await auditEvents(owner.tenant.id, "destination.disabled"))[0]).toMatchObject({ data: { from: "ACTIVE", heldDeliveries: 1 } });
    expect((await auditEvents(owner.tenant.id, "destination.enabled"))[0]).toMatchObject({ data: { from: "DISABLED", releasedDeliveries: 1 } });
  });

  it("replaying a delivery to a paused destination holds it until resumed", async () => {
    const owner = await signUp({ label: "replay-paused" });
    const destination = await webhookDestination(owner.caller, await sinkWith());
    const captured = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    const id = captured.deliveryIds[0]!;
    // As the worker leaves a failed delivery: no job.
    await getDb().delivery.update({ where: { id }, data: { status: "FAILED", lastError: "400" } });
    await getDb().$executeRaw`SELECT graphile_worker.remove_job(${`delivery:${id}`})`;
    await owner.caller.destinations.pause({ id: destination.id });
    await expect(owner.caller.destinations.replayDelivery({ deliveryId: id })).resolves.toEqual({ deliveryId: id, status: "HELD" });
    expect(await jobFor(id)).toBeNull();
    await expectAppError(owner.caller.destinations.replayDelivery({ deliveryId: id }), { code: "BAD_REQUEST", reason: "deliveryNotFailed", message: /held/ });
  });

  it("delete removes the destination, its delivery log and its jobs; it is audited", async () => {
    const owner = await signUp({ label: "delete" });
    const destination = await webhookDestination(owner.caller, await sinkWith());
    const captured = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    await expect(owner.caller.destinations.delete({ id: destination.id })).resolves.toEqual({ id: destination.id });
    await expectAppError(owner.caller.destinations.get({ id: destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" });
    expect(await getDb().delivery.count({ where: { id: captured.deliveryIds[0]! } })).toBe(0);
    expect(await jobFor(captured.deliveryIds[0]!)).toBeNull();
    expect(await getDb().lead.count({ where: { id: captured.leadId } })).toBe(1);
    expect((await auditEvents(owner.tenant.id, "destination.deleted"))[0]).toMatchObject({ targetId: destination.id, data: { kind: "WEBHOOK", name: "CRM webhook" } });
  });
});

describe("destinations.deliveries", () => {
  it("pages the delivery log newest first with a keyset cursor", async () => {
    const owner = await signUp({ label: "paging" });
    const destination = await webhookDestination(owner.caller, await sinkWith());
    const names = ["A", "B", "C"];
    for (const firstName of names) await captureTestLead(getDb(), { tenantId: owner.tenant.id, firstName });

    const first = await owner.caller.destinations.deliveries({ id: destination.id, limit: 2 });
    expect(first.items.map((d) => d.lead.firstName)).toEqual(["C", "B"]);
    expect(first.nextCursor).toBeTruthy();
    const second = await owner.caller.destinations.deliveries({ id: destination.id, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((d) => d.lead.firstName)).toEqual(["A"]);
    expect(second.nextCursor).toBeNull();
    expect((await owner.caller.destinations.deliveries({ id: destination.id, status: "FAILED" })).items).toEqual([]);
    await expectAppError(owner.caller.destinations.deliveries({ id: destination.id, cursor: "garbage!" }), { code: "BAD_REQUEST", reason: "invalidCursor" });
  });
});

describe("who may do what", () => {
  it("members read destinations and delivery logs but cannot change, test or replay them", async () => {
    const owner = await signUp({ label: "roles" });
    const destination = await webhookDestination(owner.caller, await sinkWith());
    const captured = await captureTestLead(getDb(), { tenantId: owner.tenant.id });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });

    expect((await member.caller.destinations.list()).map((d) => d.id)).toEqual([destination.id]);
    await expect(member.caller.destinations.get({ id: destination.id })).resolves.toMatchObject({ id: destination.id });
    await expect(member.caller.destinations.deliveries({ id: destination.id })).resolves.toMatchObject({ items: [{ leadId: captured.leadId }] });
    await expect(member.caller.deliveries.forLead({ leadId: captured.leadId })).resolves.toHaveLength(1);

    const refused = { code: "FORBIDDEN", reason: "adminOnly" } as const;
    const id = destination.id;
    await expectAppError(member.caller.destinations.create({ kind: "WEBHOOK", name: "Mine", offerId: null, config: { url: "https://x.example.com" }, secrets: {} }), refused);
    await expectAppError(member.caller.destinations.update({ id, name: "Renamed" }), refused);
    await expectAppError(member.caller.destinations.delete({ id }), refused);
    await expectAppError(member.caller.destinations.pause({ id }), refused);
    await expectAppError(member.caller.destinations.resume({ id }), refused);
    await expectAppError(member.caller.destinations.disable({ id }), refused);
    await expectAppError(member.caller.destinations.enable({ id }), refused);
    await expectAppError(member.caller.destinations.sendTestLead({ id }), refused);
    await expectAppError(member.caller.destinations.replayFailed({ id }), refused);
    await expectAppError(member.caller.destinations.replayDelivery({ deliveryId: captured.deliveryIds[0]! }), refused);
    expect(await getDb().destination.count({ where: { tenantId: owner.tenant.id } })).toBe(1);

    // Admins may.
    await expect(admin.caller.destinations.pause({ id })).resolves.toMatchObject({ destination: { state: "PAUSED" } });
  });

  it("another tenant can neither see nor change a tenant's destinations, deliveries or leads", async () => {
    const a = await signUp({ label: "tenant-a" });
    const b = await signUp({ label: "tenant-b" });
    const sink = await sinkWith();
    const destination = await webhookDestination(a.caller, sink);
    const captured = await captureTestLead(getDb(), { tenantId: a.tenant.id });
    const deliveryId = captured.deliveryIds[0]!;
    await getDb().delivery.update({ where: { id: deliveryId }, data: { status: "FAILED" } });

    expect(await b.caller.destinations.list()).toEqual([]);
    const notFound = { code: "NOT_FOUND", reason: "destinationNotFound" } as const;
    const id = destination.id;
    await expectAppError(b.caller.destinations.get({ id }), notFound);
    await expectAppError(b.caller.destinations.update({ id, name: "Hijacked", config: { url: "https://evil.example.com" } }), notFound);
    await expectAppError(b.caller.destinations.delete({ id }), notFound);
    await expectAppError(b.caller.destinations.pause({ id }), notFound);
    await expectAppError(b.caller.destinations.resume({ id }), notFound);
    await expectAppError(b.caller.destinations.disable({ id }), notFound);
    await expectAppError(b.caller.destinations.enable({ id }), notFound);
    await expectAppError(b.caller.destinations.sendTestLead({ id }), notFound);
    await expectAppError(b.caller.destinations.deliveries({ id }), notFound);
    await expectAppError(b.caller.destinations.replayFailed({ id }), notFound);
    await expectAppError(b.caller.destinations.replayDelivery({ deliveryId }), { code: "NOT_FOUND", reason: "deliveryNotFound" });
    await expectAppError(b.caller.deliveries.forLead({ leadId: captured.leadId }), { code: "NOT_FOUND", reason: "leadNotFound" });

    const untouched = await a.caller.destinations.get({ id });
    expect(untouched).toMatchObject({ name: "CRM webhook", state: "ACTIVE", config: { url: sink.endpoint } });
    expect(await statusOf(deliveryId)).toBe("FAILED");
    expect(sink.received).toHaveLength(0);
    expect(await auditEvents(b.tenant.id, "destination.updated")).toEqual([]);
  });
});
