import { toHttpsPayload } from "@leadrelay/leads";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { testDeliveryContext } from "../testing/context";
import { sampleLead } from "../testing/sample-leads";
import { webhookAdapter } from "./adapter";
import { webhookConfigSchema, webhookSecretsSchema, type WebhookConfig } from "./config";
import { startWebhookSink, type WebhookSink } from "./fake";
import { generateWebhookSecret, signWebhook } from "./signing";

const secret = generateWebhookSecret();
let sink: WebhookSink;
let config: WebhookConfig;

beforeEach(async () => {
  sink = await startWebhookSink(secret);
  config = webhookConfigSchema.parse({ url: sink.endpoint, headers: { "X-Team": "emea" } });
});

afterEach(async () => {
  await sink.stop();
});

describe("webhook adapter", () => {
  it("POSTs the marketplace's JSON, signed with Standard Webhooks headers", async () => {
    const lead = sampleLead();
    const ctx = testDeliveryContext({ offerLabel: "Woodgrove Secure VM — Pro" });
    const outcome = await webhookAdapter.deliver(lead, config, { signingSecret: secret }, ctx);
    expect(outcome).toEqual({ kind: "delivered", httpStatus: 200, responseExcerpt: '{"ok":true}' });

    const [received] = sink.received;
    expect(received?.verified).toBe(true);
    expect(received?.url).toBe("/hooks/leads");
    expect(JSON.parse(received?.body ?? "")).toEqual(toHttpsPayload(lead));
    expect(Object.keys(JSON.parse(received?.body ?? ""))).toEqual([
      "UserDetails",
      "LeadSource",
      "ActionCode",
      "OfferTitle",
      "Description",
    ]);
    expect(received?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": ctx.idempotencyKey,
      "webhook-timestamp": String(Math.floor(ctx.now.getTime() / 1000)),
      "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/u),
      "x-leadrelay-offer": "Woodgrove%20Secure%20VM%20%E2%80%94%20Pro",
      "x-leadrelay-attempt": "1",
      "x-leadrelay-lead-url": "https://app.leadrelay.example/leads/lead_123",
      "x-team": "emea",
    });
    expect(received?.headers["x-leadrelay-test-lead"]).toBeUndefined();
  });

  it("keeps the webhook-id on a retry, so the receiver can drop the duplicate", async () => {
    const ctx = testDeliveryContext();
    await webhookAdapter.deliver(sampleLead(), config, { signingSecret: secret }, ctx);
    await webhookAdapter.deliver(
      sampleLead(),
      config,
      { signingSecret: secret },
      { ...ctx, attempt: 2 },
    );
    expect(sink.received.map((entry) => entry.headers["webhook-id"])).toEqual([
      ctx.idempotencyKey,
      ctx.idempotencyKey,
    ]);
    expect(sink.received[1]?.headers["x-leadrelay-attempt"]).toBe("2");
  });

  it("sends secret headers and never echoes them in the excerpt", async () => {
    sink.override(
      "webhook",
      { kind: "respond", response: { status: 400, body: "bad token Bearer s3cr3t-token-value" } },
      1,
    );
    const outcome = await webhookAdapter.deliver(
      sampleLead(),
      config,
      { signingSecret: secret, headers: { Authorization: "Bearer s3cr3t-token-value" } },
      testDeliveryContext(),
    );
    expect(sink.requests[0]?.headers.authorization).toBe("Bearer s3cr3t-token-value");
    expect(outcome).toMatchObject({
      kind: "permanent_failure",
      httpStatus: 400,
      responseExcerpt: "bad token [redacted]",
    });
  });

  it("marks the test lead", async () => {
    await webhookAdapter.deliver(
      sampleLead({ isTest: true }),
      config,
      { signingSecret: secret },
      testDeliveryContext(),
    );
    expect(sink.received[0]?.headers["x-leadrelay-test-lead"]).toBe("true");
  });

  it("reports a signature the receiver rejects as invalid credentials", async () => {
    const outcome = await webhookAdapter.deliver(
      sampleLead(),
      config,
      { signingSecret: generateWebhookSecret() },
      testDeliveryContext(),
    );
    expect(sink.received[0]?.verified).toBe(false);
    expect(outcome).toMatchObject({ kind: "auth_invalid", httpStatus: 401 });
  });

  it("stops on 410 Gone: the receiver asked to stop", async () => {
    sink.override("webhook", { kind: "respond", response: { status: 410 } });
    const outcome = await webhookAdapter.deliver(
      sampleLead(),
      config,
      { signingSecret: secret },
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "permanent_failure", httpStatus: 410 });
    expect(outcome.kind === "permanent_failure" && outcome.reason).toContain("asked to stop");
  });

  it("retries 429 and 5xx with Retry-After, and fails on other 4xx", async () => {
    const cases = [
      [
        { status: 429, headers: { "retry-after": "90" } },
        { kind: "retryable", httpStatus: 429, retryAfterSeconds: 90 },
      ],
      [{ status: 500 }, { kind: "retryable", httpStatus: 500 }],
      [
        { status: 404, body: "no such flow" },
        { kind: "permanent_failure", httpStatus: 404, responseExcerpt: "no such flow" },
      ],
    ] as const;
    for (const [response, expected] of cases) {
      sink.override("webhook", { kind: "respond", response }, 1);
      expect(
        await webhookAdapter.deliver(
          sampleLead(),
          config,
          { signingSecret: secret },
          testDeliveryContext(),
        ),
      ).toMatchObject(expected);
    }
  });

  it("never follows a redirect", async () => {
    const target = await startWebhookSink(secret);
    try {
      sink.override("webhook", { kind: "redirect", status: 307, location: target.endpoint });
      const outcome = await webhookAdapter.deliver(
        sampleLead(),
        config,
        { signingSecret: secret },
        testDeliveryContext(),
      );
      expect(outcome).toMatchObject({ kind: "permanent_failure", httpStatus: 307 });
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.stop();
    }
  });

  it("times out a slow receiver as retryable", async () => {
    sink.override("webhook", { kind: "slow", delayMs: 2_000 });
    expect(
      await webhookAdapter.deliver(
        sampleLead(),
        config,
        { signingSecret: secret },
        testDeliveryContext({ timeoutMs: 100 }),
      ),
    ).toMatchObject({
      kind: "retryable",
      timedOut: true,
      reason: expect.stringContaining("did not answer within 100 ms"),
    });
  });

  it("retries when nothing listens", async () => {
    const closed = await startWebhookSink(secret);
    await closed.stop();
    const outcome = await webhookAdapter.deliver(
      sampleLead(),
      { url: closed.endpoint },
      { signingSecret: secret },
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("refuses loopback and plain http unless private networks are allowed", async () => {
    const outcome = await webhookAdapter.deliver(
      sampleLead(),
      config,
      { signingSecret: secret },
      testDeliveryContext({ allowPrivateNetwork: false }),
    );
    expect(outcome.kind).toBe("permanent_failure");
    const https = await webhookAdapter.deliver(
      sampleLead(),
      { url: sink.endpoint.replace("http:", "https:") },
      { signingSecret: secret },
      testDeliveryContext({ allowPrivateNetwork: false }),
    );
    expect(https.kind === "permanent_failure" && https.reason).toBe(
      "Refused to connect: 127.0.0.1 is a loopback address: destinations must be on the public internet",
    );
    expect(sink.requests).toHaveLength(0);
  });
});

describe("webhook signing", () => {
  it("round-trips with the standardwebhooks verifier and detects tampering", () => {
    const body = JSON.stringify(toHttpsPayload(sampleLead()));
    const headers = signWebhook(secret, "msg_1", new Date(), body);
    const verifier = new Webhook(secret);
    expect(verifier.verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => verifier.verify(body.replace("Aisha", "Eve"), { ...headers })).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it("generates secrets in the whsec_ format", () => {
    const generated = generateWebhookSecret();
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/u);
    expect(generateWebhookSecret()).not.toBe(generated);
  });
});

describe("webhook settings", () => {
  it("generates a signing secret when none or an empty one is given", () => {
    expect(webhookSecretsSchema.parse({}).signingSecret).toMatch(/^whsec_/u);
    expect(webhookSecretsSchema.parse({ signingSecret: "" }).signingSecret).toMatch(/^whsec_/u);
    expect(webhookSecretsSchema.parse({ signingSecret: secret }).signingSecret).toBe(secret);
    expect(
      webhookSecretsSchema.safeParse({ signingSecret: "whsec_short" }).error?.issues[0]?.message,
    ).toContain("at least 24 bytes");
  });

  it("refuses headers Leadrelay sets or that break HTTP", () => {
    const result = webhookConfigSchema.safeParse({
      url: "https://example.com/hook",
      headers: {
        Host: "evil",
        "Content-Length": "1",
        "webhook-signature": "v1,x",
        "X-Ok": "line\r\nbreak",
        "bad name": "x",
      },
    });
    expect(
      result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    ).toEqual([
      "headers.Host: Host is set by Leadrelay and cannot be changed",
      "headers.Content-Length: Content-Length is set by Leadrelay and cannot be changed",
      "headers.webhook-signature: webhook-signature is set by Leadrelay and cannot be changed",
      "headers.X-Ok: The value of X-Ok may hold only printable ASCII characters (no line breaks)",
      'headers.bad name: "bad name" is not a valid header name',
    ]);
  });

  it("keeps credentials out of the plain headers", () => {
    expect(
      webhookConfigSchema.safeParse({
        url: "https://example.com/hook",
        headers: { Authorization: "Bearer x" },
      }).error?.issues[0]?.message,
    ).toBe(
      "Authorization carries credentials: add it under secret headers, which are stored encrypted",
    );
    expect(webhookSecretsSchema.parse({ headers: { Authorization: "Bearer x" } }).headers).toEqual({
      Authorization: "Bearer x",
    });
  });

  it("explains an invalid URL", () => {
    expect(
      webhookConfigSchema.safeParse({ url: "ftp://example.com" }).error?.issues[0]?.message,
    ).toBe("Enter a full URL starting with https://");
    expect(
      webhookConfigSchema.safeParse({ url: "https://user:pw@example.com/" }).error?.issues[0]
        ?.message,
    ).toContain("credentials");
  });
});
