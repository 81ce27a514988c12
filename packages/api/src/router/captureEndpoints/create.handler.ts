import { AuditRepository, ensureCaptureEndpoint } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { requireOffer } from "../offers/_shared";
import { toCaptureEndpointView } from "./_shared";
import type { CreateCaptureEndpointInput } from "./create.schema";

/**
 * The capture URL of a scope (tenant-wide or one offer), created if the scope has none.
 * A scope has one active URL; asking again returns it (`created: false`). Rotate to replace it.
 */
export async function createCaptureEndpointHandler({ ctx, input }: { ctx: TenantContext; input: CreateCaptureEndpointInput }) {
  if (input.offerId) await requireOffer(ctx.db, ctx.tenant.id, input.offerId);
  const { endpoint, created } = await ensureCaptureEndpoint(ctx.db, ctx.tenant.id, input.offerId);
  if (created) {
    await new AuditRepository(ctx.db).record({
      tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "capture_endpoint.created",
      targetType: "capture_endpoint", targetId: endpoint.id, data: { offerId: input.offerId },
    });
  }
  return { endpoint: toCaptureEndpointView(endpoint, ctx.baseUrl), created };
}
