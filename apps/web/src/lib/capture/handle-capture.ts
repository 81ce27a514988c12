/**
 * POST /api/capture/<token>: the URL a publisher pastes into Partner Center as the
 * offer's HTTPS-endpoint lead destination. Plain functions over the Fetch API's
 * Request/Response, so the route file stays a one-liner and tests drive them directly.
 */
import { sha256Hex } from "@leadrelay/crypto";
import {
  CaptureEndpointRepository,
  captureLead,
  resolveCaptureOffer,
  type CaptureTarget,
  type CaptureTargetForLead,
  type Db,
} from "@leadrelay/db";
import { parseHttpsPayloadText, storableValue, type ParseError, type ParseWarning } from "@leadrelay/leads";
import { readLimitedBody } from "./read-limited-body";

export const CAPTURE_MAX_BODY_BYTES = 64 * 1024;

/** Requests a minute per capture URL. Microsoft sends one request per lead; 600 leaves room for bursts and retries. */
export const CAPTURE_RATE_LIMIT_PER_MINUTE = 600;
const RATE_WINDOW_SECONDS = 60;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Tokens are `lrc_` + 43 base64url characters; anything unlike a token is refused without a query. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/u;
const ALLOW = "POST";

export interface CaptureDeps {
  db: Db;
  now?: () => Date;
  /** Per capture URL, when the tenant's plan sets none. */
  rateLimitPerMinute?: number;
  logError?: (message: string, error: unknown) => void;
}

export type CaptureStatus = "created" | "merged" | "duplicate";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const notFound = () =>
  json(404, {
    error: "This capture URL is unknown or was rotated. Copy the current URL from Leadrelay (Offers → capture URL) into Partner Center.",
  });

/** A refusal worth showing in the "Why am I not seeing leads?" view (everything but an unknown token). */
interface Refusal {
  status: number;
  error: string;
  errors?: ParseError[];
  headers?: Record<string, string>;
  body?: string | null;
  /** False when recording would let a flood write a row per request. */
  record?: boolean;
}

async function refuse(deps: CaptureDeps, endpoint: CaptureTarget, refusal: Refusal): Promise<Response> {
  if (refusal.record !== false) {
    const reason = refusal.errors?.length
      ? `${refusal.error} ${refusal.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`
      : refusal.error;
    await new CaptureEndpointRepository(deps.db)
      .recordRejection({ tenantId: endpoint.tenantId, captureEndpointId: endpoint.id, httpStatus: refusal.status, reason, body: refusal.body })
      // Losing a diagnostic row must not change the answer the sender gets.
      .catch((error: unknown) => logError(deps, "Recording a capture rejection failed", error));
  }
  return json(refusal.status, { error: refusal.error, ...(refusal.errors ? { errors: refusal.errors } : {}) }, refusal.headers);
}

function logError(deps: CaptureDeps, message: string, error: unknown) {
  (deps.logError ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
}

async function findEndpoint(deps: CaptureDeps, token: string): Promise<CaptureTarget | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return new CaptureEndpointRepository(deps.db).findActiveByToken(token);
}

/** `application/json`, optionally with `charset=utf-8`: what the marketplace sends. */
function jsonContentTypeProblem(header: string | null): string | null {
  if (!header) return "The request has no Content-Type; send the lead as JSON with Content-Type: application/json.";
  const [mediaType, ...params] = header.split(";").map((part) => part.trim().toLowerCase());
  if (mediaType !== "application/json") {
    return `Content-Type "${header}" is not accepted; send the lead as JSON with Content-Type: application/json.`;
  }
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/gu, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    return `Charset "${charset}" is not accepted; send the JSON as UTF-8.`;
  }
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** The lead capture itself. Every refusal is a 4xx with a message saying what to fix. */
export async function handleCapturePost(request: Request, token: string, deps: CaptureDeps): Promise<Response> {
  try {
    return await capture(request, token, deps);
  } catch (error) {
    logError(deps, "Lead capture failed unexpectedly", error);
    return json(500, { error: "Leadrelay could not store this lead because of an error on our side. Retry the request; it is safe to send it again." });
  }
}

/** The URL's endpoint, offer and tenant settings, with the request counted against the URL's limit: one round trip. */
async function findEndpointCountingHit(deps: CaptureDeps, token: string): Promise<CaptureTargetForLead | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return new CaptureEndpointRepository(deps.db).findActiveByTokenCountingHit(token, RATE_WINDOW_SECONDS);
}

