import { sha256Hex } from "@leadrelay/crypto";
import { captureLead, resolveCaptureOffer } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { captureStatus } from "./_shared";
import type { CaptureLeadProcedureInput } from "./capture.schema";

/**
 * The API channel: a lead in canonical form, through the same pipeline as the capture URL
 * (privacy, de-duplication, touchpoint, deliveries). The offer is the tenant's offer the
 * lead names, by id or by a title only one offer has.
 */
export async function captureLeadHandler({ ctx, input }: { ctx: TenantContext; input: CaptureLeadProcedureInput }) {
  const offer = await resolveCaptureOffer(ctx.db, ctx.tenant.id, input.lead);
  const result = await captureLead(ctx.db, {
    tenantId: ctx.tenant.id,
    channel: "API",
    offer,
    lead: input.lead,
    idempotencyKey: `api:${sha256Hex(input.idempotencyKey)}`,
    receivedAt: new Date(),
  });
  return { id: result.leadId, status: captureStatus(result) };
}
