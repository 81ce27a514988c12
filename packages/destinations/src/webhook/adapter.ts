import { toHttpsPayload, type Lead } from "@leadrelay/leads";

import { outcomeForHttpStatus, sendHttp } from "../net/http";
import type { DeliveryContext, DeliveryOutcome, DestinationAdapter } from "../types";
import {
  webhookConfigSchema,
  webhookSecretsSchema,
  type WebhookConfig,
  type WebhookSecrets,
} from "./config";
import { signWebhook } from "./signing";

export const WEBHOOK_USER_AGENT =
  "Leadrelay-Webhooks/1.0 (+https://github.com/standard-webhooks/standard-webhooks)";

/**
 * Leadrelay's extras travel in headers so the body stays exactly the marketplace's HTTPS
 * format: a receiver built for Partner Center (a Power Automate flow, an Azure Function)
 * works unchanged. Header values are percent-encoded (offer titles may hold any character).
 */
function leadrelayHeaders(lead: Lead, ctx: DeliveryContext): Record<string, string> {
  return {
    "x-leadrelay-offer": encodeURIComponent(ctx.offerLabel),
    "x-leadrelay-attempt": String(ctx.attempt),
    ...(lead.isTest ? { "x-leadrelay-test-lead": "true" } : {}),
    ...(ctx.appUrl ? { "x-leadrelay-lead-url": encodeURI(ctx.appUrl) } : {}),
  };
}

async function deliver(
  lead: Lead,
  config: WebhookConfig,
  secrets: WebhookSecrets,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(toHttpsPayload(lead));
  const exchange = await sendHttp(
    {
      url: config.url,
      method: "POST",
      headers: {
        ...config.headers,
        ...secrets.headers,
        ...leadrelayHeaders(lead, ctx),
        "content-type": "application/json",
        "user-agent": WEBHOOK_USER_AGENT,
        // The same webhook-id on every retry and replay lets the receiver drop duplicates.
        ...signWebhook(secrets.signingSecret, ctx.idempotencyKey, ctx.now, body),
      },
      body,
    },
    ctx,
    { secrets: [secrets.signingSecret, ...Object.values(secrets.headers ?? {})] },
  );
  if (!exchange.ok) return exchange.outcome;
  const { response } = exchange;
  const base = { httpStatus: response.status, responseExcerpt: response.excerpt };
  if (response.status >= 200 && response.status < 300) return { kind: "delivered", ...base };
  if (response.status === 410) {
    return {
      kind: "permanent_failure",
      reason: "The receiver answered 410 Gone: it asked to stop receiving leads",
      ...base,
    };
  }
  return outcomeForHttpStatus(response, ctx, { service: "The receiver" });
}

export const webhookAdapter: DestinationAdapter<WebhookConfig, WebhookSecrets> = {
  kind: "WEBHOOK",
  label: "HTTPS endpoint (webhook)",
  description:
    "POSTs each lead as the marketplace's HTTPS-endpoint JSON to your URL, signed with Standard Webhooks headers, and retries for about a day until your endpoint answers 2xx.",
  configSchema: webhookConfigSchema,
  secretsSchema: webhookSecretsSchema,
  secretFields: ["signingSecret", "headers"],
  setupGuide: {
    steps: [
      'Enter the https URL that should receive leads, e.g. a Power Automate "When an HTTP request is received" trigger or an Azure Function (include its code= key).',
      'The body is the marketplace\'s own JSON ({ "UserDetails": {…}, "LeadSource", "ActionCode", "OfferTitle", "Description" }), so a flow built for Partner Center works unchanged.',
      "Optionally verify the webhook-id, webhook-timestamp and webhook-signature headers with the signing secret (any Standard Webhooks or Svix library), and drop repeated webhook-ids: retries and replays reuse them.",
      "Answer 2xx quickly once the lead is stored. Other answers are retried for about a day; 410 Gone stops deliveries.",
      "Save, then send a test lead and check that your endpoint received it.",
    ],
    warnings: [
      "Redirects are not followed: enter the final URL.",
      "x-leadrelay-offer (percent-encoded), x-leadrelay-attempt, x-leadrelay-lead-url and x-leadrelay-test-lead carry Leadrelay's extras; the body has none.",
      "Put secret header values (e.g. Authorization) in the secret headers: they are stored encrypted.",
    ],
  },
  deliver,
};
