/**
 * Example: an integration that owns an offer, points a webhook at its CRM bridge,
 * captures a lead and reads the inbox — with nothing but a token and the base URL.
 *
 *   LEADRELAY_URL=http://localhost:3000 LEADRELAY_TOKEN=lr_… pnpm --filter @leadrelay/example-api-client start
 *
 * The token needs offers:read, offers:write, destinations:read, destinations:manage,
 * leads:read and leads:write. Prints one JSON summary on stdout.
 */
import { randomUUID } from "node:crypto";
import { createLeadrelayClient } from "./client";

const baseUrl = process.env.LEADRELAY_URL ?? "http://localhost:3000";
const token = process.env.LEADRELAY_TOKEN;
if (!token) {
  console.error("Set LEADRELAY_TOKEN to an API token (Settings → API tokens, or `pnpm leadrelay token create`).");
  process.exit(2);
}
// Optional: a receiver for the offer's leads, and the whsec_… secret it verifies signatures with.
const webhookUrl = process.env.LEADRELAY_EXAMPLE_WEBHOOK_URL;
const webhookSecret = process.env.LEADRELAY_EXAMPLE_WEBHOOK_SECRET;

const api = createLeadrelayClient(baseUrl, token);

const existing = await api.offers.list.query();
const offer =
  existing.find((o) => o.publisherId === "contoso" && o.offerId === "lead-bridge") ??
  (await api.offers.create.mutate({ publisherId: "contoso", offerId: "lead-bridge", title: "Contoso Lead Bridge", type: "SAAS", listedAsContactMe: true }));

let destinationId: string | null = null;
if (webhookUrl) {
  const { destination } = await api.destinations.create.mutate({
    kind: "WEBHOOK",
    name: "CRM bridge",
    offerId: offer.id,
    config: { url: webhookUrl },
    // Without a secret Leadrelay generates one and returns it once (generatedSecrets).
    secrets: webhookSecret ? { signingSecret: webhookSecret } : {},
  });
  destinationId = destination.id;
}

const captured = await api.leads.capture.mutate({
  idempotencyKey: `example-${randomUUID()}`,
  lead: {
    customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.example", company: "Analytical Engines", country: "GB" },
    source: "AzureMarketplace",
    action: "INS",
    offer: { publisherId: offer.publisherId, offerId: offer.offerId },
    offerTitle: offer.title,
  },
});

// Newest first; `owner` ("me", "unassigned" or a member's user id) and `stageId` narrow it further.
const page = await api.leads.list.query({ offerId: offer.id, order: "desc", limit: 10 });
const destinations = await api.destinations.list.query({ offerId: offer.id });

console.log(
  JSON.stringify({
    offer: { id: offer.id, ref: `${offer.publisherId}.${offer.offerId}`, ready: offer.ready },
    captured,
    leads: page.items.map((lead) => ({
      id: lead.id,
      email: lead.email,
      action: lead.action,
      funnelStage: lead.funnelStage,
      owner: lead.owner?.email ?? null,
      pipelineStage: lead.stage?.name ?? null,
    })),
    destinationId,
    destinations: destinations.map((d) => ({ id: d.id, kind: d.kind, state: d.state })),
  }),
);
