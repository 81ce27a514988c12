import { randomUUID } from "node:crypto";
import { sha256Hex } from "@leadrelay/crypto";
import { captureLead, type CaptureOffer } from "@leadrelay/db";
import { leadSchema } from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { requireOffer } from "../offers/_shared";
import { captureStatus } from "./_shared";
import type { CreateLeadInput } from "./create.schema";

/** Manual entry: the same pipeline as every other channel, so a person typed in twice is one lead. */
export async function createLeadHandler({ ctx, input }: { ctx: TenantContext; input: CreateLeadInput }) {
  const offerRow = input.offerId ? await requireOffer(ctx.db, ctx.tenant.id, input.offerId) : null;
  const offer: CaptureOffer | null = offerRow && { id: offerRow.id, publisherId: offerRow.publisherId, offerId: offerRow.offerId, title: offerRow.title };
  const now = new Date();
  const parsed = leadSchema.safeParse({
    customer: {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      country: input.country,
      company: input.company,
      title: input.title,
    },
    source: input.source,
    action: input.action,
    offerTitle: offer?.title,
    description: input.description,
    receivedAt: now,
  });
  // The form's own rules are stricter than the canonical schema, so this is a safety net.
  if (!parsed.success) throw appError("BAD_REQUEST", "invalidLead", `The lead is not valid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);

  const result = await captureLead(ctx.db, {
    tenantId: ctx.tenant.id,
    channel: "MANUAL",
    offer,
    lead: parsed.data,
    idempotencyKey: `manual:${input.idempotencyKey ? sha256Hex(`${ctx.user.id}\n${input.idempotencyKey}`) : randomUUID()}`,
    receivedAt: now,
  });
  return { id: result.leadId, status: captureStatus(result) };
}
