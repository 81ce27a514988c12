import { Webhook } from "standardwebhooks";

import { FakeHttpServer, type RecordedRequest } from "../testing/fake-http-server";

/** One delivery as the receiver saw it, with the outcome of verifying its signature on arrival. */
export interface ReceivedWebhook extends RecordedRequest {
  verified: boolean;
  verificationError?: string;
}

export interface WebhookSink extends FakeHttpServer {
  /** The URL to configure as the destination. */
  readonly endpoint: string;
  readonly secret: string;
  readonly received: ReceivedWebhook[];
}

/**
 * A webhook receiver as a publisher would write one: it verifies every delivery with the
 * `standardwebhooks` package (signature and timestamp tolerance) and answers 200 only when
 * the signature is good, 401 otherwise. `override("webhook", …)` makes it misbehave.
 */
export async function startWebhookSink(
  secret: string,
  path = "/hooks/leads",
): Promise<WebhookSink> {
  const received: ReceivedWebhook[] = [];
  const verifiedRequests = new WeakSet<RecordedRequest>();
  const verifier = new Webhook(secret);
  const verify = (request: RecordedRequest): ReceivedWebhook => {
    try {
      verifier.verify(request.body, {
        "webhook-id": String(request.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(request.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(request.headers["webhook-signature"] ?? ""),
      });
      return { ...request, verified: true };
    } catch (error) {
      return {
        ...request,
        verified: false,
        verificationError: error instanceof Error ? error.message : String(error),
      };
    }
  };

  const pathPattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}$`, "u");
  const server = await FakeHttpServer.start([
    {
      name: "webhook",
      method: "POST",
      path: pathPattern,
      inspect: (request) => {
        const entry = verify(request);
        if (entry.verified) verifiedRequests.add(request);
        received.push(entry);
      },
      handle: (request) =>
        verifiedRequests.has(request)
          ? { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' }
          : { status: 401, body: "bad signature" },
    },
  ]);
  return Object.assign(server, { endpoint: `${server.url}${path}`, secret, received });
}
