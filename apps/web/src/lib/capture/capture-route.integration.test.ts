/**
 * The capture route against the integration project's real PostgreSQL: over real HTTP
 * (a node:http server in front of the route file's exported handlers, so bodies arrive
 * as streams, chunked or not) and with Request objects handed to the handler directly
 * where a dependency is swapped (rate limit, a failing database).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createDb, ensureCaptureEndpoint, rotateCaptureEndpoint, type Db } from "@leadrelay/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as route from "../../app/api/capture/[token]/route";
import { CAPTURE_MAX_BODY_BYTES, handleCapturePost } from "./handle-capture";

let db: Db;
let server: http.Server;
let baseUrl: string;
const silent = { logError: () => {} };

type RouteHandler = (request: Request, context: { params: Promise<{ token: string }> }) => Promise<Response>;
const handlers: Record<string, RouteHandler> = {
  POST: route.POST,
  GET: route.GET,
  HEAD: route.HEAD,
  PUT: route.PUT,
  PATCH: route.PATCH,
  DELETE: route.DELETE,
  OPTIONS: route.OPTIONS,
};

/** What Next does for the route: a Fetch Request in, a Fetch Response out. */
function serveRoute(): Promise<http.Server> {
  const srv = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const match = /^\/api\/capture\/([^/]+)$/u.exec(url.pathname);
      const handler = handlers[req.method ?? ""];
      if (!match || !handler) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = await handler(request, { params: Promise.resolve({ token: decodeURIComponent(match[1]!) }) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(599).end(String(error));
    });
  });
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run with `vitest run --project integration`.");
  db = createDb(url, 4);
  server = await serveRoute();
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

const uid = () => randomBytes(5).toString("hex");

async function newEndpoint(opts: { status?: "ACTIVE" | "SUSPENDED"; offer?: boolean } = {}) {
  const id = uid();
  const tenant = await db.tenant.create({ data: { slug: `route-${id}`, name: `Route ${id}`, status: opts.status ?? "ACTIVE" }, select: { id: true } });
  const offer = opts.offer
    ? await db.offer.create({ data: { tenantId: tenant.id, publisherId: "contoso", offerId: `crm-${id}`, title: "Contoso CRM", type: "SAAS" } })
    : null;
  const { endpoint } = await ensureCaptureEndpoint(db, tenant.id, offer?.id ?? null);
  return { tenantId: tenant.id, endpoint, token: endpoint.token!, offer };
}

/** The documented HTTPS-endpoint body. */
function marketplaceBody(overrides: Record<string, unknown> = {}) {
  return {
    UserDetails: {
      FirstName: "John",
      LastName: "Smith",
      Email: `jsmith-${uid()}@microsoft.example`,
      Phone: "1234567890",
      Country: "USA",
      Company: "Microsoft",
      Title: "CTO",
    },
    LeadSource: "AzureMarketplace",
    ActionCode: "INS",
    OfferTitle: "Contoso CRM",
    Description: "Lead from Azure Marketplace",
    ...overrides,
  };
}

function post(token: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`${baseUrl}/api/capture/${token}`, { method: "POST", headers, body });
}

async function rejections(endpointId: string) {
  return db.captureRejection.findMany({ where: { captureEndpointId: endpointId }, orderBy: { receivedAt: "asc" } });
}

