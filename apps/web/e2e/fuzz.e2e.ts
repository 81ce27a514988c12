/**
 * Bad input over real HTTP against the running production server: generated and mutated
 * marketplace bodies (fast-check) to the capture endpoint, and random inputs to every
 * procedure of the tRPC router (signed in with a session cookie and with an API token,
 * queries by GET and mutations by POST). Every answer must be 2xx or 4xx — never a 5xx,
 * never a dropped connection — and the app must still be healthy afterwards.
 * A failure prints the seed: FUZZ_SEED=<seed> reproduces the same requests.
 */
import { API_SCOPE_NAMES, appRouter, createCaller, createTRPCContext } from "@leadrelay/api";
import { createDb, type Db } from "@leadrelay/db";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CAPTURE_REQUESTS = 700;
const INPUTS_PER_PROCEDURE = { session: 3, token: 2 };
const CONCURRENCY = 6;

interface Probe {
  what: string;
  url: string;
  init: RequestInit;
}

interface Finding {
  what: string;
  status: number | string;
  body: string;
}

/** Sends the probes, a few at a time; returns every answer that is not 2xx–4xx. */
async function send(probes: Probe[]): Promise<{ findings: Finding[]; statuses: Map<number, number> }> {
  const findings: Finding[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++]!;
      try {
        const response = await fetch(probe.url, { ...probe.init, signal: AbortSignal.timeout(30_000) });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status < 200 || response.status >= 500) findings.push({ what: probe.what, status: response.status, body: text.slice(0, 300) });
      } catch (error) {
        findings.push({ what: probe.what, status: error instanceof Error ? error.message : String(error), body: "" });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { findings, statuses };
}

const summary = (statuses: Map<number, number>) => Object.fromEntries([...statuses].sort(([a], [b]) => a - b));

// ------------------------------------------------------------------ capture bodies

const FIELDS = ["FirstName", "LastName", "Email", "Phone", "Country", "Company", "Title"] as const;
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "MSFT_TEST_636573304831318844", "<script>alert(1)</script>", "a@b.edu", "\u0000", "🙂‍↔️", "x".repeat(5000), "'; DROP TABLE \"Lead\"; --"),
);
const junk = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant("x".repeat(70_000)), fc.constant(-0), fc.constant(1e308));

const validBody = fc.record({
  UserDetails: fc.record(Object.fromEntries(FIELDS.map((f) => [f, text])) as Record<(typeof FIELDS)[number], fc.Arbitrary<string>>, { requiredKeys: [] }),
  LeadSource: fc.constantFrom("AzureMarketplace", "AzurePortal", "AppSource (SPZA)", "AzureMarketplace-INS|contoso.analytics", "", "?"),
  ActionCode: fc.constantFrom("INS", "PLT", "DNC", "Create", "StartTestDrive", "Whatever", ""),
  OfferTitle: text,
  Description: text,
});

