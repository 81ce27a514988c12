import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testDeliveryContext } from "../testing/context";
import { FakeHttpServer } from "../testing/fake-http-server";
import { outcomeForHttpStatus, parseRetryAfter, redact, sendHttp, type HttpResponse } from "./http";

const now = new Date("2026-03-02T10:00:00Z");

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Mon, 02 Mar 2026 10:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter("Mon, 02 Mar 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("redact", () => {
  it("replaces secrets and their URL-encoded forms, but not short values", () => {
    expect(redact("secret=abc+def/ghi and abc%2Bdef%2Fghi", ["abc+def/ghi"])).toBe(
      "secret=[redacted] and [redacted]",
    );
    expect(redact("id 1234", ["1234", undefined])).toBe("id 1234");
  });
});

describe("outcomeForHttpStatus", () => {
  const response = (status: number, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: new Headers(headers),
    text: "body",
    excerpt: "body",
  });
  const ctx = testDeliveryContext({ now });

  it.each([
    [301, "permanent_failure"],
    [400, "permanent_failure"],
    [401, "auth_invalid"],
    [403, "auth_invalid"],
    [404, "permanent_failure"],
    [408, "retryable"],
    [410, "permanent_failure"],
    [422, "permanent_failure"],
    [425, "retryable"],
    [429, "retryable"],
    [500, "retryable"],
    [503, "retryable"],
  ])("classifies %i as %s", (status, kind) => {
    expect(outcomeForHttpStatus(response(status), ctx, { service: "X" })).toMatchObject({
      kind,
      httpStatus: status,
      responseExcerpt: "body",
    });
  });

  it("carries Retry-After and the receiver's detail", () => {
    expect(
      outcomeForHttpStatus(response(429, { "retry-after": "30" }), ctx, {
        service: "X",
        detail: "slow down",
      }),
    ).toEqual({
      kind: "retryable",
      reason: "X is rate limiting (429): slow down",
      retryAfterSeconds: 30,
      httpStatus: 429,
      responseExcerpt: "body",
    });
  });
});

describe("sendHttp", () => {
  let fake: FakeHttpServer;
  beforeAll(async () => {
    fake = await FakeHttpServer.start([
      {
        name: "big",
        method: "GET",
        path: /^\/big$/u,
        handle: () => ({ status: 200, body: "x".repeat(200_000) }),
      },
      {
        name: "echo",
        method: "POST",
        path: /^\/echo$/u,
        handle: (request) => ({ status: 200, body: `got ${request.body}` }),
      },
    ]);
  });
  afterAll(async () => {
    await fake.stop();
  });

  it("keeps a 500-character excerpt of a bounded body", async () => {
    const exchange = await sendHttp(
      { url: `${fake.url}/big`, method: "GET" },
      testDeliveryContext(),
    );
    expect(exchange.ok && exchange.response.excerpt.length).toBe(500);
    expect(exchange.ok && exchange.response.text.length).toBeLessThanOrEqual(200_000);
  });

  it("redacts secrets the receiver echoes", async () => {
    const exchange = await sendHttp(
      { url: `${fake.url}/echo`, method: "POST", body: "token-1234567890" },
      testDeliveryContext(),
      {
        secrets: ["token-1234567890"],
      },
    );
    expect(exchange.ok && exchange.response.excerpt).toBe("got [redacted]");
  });

  it("uses the injected fetch", async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response("hi", { status: 201 });
    };
    const exchange = await sendHttp(
      { url: "https://93.184.216.34/x", method: "POST" },
      testDeliveryContext({ fetch: fakeFetch, allowPrivateNetwork: false }),
    );
    expect(calls).toEqual(["https://93.184.216.34/x"]);
    expect(exchange.ok && exchange.response.status).toBe(201);
  });
});