describe("POST /api/capture/<token> over HTTP", () => {
  it("answers 201 with the lead id once stored, and 200 duplicate for the marketplace's retry of the same body", async () => {
    const { token, tenantId, endpoint } = await newEndpoint();
    const raw = JSON.stringify(marketplaceBody(), null, 2);

    const first = await post(token, raw);
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; status: string };
    expect(created).toEqual({ id: expect.any(String), status: "created" });
    const lead = await db.lead.findFirstOrThrow({ where: { id: created.id, tenantId }, include: { touchpoints: true } });
    expect(lead).toMatchObject({ firstName: "John", country: "USA", source: "AzureMarketplace", action: "INS", funnelStage: "ACTIVE" });
    expect(lead.touchpoints).toEqual([expect.objectContaining({ channel: "HTTPS", captureEndpointId: endpoint.id, rawBody: raw })]);

    const retry = await post(token, raw);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id: created.id, status: "duplicate" });
    expect(await db.touchpoint.count({ where: { leadId: created.id } })).toBe(1);
  });

  it("merges the same person's next action into the lead (201 merged)", async () => {
    const { token } = await newEndpoint();
    const body = marketplaceBody({ ActionCode: "PLT" });
    const first = (await (await post(token, JSON.stringify(body))).json()) as { id: string };
    const second = await post(token, JSON.stringify({ ...body, ActionCode: "INS" }));
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ id: first.id, status: "merged" });
    expect(await db.lead.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ touchpointCount: 2, funnelStage: "ACTIVE" });
  });

  it("treats requests with the same Idempotency-Key as one, whatever the body", async () => {
    const { token } = await newEndpoint();
    const headers = { "content-type": "application/json", "idempotency-key": "req-42" };
    const first = (await (await post(token, JSON.stringify(marketplaceBody()), headers)).json()) as { id: string };
    const again = await post(token, JSON.stringify(marketplaceBody()), headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: first.id, status: "duplicate" });
  });

  it("stores the body verbatim, keeps unknown fields, and reads userDetails in any casing", async () => {
    const { token } = await newEndpoint();
    const raw = `{"userdetails":{"firstname":"  Grace ","LASTNAME":"Hopper","email":" GRACE@Navy.Example ","country":"us","Shoe":"42"},` +
      `"leadsource":"AzureMarketplace","actioncode":"ins","offertitle":"COBOL Studio","CampaignId":"fall-2026","Nested":{"a":[1,true,null]},"Emoji":"日本 🚀"}`;
    const response = await post(token, raw, { "content-type": "application/json; charset=utf-8" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const lead = await db.lead.findUniqueOrThrow({ where: { id }, include: { touchpoints: true } });
    expect(lead).toMatchObject({ firstName: "Grace", lastName: "Hopper", email: "GRACE@Navy.Example", action: "INS", offerTitle: "COBOL Studio" });
    expect(lead.touchpoints[0]!.rawBody).toBe(raw);
    expect(lead.touchpoints[0]!.extraFields).toEqual({ CampaignId: "fall-2026", Nested: { a: [1, true, null] }, Emoji: "日本 🚀", UserDetails: { Shoe: "42" } });
  });

  it("accepts camel-cased userDetails and a LeadSource holding the whole Source-Action|Offer string", async () => {
    const { token, tenantId } = await newEndpoint();
    const body = {
      userDetails: { firstName: "Ana", lastName: "Lima", email: `ana-${uid()}@contoso.example`, company: "Contoso" },
      leadSource: "AppSource (SPZA)-PLT|docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145a",
    };
    const response = await post(token, JSON.stringify(body));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(await db.lead.findFirstOrThrow({ where: { id, tenantId } })).toMatchObject({
      firstName: "Ana",
      source: "AppSource (SPZA)",
      action: "PLT",
      funnelStage: "INITIAL",
      offerRef: "docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145a",
    });
  });

  it("ties leads of a per-offer URL to its offer, and marks the URL verified by Microsoft's test lead", async () => {
    const { token, endpoint, offer } = await newEndpoint({ offer: true });
    const t = "MSFT_TEST_636573304831318844";
    const body = {
      UserDetails: { FirstName: t, LastName: t, Email: `${t}@test.com`, Phone: "1234567890", Country: "US", Company: t, Title: t },
      LeadSource: "AzureMarketplace",
      ActionCode: "INS",
      OfferTitle: "Contoso CRM",
      Description: t,
    };
    const response = await post(token, JSON.stringify(body));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(await db.lead.findUniqueOrThrow({ where: { id } })).toMatchObject({ offerId: offer!.id, isTest: true });
    const row = await db.captureEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect(row.lastLeadAt).toEqual(row.verifiedAt);
  });

  it("stores an .edu lead without personal data and without its raw body", async () => {
    const { token } = await newEndpoint();
    const body = marketplaceBody();
    body.UserDetails.Email = "student@mit.edu";
    const { id } = (await (await post(token, JSON.stringify(body))).json()) as { id: string };
    const lead = await db.lead.findUniqueOrThrow({ where: { id }, include: { touchpoints: true } });
    expect(lead).toMatchObject({ isPrivacyRedacted: true, email: null, firstName: null, company: "Microsoft" });
    expect(lead.touchpoints[0]!.rawBody).toBeNull();
  });

  it("accepts a suspended tenant's leads and holds their deliveries", async () => {
    const { token, tenantId } = await newEndpoint({ status: "SUSPENDED" });
    await db.destination.create({ data: { tenantId, kind: "WEBHOOK", name: "Hook", config: {} } });
    const response = await post(token, JSON.stringify(marketplaceBody()));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(await db.delivery.findMany({ where: { leadId: id } })).toEqual([expect.objectContaining({ status: "HELD" })]);
  });

  it("answers 404 for an unknown or rotated token, without recording anything", async () => {
    const { token, tenantId, endpoint } = await newEndpoint();
    const unknown = await post(`lrc_${randomBytes(32).toString("base64url")}`, JSON.stringify(marketplaceBody()));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/unknown or was rotated/);
    expect((await post("x", "{}")).status).toBe(404);

    await rotateCaptureEndpoint(db, tenantId, endpoint.id);
    const revoked = await post(token, JSON.stringify(marketplaceBody()));
    expect(revoked.status).toBe(404);
    expect(await rejections(endpoint.id)).toEqual([]);
  });

  it("answers 405 with Allow: POST to other methods, and records it for a known URL", async () => {
    const { token, endpoint } = await newEndpoint();
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await fetch(`${baseUrl}/api/capture/${token}`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(((await response.json()) as { error: string }).error).toMatch(/POST/);
    }
    const head = await fetch(`${baseUrl}/api/capture/${token}`, { method: "HEAD" });
    expect([head.status, head.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await rejections(endpoint.id)).map((r) => r.httpStatus)).toEqual([405, 405, 405, 405, 405]);
  });

  it("answers 415 to a body that is not declared as JSON, and records an excerpt", async () => {
    const { token, endpoint } = await newEndpoint();
    const form = "first_name=Ada&last_name=Lovelace";
    const response = await post(token, form, { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toMatch(/Content-Type: application\/json/);
    expect((await post(token, "{}", { "content-type": "application/json; charset=iso-8859-1" })).status).toBe(415);
    const missing = await fetch(`${baseUrl}/api/capture/${token}`, { method: "POST", body: new Blob([JSON.stringify(marketplaceBody())]) });
    expect(missing.status).toBe(415);
    const recorded = await rejections(endpoint.id);
    expect(recorded[0]).toMatchObject({ httpStatus: 415, bodyExcerpt: form });
    expect(recorded).toHaveLength(3);
  });

  it("answers 413 to a body over 64 KiB, whether Content-Length says so or the chunks do", async () => {
    const { token, endpoint } = await newEndpoint();
    const big = JSON.stringify(marketplaceBody({ Description: "x".repeat(CAPTURE_MAX_BODY_BYTES) }));
    const declared = await post(token, big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/64 KiB/);

    // Chunked: no Content-Length to trust, the reader has to stop by itself.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${baseUrl}/api/capture/${token}`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write("x".repeat(8 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);

    const recorded = await rejections(endpoint.id);
    expect(recorded.map((r) => r.httpStatus)).toEqual([413, 413]);
    expect(recorded[1]!.bodyExcerpt!.length).toBe(2048);
    expect(await db.lead.count({ where: { tenantId: (await db.captureEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).tenantId } })).toBe(0);
  });

  it("accepts a body of exactly 64 KiB", async () => {
    const { token } = await newEndpoint();
    const base = JSON.stringify(marketplaceBody({ Description: "" }));
    const padded = JSON.stringify(marketplaceBody({ Description: "y".repeat(CAPTURE_MAX_BODY_BYTES - base.length) }));
    expect(Buffer.byteLength(padded)).toBe(CAPTURE_MAX_BODY_BYTES);
    expect((await post(token, padded)).status).toBe(201);
  });

  it("answers 400 with the parser's errors to malformed JSON and to a body that carries no lead", async () => {
    const { token, endpoint } = await newEndpoint();
    const malformed = await post(token, '{"UserDetails": {"FirstName": "Ada",');
    expect(malformed.status).toBe(400);
    const malformedBody = (await malformed.json()) as { error: string; errors: { path: string; message: string }[] };
    expect(malformedBody.errors).toEqual([{ path: "$", message: expect.stringMatching(/not valid JSON/) }]);

    const empty = await post(token, JSON.stringify({ Hello: "world" }));
    expect(empty.status).toBe(400);
    const emptyBody = (await empty.json()) as { errors: { path: string; message: string }[] };
    expect(emptyBody.errors[0]!.message).toMatch(/LeadSource/);

    const wrongType = await post(token, JSON.stringify({ UserDetails: "Ada", LeadSource: "AzureMarketplace" }));
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("$.UserDetails");

    expect((await post(token, "[1,2]")).status).toBe(400);
    expect((await post(token, "")).status).toBe(400);
    const recorded = await rejections(endpoint.id);
    expect(recorded).toHaveLength(5);
    expect(recorded[0]).toMatchObject({ httpStatus: 400, bodyExcerpt: '{"UserDetails": {"FirstName": "Ada",' });
    expect(recorded[0]!.reason).toMatch(/not valid JSON/);
  });

  it("answers 400 to body bytes that are not UTF-8", async () => {
    const { token } = await newEndpoint();
    const bytes = Buffer.concat([Buffer.from('{"LeadSource":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const response = await fetch(`${baseUrl}/api/capture/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: bytes });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/UTF-8/);
  });
});

describe("handleCapturePost with real Request objects", () => {
  const request = (token: string, body: string) =>
    new Request(`https://app.leadrelay.test/api/capture/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("answers 429 with Retry-After past the per-URL limit, recording the first refusal of the window only", async () => {
    const { token, endpoint } = await newEndpoint();
    const deps = { db, rateLimitPerMinute: 2, ...silent };
    expect((await handleCapturePost(request(token, JSON.stringify(marketplaceBody())), token, deps)).status).toBe(201);
    expect((await handleCapturePost(request(token, JSON.stringify(marketplaceBody())), token, deps)).status).toBe(201);
    const limited = await handleCapturePost(request(token, JSON.stringify(marketplaceBody())), token, deps);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as { error: string }).error).toMatch(/at most 2 a minute/);
    expect((await handleCapturePost(request(token, "{}"), token, deps)).status).toBe(429);
    expect((await rejections(endpoint.id)).map((r) => r.httpStatus)).toEqual([429]);
  });

  it("answers 500 with a generic message, and logs, when storing fails unexpectedly", async () => {
    const { token, tenantId } = await newEndpoint();
    const failingDb = new Proxy(db, {
      get(target, property) {
        if (property === "$transaction") return () => Promise.reject(new Error("database on fire"));
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const logged: unknown[] = [];
    const response = await handleCapturePost(request(token, JSON.stringify(marketplaceBody())), token, {
      db: failingDb,
      logError: (_message, error) => logged.push(error),
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/error on our side/);
    expect(body.error).not.toMatch(/fire/);
    expect(logged).toEqual([expect.objectContaining({ message: "database on fire" })]);
    expect(await db.lead.count({ where: { tenantId } })).toBe(0);
  });
});
