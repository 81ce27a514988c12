import { AuditRepository, DeliveryRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantCtx } from "./_shared";
import type { ReplayDeliveryInput } from "./replayDelivery.schema";

/**
 * Sends one failed delivery again with the same idempotency key, so a receiver that got
 * it after all can drop the duplicate. To a paused or disabled destination it is held
 * and goes out when the destination is resumed.
 */
export async function replayDeliveryHandler({ ctx, input }: { ctx: TenantCtx; input: ReplayDeliveryInput }) {
  return ctx.db.$transaction(async (tx) => {
    const result = await new DeliveryRepository(tx).replayOne(ctx.tenant.id, input.deliveryId);
    if (!result.ok && result.reason === "notFound") {
      throw appError("NOT_FOUND", "deliveryNotFound", "No such delivery in this publisher account.");
    }
    if (!result.ok) {
      throw appError(
        "BAD_REQUEST",
        "deliveryNotFailed",
        `Only failed deliveries can be replayed; this one is ${result.status.toLowerCase()}.`,
      );
    }
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "destination.replayed",
      targetType: "destination",
      targetId: result.destinationId,
      data: { deliveryIds: [input.deliveryId], status: result.status },
    });
    return { deliveryId: input.deliveryId, status: result.status };
  });
}