type Json = Record<string, unknown>;
/** Valid bodies, then broken: fields deleted, retyped, renamed in other casing, junk nested or added. */
const mutatedBody = fc
  .tuple(
    validBody,
    fc.array(
      fc.oneof(
        fc.record({ op: fc.constant("delete" as const), key: fc.constantFrom("UserDetails", "LeadSource", "ActionCode", "OfferTitle", "Description") }),
        fc.record({ op: fc.constant("retype" as const), key: fc.constantFrom("UserDetails", "LeadSource", "ActionCode", "OfferTitle", "Description"), value: junk }),
        fc.record({ op: fc.constant("retypeUser" as const), key: fc.constantFrom(...FIELDS), value: junk }),
        fc.record({ op: fc.constant("recase" as const), key: fc.constantFrom("UserDetails", "userDetails", "USERDETAILS", "leadSource", "actioncode") }),
        fc.record({ op: fc.constant("extra" as const), key: fc.string({ maxLength: 20 }), value: junk }),
        fc.record({ op: fc.constant("proto" as const), key: fc.constantFrom("__proto__", "constructor", "prototype", "toString"), value: junk }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([body, mutations]): unknown => {
    const out: Json = structuredClone(body);
    for (const m of mutations) {
      if (m.op === "delete") delete out[m.key];
      else if (m.op === "retype" || m.op === "extra") out[m.key] = m.value;
      else if (m.op === "retypeUser") {
        if (out.UserDetails && typeof out.UserDetails === "object" && !Array.isArray(out.UserDetails)) (out.UserDetails as Json)[m.key] = m.value;
      } else if (m.op === "recase") {
        const value = out.UserDetails ?? out.LeadSource;
        out[m.key] = value;
      } else Object.defineProperty(out, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
    return out;
  });

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "Application/JSON",
  "application/json; charset=latin1",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "",
] as const;

const captureRequest = fc.oneof(
  { weight: 6, arbitrary: fc.record({ body: mutatedBody.map((b) => JSON.stringify(b)), contentType: fc.constantFrom<string>("application/json", "application/json; charset=utf-8") }) },
  { weight: 2, arbitrary: fc.record({ body: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? "null"), contentType: fc.constantFrom<string>(...CONTENT_TYPES) }) },
  { weight: 2, arbitrary: fc.record({ body: mutatedBody.map((b) => JSON.stringify(b)), contentType: fc.constantFrom<string>(...CONTENT_TYPES) }) },
  // Invalid JSON and invalid UTF-8: truncated bodies, raw bytes.
  { weight: 2, arbitrary: fc.record({ body: fc.tuple(mutatedBody, fc.nat()).map(([b, n]) => { const s = JSON.stringify(b); return s.slice(0, n % Math.max(1, s.length)); }), contentType: fc.constant("application/json") }) },
  { weight: 2, arbitrary: fc.record({ body: fc.uint8Array({ maxLength: 300 }), contentType: fc.constantFrom<string>("application/json", "text/plain") }) },
);

// ------------------------------------------------------------------ tRPC inputs

const ID_KEYS = ["id", "leadId", "offerId", "destinationId", "deliveryId", "stageId", "criterionId", "tokenId", "tenantId", "userId", "membershipId", "invitationId", "token", "cursor"];
const OTHER_KEYS = ["limit", "status", "query", "search", "name", "email", "role", "scopes", "config", "secrets", "kind", "from", "to", "range", "ids", "items", "locale", "csv", "body", "message", "title", "type", "notes", "dueAt", "ownerId", "state"];
const idLike = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", "cjld2cjxh0000qzrmn831i7rn", "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "%00", "nul\u0000inside", "a".repeat(10_000)));
const anyValue = fc.oneof(idLike, fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.constantFrom(-1, 0, 2 ** 53, 1e308, Number.NaN as unknown as number));
const procedureInput = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...ID_KEYS, ...OTHER_KEYS), anyValue, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, {}, [], "", 0, { json: null }, { json: {}, meta: { values: { x: ["Date"] } } }) },
);
/** How the input travels: superjson as the app's client sends it, or raw, or broken. */
const encoding = fc.constantFrom("superjson", "raw", "batch", "broken");

