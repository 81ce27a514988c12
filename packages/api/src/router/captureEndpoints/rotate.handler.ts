import { AuditRepository, rotateCaptureEndpoint } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { toCaptureEndpointView } from "./_shared";
import type { RotateCaptureEndpointInput } from "./rotate.schema";

/**
 * Replaces a capture URL (e.g. after it leaked): the old one answers 404 at once, so the
 * new one must be pasted into Partner Center before the next lead arrives.
 */
export async function rotateCaptureEndpointHandler({ ctx, input }: { ctx: TenantContext; input: RotateCaptureEndpointInput }) {
  const rotated = await rotateCaptureEndpoint(ctx.db, ctx.tenant.id, input.id);
  if (!rotated) throw appError("NOT_FOUND", "captureEndpointNotFound", "No such active capture URL in this publisher account.");
  await new AuditRepository(ctx.db).record({
    tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "capture_endpoint.rotated",
    targetType: "capture_endpoint", targetId: rotated.endpoint.id, data: { revokedId: input.id, offerId: rotated.endpoint.offerId },
  });
  return { endpoint: toCaptureEndpointView(rotated.endpoint, ctx.baseUrl), revokedId: input.id };
}