async function capture(request: Request, token: string, deps: CaptureDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const endpoint = await findEndpointCountingHit(deps, token);
  if (!endpoint) return notFound();

  const limit = endpoint.rateLimitPerMinute ?? deps.rateLimitPerMinute ?? CAPTURE_RATE_LIMIT_PER_MINUTE;
  const { window } = endpoint;
  if (window.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((window.resetAt.getTime() - now.getTime()) / 1000));
    await request.body?.cancel().catch(() => {});
    return refuse(deps, endpoint, {
      status: 429,
      error: `Too many requests to this capture URL: at most ${limit} a minute. Retry in ${retryAfter} s.`,
      headers: { "Retry-After": String(retryAfter) },
      record: window.count === limit + 1,
    });
  }

  const contentTypeProblem = jsonContentTypeProblem(request.headers.get("content-type"));
  if (contentTypeProblem) {
    const head = await readLimitedBody(request, 2048);
    return refuse(deps, endpoint, { status: 415, error: contentTypeProblem, body: lenientUtf8.decode(head.ok ? head.bytes : head.head) });
  }

  const body = await readLimitedBody(request, CAPTURE_MAX_BODY_BYTES);
  if (!body.ok) {
    return refuse(deps, endpoint, {
      status: 413,
      error: `The body is larger than ${CAPTURE_MAX_BODY_BYTES / 1024} KiB; a marketplace lead is far smaller. Send one lead per request.`,
      body: lenientUtf8.decode(body.head),
    });
  }
  let rawBody: string;
  try {
    rawBody = utf8.decode(body.bytes);
  } catch {
    return refuse(deps, endpoint, { status: 400, error: "The body is not valid UTF-8 text.", body: lenientUtf8.decode(body.bytes) });
  }

  const idempotencyHeader = request.headers.get("idempotency-key")?.trim();
  if (idempotencyHeader !== undefined && (idempotencyHeader === "" || idempotencyHeader.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    return refuse(deps, endpoint, {
      status: 400,
      error: `The Idempotency-Key header must hold 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      body: rawBody,
    });
  }

  const parsed = parseHttpsPayloadText(rawBody, { receivedAt: now });
  if (!parsed.ok) {
    return refuse(deps, endpoint, { status: 400, error: "The body is not a lead this URL accepts.", errors: parsed.errors, body: rawBody });
  }

  // PostgreSQL text and jsonb cannot hold U+0000 (a 500 otherwise): it is dropped from what is stored.
  const lead = storableValue(parsed.lead);
  // The URL's own offer came with the endpoint; a tenant-wide URL's lead names its offer.
  const offer = endpoint.offer ?? (endpoint.offerId ? null : await resolveCaptureOffer(deps.db, endpoint.tenantId, lead));
  const result = await captureLead(deps.db, {
    tenantId: endpoint.tenantId,
    channel: "HTTPS",
    captureEndpointId: endpoint.id,
    tenantPolicy: { privacyDomains: endpoint.privacyDomains, suspended: endpoint.tenantStatus === "SUSPENDED" },
    captureEndpointSeen: { lastLeadAt: endpoint.lastLeadAt, verifiedAt: endpoint.verifiedAt },
    offer,
    lead,
    rawBody: rawBody.replaceAll("\u0000", "\uFFFD"),
    // The marketplace retries by sending the same body again, so without a header the body identifies the request.
    idempotencyKey: idempotencyHeader
      ? `https:${endpoint.id}:key:${sha256Hex(idempotencyHeader)}`
      : `https:${endpoint.id}:body:${sha256Hex(`${endpoint.id}\n${rawBody}`)}`,
    receivedAt: now,
  });

  const status: CaptureStatus = result.duplicateRequest ? "duplicate" : result.created ? "created" : "merged";
  return json(result.duplicateRequest ? 200 : 201, { id: result.leadId, status, ...warningsOf(parsed.warnings) });
}

/** Tolerated oddities (unknown codes, mismatches) go back to the sender; the lead is stored all the same. */
function warningsOf(warnings: ParseWarning[]) {
  return warnings.length > 0 ? { warnings: warnings.map(({ code, path, message }) => ({ code, path, message })) } : {};
}

/**
 * Any method but POST. A known token's refusal is recorded too: a publisher opening the
 * URL in a browser to "test" it is a common reason for seeing no leads.
 */
export async function handleCaptureOtherMethod(request: Request, token: string, deps: CaptureDeps): Promise<Response> {
  const headers = { Allow: ALLOW, "Cache-Control": "no-store" };
  const error = `${request.method} is not supported here. The marketplace POSTs each lead as JSON to this URL.`;
  try {
    const endpoint = await findEndpoint(deps, token);
    if (endpoint) {
      await new CaptureEndpointRepository(deps.db)
        .recordRejection({ tenantId: endpoint.tenantId, captureEndpointId: endpoint.id, httpStatus: 405, reason: error })
        .catch((e: unknown) => logError(deps, "Recording a capture rejection failed", e));
    }
  } catch (e) {
    logError(deps, "Looking up a capture URL failed", e);
  }
  if (request.method === "HEAD") return new Response(null, { status: 405, headers });
  return Response.json({ error }, { status: 405, headers });
}