function trpcProbe(path: string, type: string, input: unknown, how: string, headers: Record<string, string>, label: string): Probe {
  const wire = how === "raw" ? input : { json: input };
  const what = `${label} ${type} ${path} ${how} ${JSON.stringify(input)?.slice(0, 200)}`;
  if (type === "query") {
    const query =
      how === "batch" ? `batch=1&input=${encodeURIComponent(JSON.stringify({ 0: wire }))}`
      : how === "broken" ? `input=${encodeURIComponent(`{"json":${JSON.stringify(input)?.slice(0, 7) ?? ""}`)}`
      : input === undefined ? "" : `input=${encodeURIComponent(JSON.stringify(wire))}`;
    return { what, url: `${baseUrl}/api/trpc/${path}${how === "batch" ? `?${query}` : query ? `?${query}` : ""}`, init: { method: "GET", headers } };
  }
  const body =
    how === "batch" ? JSON.stringify({ 0: wire })
    : how === "broken" ? `{"json":${String(JSON.stringify(input)).slice(0, 5)}`
    : JSON.stringify(wire) ?? "";
  return {
    what,
    url: `${baseUrl}/api/trpc/${path}${how === "batch" ? "?batch=1" : ""}`,
    init: { method: "POST", headers: { ...headers, "content-type": "application/json" }, body },
  };
}

// ------------------------------------------------------------------ the tests

describe("bad input never gets a 5xx", () => {
  let db: Db;
  let captureUrl = "";
  let apiToken = "";
  let sessionCookie = "";

  beforeAll(async () => {
    db = createDb(inject("databaseUrl"));
    const anonymous = createCaller(createTRPCContext({ session: null, db, headers: new Headers({ "x-forwarded-for": "198.51.100.40" }) }));
    const suffix = Date.now().toString(36);
    const signedUp = await anonymous.account.signUp({ name: "Finn Fuzz", email: `finn-${suffix}@fuzz.example`, password: "fuzzing passphrase 99", companyName: `Fuzz ${suffix}` });
    const owner = createCaller(createTRPCContext({ session: { userId: signedUp.userId }, db, baseUrl }));
    captureUrl = (await owner.captureEndpoints.create({ offerId: null })).endpoint.url!;
    apiToken = (await owner.apiTokens.create({ name: "fuzz", scopes: [...API_SCOPE_NAMES] })).token;
    // Plan limits high enough that the fuzz reaches the parsers instead of the rate limits.
    await db.tenant.update({ where: { id: signedUp.tenant.id }, data: { captureRateLimitPerMinute: 1_000_000, apiRateLimitPerMinute: 1_000_000 } });
    // A session cookie as Auth.js issues it (JWT sessions, signed with AUTH_SECRET).
    const jwt = await encode({ token: { sub: signedUp.userId }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
    sessionCookie = `authjs.session-token=${jwt}`;
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it(`the capture endpoint answers ${CAPTURE_REQUESTS} generated and mutated bodies with 2xx or 4xx (seed ${seed})`, async () => {
    const requests = fc.sample(captureRequest, { numRuns: CAPTURE_REQUESTS, seed });
    const probes: Probe[] = requests.map((r, i): Probe => ({
      what: `capture #${i} (${r.contentType || "no content type"}) ${typeof r.body === "string" ? r.body.slice(0, 200) : `${r.body.length} bytes`}`,
      url: captureUrl,
      init: { method: "POST", headers: r.contentType ? { "content-type": r.contentType } : ({} as Record<string, string>), body: typeof r.body === "string" ? r.body : new Blob([r.body]) },
    }));
    const { findings, statuses } = await send(probes);
    expect(findings, `seed ${seed}; statuses ${JSON.stringify(summary(statuses))}`).toEqual([]);
    // The fuzz reached both sides: leads stored and bodies refused.
    expect([...statuses.keys()].some((s) => s === 201 || s === 200)).toBe(true);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  it(`every tRPC procedure answers random inputs with 2xx or 4xx, signed in and with an API token (seed ${seed})`, async () => {
    const session = { cookie: sessionCookie, "x-forwarded-for": "198.51.100.41" };
    const token = { authorization: `Bearer ${apiToken}`, "x-forwarded-for": "198.51.100.42" };
    // The credentials work: failures below are about the inputs, not about signing in.
    for (const headers of [session, token]) {
      const me = await fetch(`${baseUrl}/api/trpc/leads.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers });
      expect(me.status, await me.clone().text()).toBe(200);
    }

    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    expect(procedures.length).toBeGreaterThan(50);
    const probes: Probe[] = [];
    let n = 0;
    for (const [path, procedure] of procedures) {
      for (const [label, headers, count] of [["session", session, INPUTS_PER_PROCEDURE.session], ["token", token, INPUTS_PER_PROCEDURE.token]] as const) {
        const samples = fc.sample(fc.tuple(procedureInput, encoding), { numRuns: count, seed: seed + n++ });
        for (const [input, how] of samples) probes.push(trpcProbe(path, procedure._def.type, input, how, headers, label));
      }
      // The wrong method, and no input at all.
      probes.push(trpcProbe(path, procedure._def.type === "query" ? "mutation" : "query", undefined, "superjson", session, "wrong-method"));
    }
    // Things of no procedure.
    probes.push(trpcProbe("no.such.procedure", "query", {}, "superjson", session, "unknown"));
    probes.push(trpcProbe("leads.list,leads.get,nope", "query", {}, "batch", session, "unknown-batch"));

    const { findings, statuses } = await send(probes);
    expect(findings, `seed ${seed}; ${probes.length} requests; statuses ${JSON.stringify(summary(statuses))}`).toEqual([]);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });
});
