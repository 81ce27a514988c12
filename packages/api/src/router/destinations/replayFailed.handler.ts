import { AuditRepository, DeliveryRepository, DestinationRepository } from "@leadrelay/db";
import { requireDestination, type TenantCtx } from "./_shared";
import type { ReplayFailedInput } from "./replayFailed.schema";

/** Sends every failed delivery of the destination again, oldest capture first, with their idempotency keys unchanged. */
export async function replayFailedHandler({ ctx, input }: { ctx: TenantCtx; input: ReplayFailedInput }) {
  const destination = await requireDestination(ctx.db, ctx.tenant.id, input.id);
  return ctx.db.$transaction(async (tx) => {
    // Locked so a concurrent pause cannot slip between reading the state and queueing.
    const health = await new DestinationRepository(tx).lockHealth(destination.id);
    const result = await new DeliveryRepository(tx).replayFailedForDestination(ctx.tenant.id, destination.id, health?.state ?? destination.state);
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "destination.replayed",
      targetType: "destination",
      targetId: destination.id,
      data: { allFailed: true, queued: result.queued, held: result.held },
    });
    return result;
  });
}
