import { CaptureEndpointRepository, captureUrl, DestinationRepository, LeadRepository, OfferRepository } from "@leadrelay/db";
import { destinationRequirement } from "@leadrelay/leads";
import type { TenantContext } from "../../trpc";
import { requireOffer } from "../offers/_shared";
import type { LeadDiagnosticsInput } from "./diagnostics.schema";

const RECENT_REJECTIONS = 20;

/**
 * "Why am I not seeing leads?" for one offer (or for leads tied to no offer): is a capture
 * URL configured and proven by Microsoft's test lead, when did the last real and test
 * leads arrive, which requests were refused and why, and where leads go from here. The
 * tenant-wide URL counts for every offer, since publishers may paste it into any of them.
 */
export async function leadDiagnosticsHandler({ ctx, input }: { ctx: TenantContext; input: LeadDiagnosticsInput }) {
  const tenantId = ctx.tenant.id;
  const offer = input.offerId ? await requireOffer(ctx.db, tenantId, input.offerId) : null;
  const endpoints = new CaptureEndpointRepository(ctx.db);
  const leads = new LeadRepository(ctx.db);

  const ownEndpoint = offer ? await endpoints.findActiveForScope(tenantId, offer.id) : null;
  const tenantEndpoint = await endpoints.findActiveForScope(tenantId, null);
  const endpointIds = [...(offer ? await endpoints.idsForScope(tenantId, offer.id) : []), ...(await endpoints.idsForScope(tenantId, null))];
  const rejections = endpointIds.length ? await endpoints.recentRejections(tenantId, { captureEndpointIds: endpointIds, take: RECENT_REJECTIONS }) : [];
  const facts = offer ? (await new OfferRepository(ctx.db).readinessFacts(tenantId, [offer.id])).get(offer.id) : undefined;
  const lastRealLeadAt = await leads.lastReceivedAt(tenantId, offer?.id ?? null, false);
  const lastTestLeadAt = await leads.lastReceivedAt(tenantId, offer?.id ?? null, true);

  const destinations = await new DestinationRepository(ctx.db).list(tenantId);
  const own = destinations.filter((d) => offer && d.offerId === offer.id);
  // Delivery uses the offer's own destinations, else the tenant-wide ones.
  const applicable = own.length > 0 ? own : destinations.filter((d) => d.offerId === null);
  const activeDestinations = applicable.filter((d) => d.state === "ACTIVE").length;

  const view = (endpoint: typeof ownEndpoint) =>
    endpoint && {
      id: endpoint.id,
      url: endpoint.token ? captureUrl(ctx.baseUrl, endpoint.token) : null,
      verifiedAt: endpoint.verifiedAt,
      lastLeadAt: endpoint.lastLeadAt,
    };
  const captureVerifiedAt = latest(ownEndpoint?.verifiedAt, facts?.captureVerifiedAt, offer ? null : tenantEndpoint?.verifiedAt);
  const requirement = offer ? destinationRequirement(offer) : null;

  const hints: string[] = [];
  if (!ownEndpoint && !tenantEndpoint) hints.push("No capture URL yet: create one and paste it into Partner Center as the offer's HTTPS endpoint.");
  else if (!captureVerifiedAt) hints.push("No Microsoft test lead has come through a capture URL yet: save the lead destination in Partner Center (or publish the offer) to send one.");
  if (rejections.length > 0) hints.push(`${rejections.length === RECENT_REJECTIONS ? "At least " : ""}${rejections.length} recent request(s) were refused; the reasons are listed below.`);
  if (!lastRealLeadAt) hints.push("No real lead yet. Leads arrive when customers press Contact me, Get it now or start a trial on the live offer.");
  if (requirement && activeDestinations === 0 && !captureVerifiedAt) hints.push(requirement);
  if (applicable.some((d) => d.state === "FAILING" || d.state === "PAUSED")) hints.push("A destination is failing or paused: leads are kept and will be delivered once it works again.");

  return {
    offer: offer && { id: offer.id, ref: `${offer.publisherId}.${offer.offerId}`, title: offer.title, type: offer.type },
    capture: {
      configured: !!(ownEndpoint ?? tenantEndpoint),
      offerEndpoint: view(ownEndpoint),
      tenantEndpoint: view(tenantEndpoint),
      verified: captureVerifiedAt !== null,
      verifiedAt: captureVerifiedAt,
    },
    lastRealLeadAt,
    lastTestLeadAt,
    recentRejections: rejections,
    destinations: { applicable: applicable.length, active: activeDestinations, required: requirement !== null },
    hints,
  };
}

function latest(...dates: (Date | null | undefined)[]): Date | null {
  return dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
}
