import { randomBytes } from "node:crypto";

import { Webhook } from "standardwebhooks";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64 (Svix uses 24–64). */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export interface WebhookSignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Signs `id.timestamp.body` with HMAC-SHA256 (`v1,<base64>`), as Standard Webhooks specify;
 * receivers verify it with any Standard Webhooks or Svix library.
 */
export function signWebhook(
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): WebhookSignatureHeaders {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, timestamp, body),
  };
}
