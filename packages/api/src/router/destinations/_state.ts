import { AuditRepository, DestinationRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import { requireDestination, viewWithCounts, type TenantCtx } from "./_shared";

type Change = "pause" | "resume" | "disable" | "enable";

const AUDIT_ACTION: Record<Change, string> = {
  pause: "destination.paused",
  resume: "destination.resumed",
  disable: "destination.disabled",
  enable: "destination.enabled",
};

/**
 * Pausing or disabling holds the destination's queued deliveries; resuming or enabling
 * makes it ACTIVE and queues everything held, oldest capture first ("re-enabling
 * replays what it missed"). Disabled destinations also get no new deliveries.
 */
export async function changeDestinationState(ctx: TenantCtx, id: string, change: Change) {
  const before = await requireDestination(ctx.db, ctx.tenant.id, id);
  return ctx.db.$transaction(async (tx) => {
    const destinations = new DestinationRepository(tx);
    // Lock first: a worker finishing a delivery updates the same row's health.
    await destinations.lockHealth(id);
    let held = 0;
    let released = 0;
    if (change === "pause" || change === "disable") {
      const result = await destinations.stop(ctx.tenant.id, id, change === "pause" ? "PAUSED" : "DISABLED");
      if (!result) throw appError("NOT_FOUND", "destinationNotFound", "No such destination in this publisher account.");
      held = result.held;
    } else {
      const result = await destinations.start(ctx.tenant.id, id);
      if (!result) throw appError("NOT_FOUND", "destinationNotFound", "No such destination in this publisher account.");
      released = result.released;
    }
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: AUDIT_ACTION[change],
      targetType: "destination",
      targetId: id,
      data: { from: before.state, automatic: false, ...(held ? { heldDeliveries: held } : {}), ...(released ? { releasedDeliveries: released } : {}) },
    });
    const destination = await destinations.findById(ctx.tenant.id, id);
    return { destination: await viewWithCounts(tx, destination!), held, released };
  });
}
