import { randomUUID } from "node:crypto";
import { AuditRepository, DestinationRepository } from "@leadrelay/db";
import { findTestLeadToken, makeTestLead, type Lead } from "@leadrelay/leads";
import { callDestination, deliverySettings, nextHealthAfterProbe } from "@leadrelay/worker";
import { requireDestination, type TenantCtx } from "./_shared";
import type { SendTestLeadInput } from "./sendTestLead.schema";

/** The offer a tenant-wide default's test lead names: it is not tied to one offer. */
const DEFAULT_DESTINATION_TEST_OFFER: Pick<Lead, "offer" | "offerTitle"> = {
  offer: { publisherId: "leadrelay", offerId: "connection-test" },
  offerTitle: "Leadrelay connection test",
};

/**
 * Sends a marketplace-style `MSFT_TEST_<ticks>` lead through the real adapter right away
 * (not through the queue) and returns what the receiver answered. A success counts as the
 * destination's last success (and marks it verified); a failure is shown as its last
 * failure but does not count toward pausing it. No delivery row is written (the test lead
 * is not a captured lead); the outcome is kept on the destination (`lastTestAt`,
 * `lastTestResult`: status, latency, the adapter's redacted excerpt, never the request or
 * its headers) and in the audit log.
 */
export async function sendTestLeadHandler({ ctx, input }: { ctx: TenantCtx; input: SendTestLeadInput }) {
  const destination = await requireDestination(ctx.db, ctx.tenant.id, input.id);
  const offer = destination.offer
    ? { offer: { publisherId: destination.offer.publisherId, offerId: destination.offer.offerId }, offerTitle: destination.offer.title }
    : DEFAULT_DESTINATION_TEST_OFFER;
  const now = new Date();
  const lead = makeTestLead(offer, now);
  const { outcome, durationMs } = await callDestination(destination, lead, {
    idempotencyKey: `test_${randomUUID()}`,
    attempt: 1,
    now,
    settings: deliverySettings(),
  });
  const ok = outcome.kind === "delivered" || outcome.kind === "accepted";
  const message = outcome.kind === "delivered" ? null : outcome.kind === "accepted" ? outcome.note : outcome.reason;
  const result = {
    ok,
    outcome: outcome.kind,
    message,
    httpStatus: outcome.httpStatus ?? null,
    responseExcerpt: outcome.responseExcerpt ?? null,
    durationMs: Math.round(durationMs),
    externalId: outcome.kind === "delivered" ? (outcome.externalId ?? null) : null,
    testLeadToken: findTestLeadToken(lead) ?? null,
  };

  await ctx.db.$transaction(async (tx) => {
    const destinations = new DestinationRepository(tx);
    const health = await destinations.lockHealth(destination.id);
    if (!health) return; // deleted meanwhile
    const finishedAt = new Date();
    await destinations.saveHealth(destination.id, nextHealthAfterProbe(health, outcome, finishedAt).patch);
    await destinations.saveTestResult(destination.id, finishedAt, {
      ok: result.ok,
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      durationMs: result.durationMs,
      responseExcerpt: result.responseExcerpt,
      message: result.message,
    });
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "destination.test_sent",
      targetType: "destination",
      targetId: destination.id,
      data: { outcome: result.outcome, httpStatus: result.httpStatus, durationMs: result.durationMs, testLeadToken: result.testLeadToken },
    });
  });
  return result;
}
