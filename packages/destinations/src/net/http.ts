import { fetch as undiciFetch } from "undici";

import type { DeliveryContext, DeliveryOutcome } from "../types";
import { guardedDispatcher } from "./guard";
import { assertPublicUrl, UnsafeDestinationUrlError } from "./ssrf";

/** Characters of a response body kept with an attempt (the delivery log shows them). */
export const RESPONSE_EXCERPT_LENGTH = 500;
/** Bytes of a response body read at most: enough for any error document, bounded for hostile receivers. */
const MAX_BODY_BYTES = 64 * 1024;

export interface HttpRequest {
  url: string | URL;
  method: "GET" | "POST" | "PATCH" | "PUT";
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body (first 64 KiB), secrets replaced. */
  text: string;
  /** The first 500 characters of `text`. */
  excerpt: string;
}

export type HttpExchange =
  { ok: true; response: HttpResponse } | { ok: false; outcome: DeliveryOutcome };

export interface SendOptions {
  /** Values that must never appear in a stored excerpt (client secrets, tokens). */
  secrets?: readonly (string | undefined)[];
}

/**
 * One outbound request under the delivery rules: the URL passes the SSRF guard, and again
 * when the socket is opened (net/guard.ts: the address connected to is the one vetted, so
 * DNS rebinding cannot slip through), redirects are never followed (a 3xx is returned as
 * is), the whole exchange is bounded by
 * `ctx.timeoutMs`, and a network failure or timeout becomes a retryable outcome.
 */
export async function sendHttp(
  request: HttpRequest,
  ctx: DeliveryContext,
  options: SendOptions = {},
): Promise<HttpExchange> {
  let url: URL;
  try {
    url = await assertPublicUrl(request.url, {
      allowPrivateNetwork: ctx.allowPrivateNetwork,
      ...(ctx.lookup ? { lookup: ctx.lookup } : {}),
    });
  } catch (error) {
    if (error instanceof UnsafeDestinationUrlError) return refused(error);
    throw error;
  }

  const init = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: "manual" as const,
    signal: ctx.signal ? AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]) : AbortSignal.timeout(ctx.timeoutMs),
  };
  try {
    const response = ctx.fetch
      ? await ctx.fetch(url, init)
      : await undiciFetch(url, {
          ...init,
          dispatcher: guardedDispatcher({
            allowPrivateNetwork: ctx.allowPrivateNetwork,
            ...(ctx.lookup ? { lookup: ctx.lookup } : {}),
          }),
        });
    const text = redact(
      await readBoundedText(response.body as ReadableStream<Uint8Array> | null),
      options.secrets ?? [],
    );
    return {
      ok: true,
      response: {
        status: response.status,
        // undici's Headers is the class behind the global one.
        headers: response.headers as Headers,
        text,
        excerpt: text.slice(0, RESPONSE_EXCERPT_LENGTH),
      },
    };
  } catch (error) {
    // The connection guard refused the address the host resolved to when connecting.
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof UnsafeDestinationUrlError) return refused(cause);
    return { ok: false, outcome: networkFailureOutcome(error, url, ctx) };
  }
}

function refused(error: UnsafeDestinationUrlError): HttpExchange {
  return {
    ok: false,
    outcome: { kind: "permanent_failure", reason: `Refused to connect: ${error.message}` },
  };
}

function networkFailureOutcome(error: unknown, url: URL, ctx: DeliveryContext): DeliveryOutcome {
  if (isTimeout(error)) {
    return {
      kind: "retryable",
      reason: `${url.host} did not answer within ${formatMs(ctx.timeoutMs)}`,
      timedOut: true,
    };
  }
  return {
    kind: "retryable",
    reason: `Could not reach ${url.host}: ${describeNetworkError(error)}`,
  };
}

export function isTimeout(error: unknown): boolean {
  // AbortSignal.timeout rejects with a DOMException named TimeoutError, also while the body is read.
  return error instanceof Error && error.name === "TimeoutError";
}

/** undici reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND…) as its cause. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return error.message;
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

async function readBoundedText(
  // The global fetch's and undici's bodies are the same stream class; their types differ by lib.
  body: ReadableStream<Uint8Array> | null,
): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (bytes >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets are long.
    if (secret === undefined || secret.length < 8) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      result = result.replaceAll(form, "[redacted]");
  }
  return result;
}

/**
 * `Retry-After` in seconds: either delta-seconds or an HTTP date (relative to `now`).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/u.test(text)) return Number(text);
  // An HTTP date names its weekday and month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse takes far more.
  if (!/^[A-Za-z]{3}, /u.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

export interface FailureDescription {
  /** Who answered, for messages: "Dataverse", "The webhook receiver". */
  service: string;
  /** The receiver's own error message, when its body has one. */
  detail?: string;
}

/**
 * The outcome for a non-2xx answer under the common rules: 3xx (never followed) and 4xx are
 * permanent, 401/403 mean the credentials are wrong, 408/425/429/5xx are retried with the
 * receiver's Retry-After.
 */
export function outcomeForHttpStatus(
  response: HttpResponse,
  ctx: DeliveryContext,
  { service, detail }: FailureDescription,
): DeliveryOutcome {
  const { status, excerpt } = response;
  const suffix = detail ? `: ${detail}` : "";
  const base = { httpStatus: status, responseExcerpt: excerpt };
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location");
    return {
      kind: "permanent_failure",
      reason: `${service} answered ${status} redirecting${location ? ` to ${location}` : ""}; redirects are not followed, so use the final URL`,
      ...base,
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: "auth_invalid",
      reason: `${service} refused the credentials (${status})${suffix}`,
      ...base,
    };
  }
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), ctx.now);
    const what =
      status === 429
        ? "is rate limiting"
        : status >= 500
          ? "had a server error"
          : "timed out the request";
    return {
      kind: "retryable",
      reason: `${service} ${what} (${status})${suffix}`,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...base,
    };
  }
  return {
    kind: "permanent_failure",
    reason: `${service} rejected the lead (${status})${suffix}`,
    ...base,
  };
}

/** Parses JSON without throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
